# shellcheck shell=bash
# The stack's Docker hosts, each a machine of its own: a network namespace joined to the stack's
# LAN bridge by a veth pair, with its own address there, and dockerd running inside it with its
# normal iptables, NAT and port publishing. Baton and the tests reach each engine only through its
# API socket; what a host publishes answers on its LAN address.

engine_ok() { docker_on "$1" version --format '{{.Server.Version}}' >/dev/null 2>&1; }
engine_running() { pid_of "$(host_dir "$1")/docker.pid" >/dev/null && engine_ok "$1"; }

# Bridges and namespaces we create are recorded so `down` removes only those.
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

# hostN's namespace, its veth (the namespace's name in this namespace, lan0 inside) on the LAN,
# its address and a default route via the LAN gateway. Idempotent: `up` after a crash repairs it.
ensure_host_netns() {
  local host=$1 ns addr
  ns="$(host_netns "$host")" addr="$(host_address "$host")"
  ensure_bridge "$LAN_BRIDGE" "$LAN_GATEWAY/24"
  if [[ ! -e "/var/run/netns/$ns" ]]; then
    # A veth of that name is left from a namespace something still held: it is not this one's.
    ip link del "$ns" >/dev/null 2>&1 || true
    log "$host: creating network namespace $ns ($addr on $LAN_BRIDGE)"
    ip netns add "$ns"
    echo "$ns" >>"$DIR/netns"
  fi
  ip link show "$ns" >/dev/null 2>&1 || ip link add "$ns" type veth peer name lan0 netns "$ns"
  ip link set "$ns" master "$LAN_BRIDGE" up
  ip -n "$ns" link set lo up
  ip -n "$ns" link set lan0 up
  ip -n "$ns" -4 addr show dev lan0 | grep -q "inet $addr/" || ip -n "$ns" addr add "$addr/24" dev lan0
  ip -n "$ns" route replace default via "$LAN_GATEWAY"
}

start_engine() {
  local host=$1 hdir sock exec_root ns
  hdir="$(host_dir "$host")" sock="$(host_sock "$host")" exec_root="$(host_exec_root "$host")"
  ns="$(host_netns "$host")"
  if engine_running "$host"; then
    log "$host: dockerd already running"
    return 0
  fi
  pid_of "$hdir/docker.pid" >/dev/null && die "$host: dockerd pid $(cat "$hdir/docker.pid") alive but $sock does not answer"
  ((${#sock} <= 100)) || die "$host: socket path too long (${#sock} > 100 chars): $sock; use a shorter BATON_STACK_DIR"
  mkdir -p "$hdir/data" "$exec_root"
  ensure_host_netns "$host"
  # Its own config file, so /etc/docker/daemon.json (e.g. "hosts") cannot interfere.
  echo '{}' >"$hdir/daemon.json"
  rm -f "$sock" "$hdir/docker.pid"
  log "$host: starting dockerd on unix://$sock (namespace $ns, address $(host_address "$host"))"
  # nsenter, not `ip netns exec`: that remounts /sys, and dockerd then finds no devices cgroup.
  spawn - "$hdir/dockerd.log" nsenter --net="/var/run/netns/$ns" /usr/sbin/dockerd \
    --config-file "$hdir/daemon.json" \
    --data-root "$hdir/data" --exec-root "$exec_root" \
    --pidfile "$hdir/docker.pid" -H "unix://$sock" \
    --bip "$(host_bip "$host")" --insecure-registry "$REGISTRY"
  wait_for "$host" 60 engine_ok "$host" || {
    tail -n 30 "$hdir/dockerd.log" >&2
    die "$host: dockerd did not answer on $sock within 60 s"
  }
}

stop_engine() {
  local host=$1
  stop_pid "$host dockerd" "$(host_dir "$host")/docker.pid" TERM 40
  # A dockerd that was killed leaves its namespace bound under its exec root; that mount would
  # keep the namespace, and with it the veth and the host's LAN address, alive after `down`.
  local mnt
  while read -r mnt; do
    umount "$mnt" || warn "$host: could not unmount $mnt"
  done < <(awk -v d="$(host_exec_root "$host")/" 'index($2, d) == 1 {print $2}' /proc/mounts | sort -r)
}

# Deleting a namespace deletes its veth pair (and whatever dockerd left in it).
remove_netns() {
  [[ -s "$DIR/netns" ]] || return 0
  local ns
  while read -r ns; do
    [[ -n "$ns" && -e "/var/run/netns/$ns" ]] || continue
    log "netns: removing $ns"
    ip netns del "$ns" || warn "could not remove network namespace $ns"
  done <"$DIR/netns"
  rm -f "$DIR/netns"
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
