# shellcheck shell=bash
# Building and running the Baton service jar.

BATON_JAR="$BATON_REPO/service/target/baton-service.jar"

# Replica r (1..BATON_REPLICAS) listens on BATON_PORT+r-1; replica 1 keeps the plain file names
# (baton.pid, baton.log) that the tests and benchmarks read.
replica_port() { echo $((BATON_PORT + $1 - 1)); }
replica_url() { echo "http://127.0.0.1:$(replica_port "$1")"; }
replica_file() { if (($1 == 1)); then echo "$DIR/baton.$2"; else echo "$DIR/baton-$1.$2"; fi; }
replica_urls() {
  local r urls=""
  for ((r = 1; r <= BATON_REPLICAS; r++)); do urls+="${urls:+,}$(replica_url "$r")"; done
  echo "$urls"
}

baton_healthy() { curl -fsS --max-time 3 "$(replica_url "${1:-1}")/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; }
baton_running() { pid_of "$(replica_file "${1:-1}" pid)" >/dev/null && baton_healthy "${1:-1}"; }

# True when the jar is missing or older than any main source, migration or pom (test
# sources do not go into the jar).
baton_jar_stale() {
  [[ -f "$BATON_JAR" ]] || return 0
  local newer
  newer="$(cd "$BATON_REPO" && find ./*/src/main ./ui/src ./ui/index.html ./ui/package.json db/migrations \
    -type f -newer "$BATON_JAR" -print -quit 2>/dev/null || true)"
  [[ -z "$newer" ]] || return 0
  newer="$(cd "$BATON_REPO" && find . -name pom.xml -not -path '*/target/*' -not -path './.stack*' \
    -not -path '*/node_modules/*' -newer "$BATON_JAR" -print -quit)"
  [[ -n "$newer" ]]
}

build_baton() {
  baton_jar_stale || return 0
  log "baton: building (mvn -B -q -DskipTests package)"
  (cd "$BATON_REPO" && mvn -B -q -DskipTests package) || die "Baton build failed (see Maven output above)"
  [[ -f "$BATON_JAR" ]] || die "Baton build produced no $BATON_JAR"
}

admin_token() {
  local file="$DIR/admin-token"
  if [[ ! -s "$file" ]]; then
    (umask 077 && od -An -tx1 -N24 /dev/urandom | tr -d ' \n' >"$file")
  fi
  cat "$file"
}

# The key Baton encrypts secrets and configs with (32 random bytes, base64), made once per stack.
# BATON_SECRETS_PREVIOUS_KEYS (comma separated) still decrypt during a rotation.
secrets_key() {
  local file="$DIR/secrets-key"
  if [[ ! -s "$file" ]]; then
    (umask 077 && head -c 32 /dev/urandom | base64 -w0 >"$file")
  fi
  cat "$file"
}

docker_hosts_spec() {
  local host spec=""
  for host in "${HOSTS[@]}"; do spec+="${spec:+,}$host=unix://$(host_sock "$host");address=$(host_address "$host")"; done
  # BATON_EXTRA_HOSTS=name=endpoint,...: more hosts for this start (the benchmarks' hollow hosts).
  echo "$spec${BATON_EXTRA_HOSTS:+,$BATON_EXTRA_HOSTS}"
}

start_batons() {
  local r
  for ((r = 1; r <= BATON_REPLICAS; r++)); do start_baton "$r"; done
}

# One replica at a time, each UP before the next stops: the API and the workers stay up (a new
# build goes in this way, docs/operations.md).
restart_batons() {
  local r
  for ((r = 1; r <= BATON_REPLICAS; r++)); do
    stop_baton "$r"
    start_baton "$r"
  done
}

start_baton() {
  local r=${1:-1} port url pidfile logfile
  port="$(replica_port "$r")" url="$(replica_url "$r")"
  pidfile="$(replica_file "$r" pid)" logfile="$(replica_file "$r" log)"
  if baton_running "$r"; then
    log "baton: replica $r already running on $url"
    return 0
  fi
  local pid
  if pid="$(pid_of "$pidfile")"; then
    log "baton: replica $r pid $pid alive but not healthy yet; waiting for it"
  else
    # A Baton just killed (kill -9) may hold its port for a moment while it exits.
    local waited=0
    while port_open "$port" && ((waited < 20)); do
      sleep 0.5
      waited=$((waited + 1))
    done
    port_open "$port" && die "port $port is taken by another process"
    build_baton
    # Run a copy per replica: a later Maven build rewrites target/ and would pull classes out from
    # under a running JVM, and a rolling restart replaces one replica's jar at a time.
    local jar="$DIR/baton-service.jar"
    ((r == 1)) || jar="$DIR/baton-service-$r.jar"
    cp "$BATON_JAR" "$jar"
    log "baton: starting replica $r on $url"
    local -a java_opts=()
    read -r -a java_opts <<<"$BATON_JAVA_OPTS"
    echo "--- start $(date -Is)" >>"$logfile"
    SERVER_ADDRESS=127.0.0.1 SERVER_PORT="$port" \
      SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/baton" \
      SPRING_DATASOURCE_USERNAME=baton SPRING_DATASOURCE_PASSWORD=baton \
      SPRING_TEMPORAL_CONNECTION_TARGET="$TEMPORAL_ADDRESS" \
      BATON_TEMPORAL_UI_URL="$TEMPORAL_UI_URL" \
      BATON_ADMIN_TOKEN="$BATON_ADMIN_TOKEN" \
      BATON_SECRETS_KEY="$(secrets_key)" \
      BATON_SECRETS_PREVIOUS_KEYS="${BATON_SECRETS_PREVIOUS_KEYS:-}" \
      BATON_HOSTS="$(docker_hosts_spec)" \
      BATON_BALANCER_IMAGE="$(balancer_image)" \
      BATON_OPERATIONS_PER_RUN="${BATON_OPERATIONS_PER_RUN:-100}" \
      BATON_BACKUPS_DIR="$DIR/backups" \
      spawn "$pidfile" "$logfile" java "${java_opts[@]}" -jar "$jar"
  fi
  wait_baton_healthy "$r"
}

wait_baton_healthy() {
  local r=$1 pidfile logfile deadline=$((SECONDS + BATON_STARTUP_TIMEOUT))
  pidfile="$(replica_file "$r" pid)" logfile="$(replica_file "$r" log)"
  until baton_healthy "$r"; do
    if ! pid_of "$pidfile" >/dev/null; then
      tail -n 50 "$logfile" >&2
      die "baton replica $r exited during startup (log: $logfile)"
    fi
    if ((SECONDS >= deadline)); then
      tail -n 50 "$logfile" >&2
      die "baton replica $r not UP on $(replica_url "$r")/actuator/health within ${BATON_STARTUP_TIMEOUT}s (log: $logfile)"
    fi
    sleep 0.5
  done
  log "baton: replica $r UP (pid $(cat "$pidfile"))"
}

stop_baton() { stop_pid "baton replica ${1:-1}" "$(replica_file "${1:-1}" pid)" TERM 30; }

# Every replica that has a pid file, however many this start asks for.
stop_batons() {
  local f r
  for f in "$DIR"/baton.pid "$DIR"/baton-*.pid; do
    [[ -e "$f" ]] || continue
    r="${f##*/baton-}" r="${r%.pid}"
    [[ "$f" == "$DIR/baton.pid" ]] && r=1
    stop_baton "$r"
  done
}
