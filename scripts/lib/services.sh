# shellcheck shell=bash
# Temporal dev server, PostgreSQL and the image registry.

SEARCH_ATTRIBUTES=(BatonApp=Keyword BatonOperation=Keyword BatonRevision=Int BatonStatus=Keyword)

# --- Temporal ------------------------------------------------------------------

temporal_healthy() {
  "$TEMPORAL_BIN" operator cluster health --address "$TEMPORAL_ADDRESS" 2>/dev/null | grep -q SERVING
}

temporal_running() { pid_of "$DIR/temporal.pid" >/dev/null && temporal_healthy; }

start_temporal() {
  if temporal_running; then
    log "temporal: already running"
    return 0
  fi
  pid_of "$DIR/temporal.pid" >/dev/null && die "temporal: pid $(cat "$DIR/temporal.pid") alive but not healthy on $TEMPORAL_ADDRESS"
  port_open "$TEMPORAL_PORT" && die "port $TEMPORAL_PORT is taken by another process"
  local -a args=(server start-dev --db-filename "$DIR/temporal.db" --ip 127.0.0.1
    --port "$TEMPORAL_PORT" --ui-port "$TEMPORAL_UI_PORT" --namespace default --log-level warn)
  ((TEMPORAL_METRICS_PORT)) && args+=(--metrics-port "$TEMPORAL_METRICS_PORT")
  ((TEMPORAL_HTTP_PORT)) && args+=(--http-port "$TEMPORAL_HTTP_PORT")
  local sa
  for sa in "${SEARCH_ATTRIBUTES[@]}"; do args+=(--search-attribute "$sa"); done
  log "temporal: starting on $TEMPORAL_ADDRESS (UI $TEMPORAL_UI_URL)"
  spawn "$DIR/temporal.pid" "$DIR/temporal.log" "$TEMPORAL_BIN" "${args[@]}"
  wait_for temporal 60 temporal_healthy || {
    tail -n 30 "$DIR/temporal.log" >&2
    die "temporal did not become healthy within 60 s (log: $DIR/temporal.log)"
  }
  ensure_search_attributes
}

# start-dev registers them with --search-attribute; verify, and create any missing.
ensure_search_attributes() {
  local listing sa out
  listing="$("$TEMPORAL_BIN" operator search-attribute list --address "$TEMPORAL_ADDRESS" 2>/dev/null || true)"
  for sa in "${SEARCH_ATTRIBUTES[@]}"; do
    grep -qw "${sa%%=*}" <<<"$listing" && continue
    out="$("$TEMPORAL_BIN" operator search-attribute create --address "$TEMPORAL_ADDRESS" \
      --name "${sa%%=*}" --type "${sa#*=}" 2>&1)" || grep -qi 'already exists' <<<"$out" ||
      die "temporal: cannot create search attribute $sa: $out"
  done
}

# --- PostgreSQL (runs as the postgres OS user: it refuses to run as root) -------

pg_socket_dir() { echo "$RUN_PREFIX-pg"; }
pg_as() { runuser -u postgres -- "$@"; }
pg_ready() { "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT"; }
pg_running() { pid_of "$DIR/postgres.pid" >/dev/null && pg_ready; }

start_postgres() {
  if pg_running; then
    log "postgres: already running"
    return 0
  fi
  local data="$DIR/pg/data" sock
  sock="$(pg_socket_dir)"
  mkdir -p "$DIR/pg" "$sock"
  chown postgres: "$DIR/pg" "$sock"
  grant_traverse "$DIR/pg"
  if [[ ! -s "$data/PG_VERSION" ]]; then
    log "postgres: initdb $data"
    pg_as "$PG_BIN/initdb" -D "$data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
      -E UTF8 --locale=C.UTF-8 >"$DIR/pg/initdb.log" 2>&1 ||
      { cat "$DIR/pg/initdb.log" >&2; die "initdb failed"; }
  fi
  port_open "$PG_PORT" && die "port $PG_PORT is taken by another process"
  log "postgres: starting on 127.0.0.1:$PG_PORT"
  pg_as "$PG_BIN/pg_ctl" -D "$data" -l "$DIR/pg/postgres.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $sock" start >/dev/null ||
    { tail -n 30 "$DIR/pg/postgres.log" >&2; die "postgres did not start"; }
  head -n1 "$data/postmaster.pid" >"$DIR/postgres.pid"
  wait_for postgres 30 pg_ready || die "postgres not ready"
  ensure_baton_db
}

# The postgres user must be able to reach its data dir: add o+x (search only, not
# read) to any ancestor that blocks it, e.g. a repo checked out under /root.
grant_traverse() {
  local path=$1
  runuser -u postgres -- test -x "$path" && return 0
  local d="" part
  local -a parts
  IFS=/ read -r -a parts <<<"${path#/}"
  for part in "${parts[@]}"; do # top-down, so each test only depends on fixed ancestors
    d+="/$part"
    if ! runuser -u postgres -- test -x "$d"; then
      warn "postgres: chmod o+x $d so the postgres user can reach $path"
      chmod o+x "$d"
    fi
  done
  runuser -u postgres -- test -x "$path" || die "postgres user cannot reach $path"
}

psql_admin() { pg_as "$PG_BIN/psql" -h "$(pg_socket_dir)" -p "$PG_PORT" -U postgres -d postgres -tAq -v ON_ERROR_STOP=1 "$@"; }

ensure_baton_db() {
  [[ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname='baton'")" == 1 ]] ||
    psql_admin -c "CREATE ROLE baton LOGIN PASSWORD 'baton'"
  [[ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname='baton'")" == 1 ]] ||
    psql_admin -c "CREATE DATABASE baton OWNER baton"
}

stop_postgres() {
  # SIGINT = PostgreSQL's "fast" shutdown (SIGTERM would wait for clients to leave).
  stop_pid postgres "$DIR/postgres.pid" INT 30
}

# --- Registry (Debian's docker-registry) ---------------------------------------

registry_ok() { curl -fsS -o /dev/null --max-time 2 "http://$REGISTRY/v2/"; }
registry_running() { pid_of "$DIR/registry.pid" >/dev/null && registry_ok; }

start_registry() {
  if registry_running; then
    log "registry: already running"
    return 0
  fi
  port_open "$REGISTRY_PORT" && die "port $REGISTRY_PORT is taken by another process"
  mkdir -p "$DIR/registry/data"
  cat >"$DIR/registry/config.yml" <<YAML
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $DIR/registry/data
  delete:
    enabled: true
http:
  addr: $REGISTRY
YAML
  log "registry: starting on $REGISTRY"
  spawn "$DIR/registry.pid" "$DIR/registry.log" docker-registry serve "$DIR/registry/config.yml"
  wait_for registry 30 registry_ok || {
    tail -n 20 "$DIR/registry.log" >&2
    die "registry did not answer on $REGISTRY"
  }
}
