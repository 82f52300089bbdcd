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

deploy_demo_app() {
  if [[ "$BATON_STACK_NO_DEMO" == 1 ]]; then
    log "demo: skipped (BATON_STACK_NO_DEMO=1)"
    return 0
  fi
  local code
  code="$(api GET /apps/demo -o /dev/null -w '%{http_code}' || true)"
  if [[ "$code" == 200 ]]; then
    log "demo: app 'demo' already exists"
    return 0
  fi
  local body out
  body="$(sed "/^[[:space:]]*#/!s|\${REGISTRY}|$REGISTRY|g" "$BATON_REPO/scripts/demo/compose.yml")"
  log "demo: deploying scripts/demo/compose.yml as app 'demo'"
  if out="$(api POST /apps/demo/deployments -f -H 'Content-Type: application/yaml' --data-binary "$body" 2>&1)"; then
    log "demo: accepted: $out"
  else
    warn "demo: deployment request failed (is the API implemented yet?): $out"
  fi
}

# The balancers' image: Debian's HAProxy on a minimal Debian, made with debootstrap (nothing can
# be pulled from the internet here). The root filesystem is built once per machine and cached;
# each stack imports it and serves it from its registry.
BALANCER_CACHE="${BATON_CACHE_DIR:-$HOME/.cache/baton}/debian-bookworm-haproxy.tar"

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

build_balancer_image() {
  local ref root
  ref="$(balancer_image)"
  if registry_has_tag baton/haproxy bookworm; then
    return 0
  fi
  if [[ ! -s "$BALANCER_CACHE" ]]; then
    root="$DIR/build/haproxy-rootfs"
    rm -rf "$root" && mkdir -p "$root" "$(dirname "$BALANCER_CACHE")"
    log "images: debootstrap of Debian bookworm with haproxy (once per machine, about a minute)"
    debootstrap --variant=minbase --include=haproxy bookworm "$root" "$(debian_mirror)" \
      >"$DIR/build/debootstrap.log" 2>&1 ||
      { tail -20 "$DIR/build/debootstrap.log" >&2; die "debootstrap failed"; }
    rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
    tar -C "$root" -cf "$BALANCER_CACHE.tmp" . && mv "$BALANCER_CACHE.tmp" "$BALANCER_CACHE"
    rm -rf "$root"
  fi
  log "images: importing $ref"
  docker_on host1 import -c 'CMD ["haproxy", "-v"]' "$BALANCER_CACHE" "$ref" >/dev/null ||
    die "import of $ref failed"
  docker_on host1 push "$ref" >"$DIR/build/haproxy.log" 2>&1 ||
    { cat "$DIR/build/haproxy.log" >&2; die "push of $ref failed"; }
}
