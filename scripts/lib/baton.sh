# shellcheck shell=bash
# Building and running the Baton service jar.

BATON_JAR="$BATON_REPO/service/target/baton-service.jar"

baton_healthy() { curl -fsS --max-time 3 "$BATON_URL/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; }
baton_running() { pid_of "$DIR/baton.pid" >/dev/null && baton_healthy; }

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

start_baton() {
  if baton_running; then
    log "baton: already running on $BATON_URL"
    return 0
  fi
  local pid
  if pid="$(pid_of "$DIR/baton.pid")"; then
    log "baton: pid $pid alive but not healthy yet; waiting for it"
  else
    # A Baton just killed (kill -9) may hold its port for a moment while it exits.
    local waited=0
    while port_open "$BATON_PORT" && ((waited < 20)); do
      sleep 0.5
      waited=$((waited + 1))
    done
    port_open "$BATON_PORT" && die "port $BATON_PORT is taken by another process"
    build_baton
    # Run a copy: a later Maven build rewrites target/ and would pull classes out from under a
    # running JVM.
    cp "$BATON_JAR" "$DIR/baton-service.jar"
    log "baton: starting on $BATON_URL"
    local -a java_opts=()
    read -r -a java_opts <<<"$BATON_JAVA_OPTS"
    echo "--- start $(date -Is)" >>"$DIR/baton.log"
    SERVER_ADDRESS=127.0.0.1 SERVER_PORT="$BATON_PORT" \
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
      spawn "$DIR/baton.pid" "$DIR/baton.log" java "${java_opts[@]}" -jar "$DIR/baton-service.jar"
  fi
  wait_baton_healthy
}

wait_baton_healthy() {
  local deadline=$((SECONDS + BATON_STARTUP_TIMEOUT))
  until baton_healthy; do
    if ! pid_of "$DIR/baton.pid" >/dev/null; then
      tail -n 50 "$DIR/baton.log" >&2
      die "baton exited during startup (log: $DIR/baton.log)"
    fi
    if ((SECONDS >= deadline)); then
      tail -n 50 "$DIR/baton.log" >&2
      die "baton not UP on $BATON_URL/actuator/health within ${BATON_STARTUP_TIMEOUT}s (log: $DIR/baton.log)"
    fi
    sleep 0.5
  done
  log "baton: UP (pid $(cat "$DIR/baton.pid"))"
}

stop_baton() { stop_pid baton "$DIR/baton.pid" TERM 30; }
