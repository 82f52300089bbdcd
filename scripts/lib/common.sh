# shellcheck shell=bash disable=SC2034 # variables here are used by the sourcing scripts
# Shared helpers for scripts/stack and scripts/test: configuration, logging,
# process supervision by pid file, and bounded waits.

BATON_REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DOCKER_BIN=/usr/bin/docker # /usr/local/bin/docker may be a newer, incompatible client
PG_BIN=/usr/lib/postgresql/15/bin

log() { printf '[stack %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
warn() { printf '[stack %s] WARNING: %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() {
  printf '[stack %s] ERROR: %s\n' "$(date +%H:%M:%S)" "$*" >&2
  exit 1
}

# Profile defaults; every value can be overridden from the environment.
load_config() {
  BATON_STACK_NAME="${BATON_STACK_NAME:-dev}"
  # Each stack has a slot: dev 0, test 1, any other name needs BATON_STACK_SLOT (2..5). The slot
  # offsets every port and subnet, so several stacks (a dev stack, the tests, a benchmark) can
  # run side by side on one machine.
  local slot baton temporal ui pg registry dir
  case "$BATON_STACK_NAME" in
    dev) slot=0 dir=.stack ;;
    test) slot=1 dir=.stack-test ;;
    *)
      [[ "$BATON_STACK_NAME" =~ ^[a-z][a-z0-9]{0,7}$ ]] ||
        die "BATON_STACK_NAME '$BATON_STACK_NAME': expected dev, test or a short lowercase name"
      slot="${BATON_STACK_SLOT:-}"
      [[ "$slot" =~ ^[2-5]$ ]] || die "BATON_STACK_NAME=$BATON_STACK_NAME needs BATON_STACK_SLOT=2..5"
      dir=".stack-$BATON_STACK_NAME"
      ;;
  esac
  baton=$((8080 + slot * 10000)) temporal=$((7233 + slot * 10000)) ui=$((8233 + slot * 10000))
  pg=$((5433 + slot * 10000)) registry=$((5000 + slot))
  STACK_SLOT=$slot
  BATON_STACK_DIR="${BATON_STACK_DIR:-$BATON_REPO/$dir}"
  BATON_PORT="${BATON_PORT:-$baton}"
  TEMPORAL_PORT="${TEMPORAL_PORT:-$temporal}"
  TEMPORAL_UI_PORT="${TEMPORAL_UI_PORT:-$ui}"
  # Temporal's /metrics and HTTP API ports: default 0 = let the server pick a free port.
  TEMPORAL_METRICS_PORT="${TEMPORAL_METRICS_PORT:-0}"
  TEMPORAL_HTTP_PORT="${TEMPORAL_HTTP_PORT:-0}"
  PG_PORT="${PG_PORT:-$pg}"
  REGISTRY_PORT="${REGISTRY_PORT:-$registry}"
  # Each host is a machine of its own: a network namespace on the stack's LAN (a bridge in this
  # namespace, LAN_PREFIX.1), at LAN_PREFIX.(10+n), with dockerd inside it (scripts/lib/engines.sh).
  BATON_STACK_HOSTS="${BATON_STACK_HOSTS:-3}"
  [[ "$BATON_STACK_HOSTS" =~ ^[1-9]$ ]] || die "BATON_STACK_HOSTS '$BATON_STACK_HOSTS': expected 1..9"
  LAN_BRIDGE="${LAN_BRIDGE:-br-bt-$BATON_STACK_NAME}"
  LAN_PREFIX="${LAN_PREFIX:-172.30.$slot}"
  BATON_STARTUP_TIMEOUT="${BATON_STARTUP_TIMEOUT:-240}"
  # Baton processes against the one Temporal and PostgreSQL (docs/operations.md).
  BATON_REPLICAS="${BATON_REPLICAS:-1}"
  [[ "$BATON_REPLICAS" =~ ^[1-9]$ ]] || die "BATON_REPLICAS '$BATON_REPLICAS': expected 1..9"
  BATON_JAVA_OPTS="${BATON_JAVA_OPTS:-}"
  BATON_STACK_NO_DEMO="${BATON_STACK_NO_DEMO:-0}"

  [[ "$BATON_STACK_DIR" == /* ]] || BATON_STACK_DIR="$PWD/$BATON_STACK_DIR"
  DIR="$BATON_STACK_DIR"
  RUN_PREFIX="/run/bt-$BATON_STACK_NAME" # short exec roots: unix socket paths are limited
  LAN_GATEWAY="$LAN_PREFIX.1"
  # On the LAN, so that every host pulls from it (engines trust it as an insecure registry).
  REGISTRY="$LAN_GATEWAY:$REGISTRY_PORT"
  BATON_URL="http://127.0.0.1:$BATON_PORT"
  TEMPORAL_ADDRESS="127.0.0.1:$TEMPORAL_PORT"
  TEMPORAL_UI_URL="http://127.0.0.1:$TEMPORAL_UI_PORT"
  HOSTS=()
  local n
  for ((n = 1; n <= BATON_STACK_HOSTS; n++)); do HOSTS+=("host$n"); done
}

host_dir() { echo "$DIR/h${1#host}"; }
host_sock() { echo "$(host_dir "$1")/docker.sock"; }
host_exec_root() { echo "$RUN_PREFIX-h${1#host}"; }
host_netns() { echo "bt-$BATON_STACK_NAME-h${1#host}"; }
# The address other hosts and clients reach hostN by: what it publishes binds to.
host_address() { echo "$LAN_PREFIX.$((10 + ${1#host}))"; }
# The engine's own container bridge inside its namespace (distinct per host for readable routes).
host_bip() { echo "172.31.$((STACK_SLOT * 10 + ${1#host})).1/24"; }
docker_on() {
  local host=$1
  shift
  "$DOCKER_BIN" -H "unix://$(host_sock "$host")" "$@"
}

# --- process supervision -----------------------------------------------------

# alive PID: the process exists and is not a zombie (an orphan that exited stays
# a zombie until PID 1 reaps it, which some minimal inits do only every few seconds).
alive() {
  local stat state
  stat="$(cat "/proc/$1/stat" 2>/dev/null)" || return 1
  state="${stat##*) }" # field 2 (comm) may contain spaces: skip past its ")"
  state="${state%% *}"
  [[ -n "$state" && "$state" != Z && "$state" != X ]]
}

# pid_of PIDFILE: prints the pid if the file names a live process.
pid_of() {
  local pidfile=$1 pid
  [[ -s "$pidfile" ]] || return 1
  pid="$(head -n1 "$pidfile" | tr -dc 0-9)"
  [[ -n "$pid" ]] && alive "$pid" || return 1
  echo "$pid"
}

# spawn PIDFILE LOG CMD...: start CMD in its own session, detached from the
# caller's terminal and process group; the pid written is CMD's own pid.
# With PIDFILE "-" nothing is written (the program writes its own pid file).
spawn() {
  local pidfile=$1 logfile=$2
  shift 2
  # shellcheck disable=SC2016
  [[ "$pidfile" == - ]] || rm -f "$pidfile"
  setsid bash -c '[[ "$0" == - ]] || echo $$ >"$0"; exec "$@"' "$pidfile" "$@" \
    >>"$logfile" 2>&1 </dev/null &
  # Callers check the pid file right away: wait (bounded) until the child has written it.
  local i
  for ((i = 0; i < 100; i++)); do
    [[ "$pidfile" == - || -s "$pidfile" ]] && return 0
    sleep 0.05
  done
}

# stop_pid NAME PIDFILE [SIGNAL] [TIMEOUT]: signal, wait bounded, then SIGKILL.
stop_pid() {
  local name=$1 pidfile=$2 sig=${3:-TERM} timeout=${4:-20} pid i
  if ! pid="$(pid_of "$pidfile")"; then
    rm -f "$pidfile"
    return 0
  fi
  log "stopping $name (pid $pid)"
  kill "-$sig" "$pid" 2>/dev/null || true
  for ((i = 0; i < timeout * 10; i++)); do
    alive "$pid" || break
    sleep 0.1
  done
  if alive "$pid"; then
    warn "$name did not exit within ${timeout}s, sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    sleep 0.2
  fi
  rm -f "$pidfile"
}

# wait_for DESCRIPTION TIMEOUT CMD...: poll CMD every 0.2 s until it succeeds.
wait_for() {
  local timeout=$2 deadline # $1 only documents the call site
  shift 2
  deadline=$((SECONDS + timeout))
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || return 1
    sleep 0.2
  done
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

http_ok() { curl -fsS -o /dev/null --max-time 2 "$1"; }

# Quote a value for a POSIX shell: 'it'\''s'.
sh_quote() { printf "'%s'" "${1//\'/\'\\\'\'}"; }

# elapsed_since EPOCHREALTIME: seconds since then, one decimal.
elapsed_since() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }'; }
