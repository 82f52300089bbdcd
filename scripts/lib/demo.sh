# shellcheck shell=bash
# Demo images (built FROM scratch with Debian's static busybox, legacy builder)
# and the demo app deployment.

DEMO_IMAGES_DIR="$BATON_REPO/scripts/demo/images"
# name:tag:dockerfile-folder:build-arg
DEMO_IMAGES=(
  "web:v1:web:VERSION=v1"
  "web:v2:web:VERSION=v2"
  "never-healthy:v1:never-healthy:"
  "crash:v1:crash:"
)

registry_has_tag() {
  local name=$1 tag=$2
  curl -fsS --max-time 5 "http://$REGISTRY/v2/$name/tags/list" 2>/dev/null |
    grep -Eq "\"tags\":\[[^]]*\"$tag\""
}

build_demo_images() {
  local spec name tag folder arg ref ctx
  for spec in "${DEMO_IMAGES[@]}"; do
    IFS=: read -r name tag folder arg <<<"$spec"
    ref="$REGISTRY/baton-demo/$name:$tag"
    if registry_has_tag "baton-demo/$name" "$tag"; then
      continue
    fi
    log "images: building $ref"
    ctx="$DIR/build/$folder"
    rm -rf "$ctx" && mkdir -p "$ctx"
    cp -r "$DEMO_IMAGES_DIR/$folder/." "$ctx/"
    cp /bin/busybox "$ctx/busybox"
    local -a build_args=()
    [[ -n "$arg" ]] && build_args=(--build-arg "$arg")
    DOCKER_BUILDKIT=0 docker_on host1 build -q "${build_args[@]}" -t "$ref" "$ctx" >"$DIR/build/$name-$tag.log" 2>&1 ||
      { cat "$DIR/build/$name-$tag.log" >&2; die "build of $ref failed"; }
    docker_on host1 push "$ref" >>"$DIR/build/$name-$tag.log" 2>&1 ||
      { cat "$DIR/build/$name-$tag.log" >&2; die "push of $ref failed"; }
  done
}

api() {
  local method=$1 path=$2
  shift 2
  curl -sS --max-time 30 -X "$method" -H "Authorization: Bearer $BATON_ADMIN_TOKEN" "$@" "$BATON_URL/api/v1$path"
}

demo_db_password() {
  local file="$DIR/demo-db-password"
  if [[ ! -s "$file" ]]; then
    (umask 077 && od -An -tx1 -N16 /dev/urandom | tr -d ' \n' >"$file")
  fi
  cat "$file"
}

deploy_demo_app() {
  if [[ "$BATON_STACK_NO_DEMO" == 1 ]]; then
    log "demo: skipped (BATON_STACK_NO_DEMO=1)"
    return 0
  fi
  # An app that was deleted is still known, but runs no revision: deploy it again then.
  if api GET /apps/demo 2>/dev/null | grep -q '"currentRevision":[0-9]'; then
    log "demo: app 'demo' already exists"
    return 0
  fi
  local body out password
  # The database's password, a secret of the app: made once per stack, sent as a variable.
  password="$(demo_db_password)"
  body="$(sed "/^[[:space:]]*#/!s|\${REGISTRY}|$REGISTRY|g" "$BATON_REPO/scripts/demo/compose.yml" |
    python3 -c 'import json, sys; print(json.dumps({"compose": sys.stdin.read(), "variables": {"DEMO_DB_PASSWORD": sys.argv[1]}}))' "$password")"
  log "demo: deploying scripts/demo/compose.yml as app 'demo'"
  if out="$(api POST /apps/demo/deployments -f -H 'Content-Type: application/json' --data-binary "$body" 2>&1)"; then
    log "demo: accepted: $out"
  else
    warn "demo: deployment request failed (is the API implemented yet?): $out"
  fi
}

# Debian images: nothing can be pulled from the internet here, so the balancers' HAProxy and the
# founding demo's Redis and PostgreSQL come from Debian's packages on a minimal Debian made with
# debootstrap. Each root filesystem is built once per machine and cached as a tar; each stack
# imports it and serves it from its registry.
DEBIAN_CACHE_DIR="${BATON_CACHE_DIR:-$HOME/.cache/baton}"

balancer_image() {
  echo "$REGISTRY/baton/haproxy:bookworm"
}

# The Debian mirror apt already uses (the only one reachable here).
debian_mirror() {
  local uri
  uri="$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null)"
  [[ -n "$uri" ]] || uri="$(awk '$1 == "deb" {print $2; exit}' /etc/apt/sources.list 2>/dev/null)"
  echo "${uri:-http://deb.debian.org/debian}"
}
# debian_rootfs NAME PACKAGES [TRIM]: the cached tar of a Debian bookworm root filesystem with
# PACKAGES (comma separated), made once per machine; TRIM, a function, may shrink the tree first.
debian_rootfs() {
  local name=$1 packages=$2 trim=${3:-} cache root
  cache="$DEBIAN_CACHE_DIR/debian-bookworm-$name.tar"
  if [[ ! -s "$cache" ]]; then
    root="$DIR/build/$name-rootfs"
    rm -rf "$root" && mkdir -p "$root" "$DEBIAN_CACHE_DIR"
    log "images: debootstrap of Debian bookworm with $packages (once per machine, about a minute)" >&2
    debootstrap --variant=minbase --include="$packages" bookworm "$root" "$(debian_mirror)" \
      >"$DIR/build/debootstrap-$name.log" 2>&1 ||
      { tail -20 "$DIR/build/debootstrap-$name.log" >&2; die "debootstrap of $name failed"; }
    rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/* \
      "$root"/usr/share/doc "$root"/usr/share/man "$root"/usr/share/locale
    [[ -z "$trim" ]] || "$trim" "$root"
    tar -C "$root" -cf "$cache.tmp" . && mv "$cache.tmp" "$cache"
    rm -rf "$root"
  fi
  echo "$cache"
}

# import_and_push TAR REF CMD: the root filesystem as image REF in the stack's registry.
import_and_push() {
  local tar=$1 ref=$2 cmd=$3
  log "images: importing $ref"
  docker_on host1 import -c "CMD $cmd" "$tar" "$ref" >/dev/null || die "import of $ref failed"
  docker_on host1 push "$ref" >"$DIR/build/push.log" 2>&1 ||
    { cat "$DIR/build/push.log" >&2; die "push of $ref failed"; }
}

build_balancer_image() {
  local tar
  registry_has_tag baton/haproxy bookworm && return 0
  tar="$(debian_rootfs haproxy haproxy)" || exit 1
  import_and_push "$tar" "$(balancer_image)" '["haproxy", "-v"]'
}

# The demo's PostgreSQL runs without JIT: LLVM (about 100 MB) and the package's own cluster go.
trim_demo_rootfs() {
  local root=$1
  rm -rf "$root"/usr/lib/x86_64-linux-gnu/libLLVM-* "$root"/usr/lib/postgresql/15/lib/llvmjit* \
    "$root"/usr/lib/postgresql/15/lib/bitcode "$root"/var/lib/postgresql/15/main \
    "$root"/etc/postgresql/15/main
}

# The founding demo app's parts (scripts/demo/images/parts) on a Debian base with busybox, Redis
# and PostgreSQL. A second tag names the folder's content, so a change to it builds it again.
build_parts_image() {
  local base="$REGISTRY/baton-demo/debian:bookworm" ref="$REGISTRY/baton-demo/parts:v1" ctx tar src
  src="src-$(cd "$DEMO_IMAGES_DIR/parts" && find . -type f | sort | xargs sha256sum | sha256sum | cut -c1-12)"
  registry_has_tag baton-demo/parts "$src" && return 0
  if ! registry_has_tag baton-demo/debian bookworm; then
    tar="$(debian_rootfs demo busybox,redis-server,postgresql trim_demo_rootfs)" || exit 1
    import_and_push "$tar" "$base" '["busybox", "sh"]'
  fi
  log "images: building $ref"
  ctx="$DIR/build/parts"
  rm -rf "$ctx" && mkdir -p "$ctx" && cp -r "$DEMO_IMAGES_DIR/parts/." "$ctx/"
  DOCKER_BUILDKIT=0 docker_on host1 build -q --build-arg "BASE=$base" -t "$ref" "$ctx" \
    >"$DIR/build/parts.log" 2>&1 || { cat "$DIR/build/parts.log" >&2; die "build of $ref failed"; }
  docker_on host1 tag "$ref" "$REGISTRY/baton-demo/parts:$src"
  { docker_on host1 push "$ref" && docker_on host1 push "$REGISTRY/baton-demo/parts:$src"; } \
    >>"$DIR/build/parts.log" 2>&1 || { cat "$DIR/build/parts.log" >&2; die "push of $ref failed"; }
}
