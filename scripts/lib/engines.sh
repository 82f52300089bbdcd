# shellcheck shell=bash
# Two Docker Engines ("hosts") side by side, each with its own bridge, socket,
# data root, exec root and managed containerd (started by dockerd under its exec root).

engine_ok() { docker_on "$1" version --format '{{.Server.Version}}' >/dev/null 2>&1; }
engine_running() { pid_of "$(host_dir "$1")/docker.pid" >/dev/null && engine_ok "$1"; }

# Bridges we create are recorded so `down` removes only those.
ensure_bridge() {
  local bridge=$1 cidr=$2
  if ! ip link show "$bridge" >/dev/null 2>&1; then
    log "bridge: creating $bridge $cidr"
    ip link add "$bridge" type bridge
    echo "$bridge" >>"$DIR/bridges"
  fi
  ip -4 addr show dev "$bridge" | grep -q "inet $cidr" || ip addr add "$cidr" dev "$bridge"
  ip link set "$bridge" up
}

start_engine() {
  local host=$1 hdir sock exec_root
  hdir="$(host_dir "$host")" sock="$(host_sock "$host")" exec_root="$(host_exec_root "$host")"
  if engine_running "$host"; then
    log "$host: dockerd already running"
    return 0
  fi
  pid_of "$hdir/docker.pid" >/dev/null && die "$host: dockerd pid $(cat "$hdir/docker.pid") alive but $sock does not answer"
  ((${#sock} <= 100)) || die "$host: socket path too long (${#sock} > 100 chars): $sock; use a shorter BATON_STACK_DIR"
  mkdir -p "$hdir/data" "$exec_root"
  ensure_bridge "$(host_bridge "$host")" "$(host_cidr "$host")"
  # An empty config file so /etc/docker/daemon.json (e.g. "hosts") cannot interfere.
  [[ -s "$hdir/daemon.json" ]] || echo '{}' >"$hdir/daemon.json"
  rm -f "$sock" "$hdir/docker.pid"
  log "$host: starting dockerd on unix://$sock (bridge $(host_bridge "$host"))"
  spawn - "$hdir/dockerd.log" /usr/sbin/dockerd \
    --config-file "$hdir/daemon.json" \
    --data-root "$hdir/data" --exec-root "$exec_root" \
    --pidfile "$hdir/docker.pid" -H "unix://$sock" \
    -b "$(host_bridge "$host")" --iptables=false --ip-masq=false
  wait_for "$host" 60 engine_ok "$host" || {
    tail -n 30 "$hdir/dockerd.log" >&2
    die "$host: dockerd did not answer on $sock within 60 s"
  }
}

stop_engine() {
  local host=$1
  stop_pid "$host dockerd" "$(host_dir "$host")/docker.pid" TERM 40
}

remove_bridges() {
  [[ -s "$DIR/bridges" ]] || return 0
  local bridge
  while read -r bridge; do
    [[ -n "$bridge" ]] || continue
    if ip link show "$bridge" >/dev/null 2>&1; then
      log "bridge: removing $bridge"
      ip link del "$bridge" || warn "could not remove bridge $bridge"
    fi
  done <"$DIR/bridges"
  rm -f "$DIR/bridges"
}
