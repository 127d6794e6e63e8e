#!/usr/bin/env bash
# Make sure the local Docker engine has the base image the example tasks use
# (debian:bookworm-slim), building it locally where no registry is reachable.
#
#   usage: scripts/ensure-base-image.sh
#
# Needs an engine that answers (run scripts/ensure-docker.sh first).
# Quiet and fast when the image is already there (one `docker image inspect`).
# Otherwise:
#   1. `docker pull` (timeout BASE_IMAGE_PULL_TIMEOUT seconds, default 60), so
#      machines with a registry get the real image;
#   2. if that fails, as root: debootstrap --variant=minbase bookworm from the
#      host's own Debian mirror, slimmed like the official -slim image, then
#      `docker import`ed with the official image's config (PATH, CMD ["bash"]).
#      debootstrap is installed through scripts/ensure-system-deps.sh if needed.
# Task Dockerfiles keep `FROM debian:bookworm-slim` and build the same online
# and offline.
#
# Measured on the dev VM (2 CPUs, shared with other work; Debian mirror over
# HTTP; docker 20.10, overlay2): the whole local build takes 37-62 s, nearly
# all of it debootstrap (slimming, tar and `docker import` 3-5 s); the image is
# 74 MB in `docker image ls` (the official debian:bookworm-slim: ~75 MB; 12.x
# of the mirror's day, without bookworm-updates/-security applied).
#
# Safe to re-run and to interrupt: it builds in a fresh .tmp/base-image.XXXXXX
# directory, imports under a temporary tag and only then tags the real name,
# so the real name never points at a half-built image. A lock serialises
# concurrent runs; leftovers of a killed run are removed by the next one.
#
# Environment: BASE_IMAGE_MIRROR to force the Debian mirror (default: the
# host's apt sources, else http://deb.debian.org/debian); BASE_IMAGE_PULL_TIMEOUT.
# Exit codes: 0 image present, 1 failure.
set -euo pipefail
cd "$(dirname "$0")/.."

IMAGE=debian:bookworm-slim
SUITE=bookworm
PULL_TIMEOUT=${BASE_IMAGE_PULL_TIMEOUT:-60}
DEFAULT_MIRROR=http://deb.debian.org/debian
DEFAULT_SECURITY_MIRROR=http://deb.debian.org/debian-security
# The official image's config (docker inspect debian:bookworm-slim).
IMAGE_PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

PROG=${0##*/}
die() { printf '%s: error: %s\n' "$PROG" "$*" >&2; exit 1; }
info() { printf '%s: %s\n' "$PROG" "$*" >&2; }

image_present() { docker image inspect "$IMAGE" >/dev/null 2>&1; }

# ------------------------------------------------------------------ mirror --
# Print the first http(s)/file URI the host's apt sources use for suite $1:
# one-line sources.list entries ("deb [opts] URI SUITE COMPONENT...") and
# deb822 *.sources stanzas (Types/URIs/Suites fields).
host_mirror_for() {
  local suite=$1 f uri
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [[ -r $f ]] || continue
    uri=$(awk -v suite="$suite" '
      { sub(/#.*/, "") }
      $1 != "deb" { next }
      { i = 2; if ($i ~ /^\[/) { while (i <= NF && $i !~ /\]$/) i++; i++ } }
      $(i + 1) == suite && $i ~ /^(https?|file):/ { print $i; exit }
    ' "$f")
    [[ -n $uri ]] && { printf '%s\n' "$uri"; return 0; }
  done
  for f in /etc/apt/sources.list.d/*.sources; do
    [[ -r $f ]] || continue
    uri=$(awk -v suite="$suite" '
      function flush() {
        if (enabled && types ~ /(^|[ \t])deb([ \t]|$)/ && (" " suites " ") ~ (" " suite " ") && uri != "") {
          print uri; found = 1; exit
        }
        types = suites = uri = ""; enabled = 1
      }
      BEGIN { enabled = 1 }
      /^[ \t]*#/ { next }
      /^[ \t]*$/ { flush(); next }
      {
        key = tolower($1); val = $0; sub(/^[^:]*:[ \t]*/, "", val)
        if (key == "types:") types = val
        else if (key == "suites:") suites = val
        else if (key == "enabled:" && tolower(val) == "no") enabled = 0
        else if (key == "uris:") {
          n = split(val, u, /[ \t]+/)
          for (j = 1; j <= n; j++) if (u[j] ~ /^(https?|file):/) { uri = u[j]; break }
        }
      }
      END { if (!found) flush() }
    ' "$f")
    [[ -n $uri ]] && { printf '%s\n' "$uri"; return 0; }
  done
  return 0
}

# --------------------------------------------------------------- clean-up --
BUILD_DIR="" TMP_TAG=""

# Remove a build directory. debootstrap mounts /proc and /sys (and, inside a
# container, binds the host's /dev) in the target; an interrupted run can
# leave them mounted, and a plain rm -rf would then walk into them. Unmount
# everything below the directory first (deepest first), then delete without
# crossing file systems.
remove_build_dir() {
  local dir=$1 mnt
  [[ -d $dir ]] || return 0
  dir=$(cd "$dir" && pwd -P)
  awk -v d="$dir/" 'index($2, d) == 1 { print $2 }' /proc/self/mounts | sort -r |
    while read -r mnt; do umount -l "$mnt" 2>/dev/null || true; done
  rm -rf --one-file-system "$dir"
}

cleanup() {
  [[ -n $BUILD_DIR ]] && remove_build_dir "$BUILD_DIR"
  [[ -n $TMP_TAG ]] && docker rmi "$TMP_TAG" >/dev/null 2>&1
  return 0
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ------------------------------------------------------------------- build --
# Slim like the official -slim image (debuerreotype's slimify): dpkg drops
# docs, man pages and translations on every later install too, so task
# images built FROM this one stay small.
write_slim_config() {
  local root=$1
  mkdir -p "$root/etc/dpkg/dpkg.cfg.d" "$root/etc/apt/apt.conf.d"
  cat >"$root/etc/dpkg/dpkg.cfg.d/docker" <<'EOF'
# Built by trajstudio scripts/ensure-base-image.sh, as in debian:*-slim.
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/groff/*
path-exclude /usr/share/info/*
path-exclude /usr/share/lintian/*
path-exclude /usr/share/linda/*
path-exclude /usr/share/locale/*
path-include /usr/share/locale/locale.alias
EOF
  # As in the official image: no package caches or translations left behind
  # by `apt-get install` in a Dockerfile.
  cat >"$root/etc/apt/apt.conf.d/docker-clean" <<'EOF'
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
Dir::Cache::pkgcache "";
Dir::Cache::srcpkgcache "";
EOF
  printf 'Acquire::Languages "none";\n' >"$root/etc/apt/apt.conf.d/docker-no-languages"
  printf 'APT::AutoRemove::SuggestsImportant "false";\n' >"$root/etc/apt/apt.conf.d/docker-autoremove-suggests"
  # What debootstrap already installed, minus the excluded paths.
  find "$root/usr/share/doc" -mindepth 1 -not -name copyright -not -type d -delete 2>/dev/null || true
  find "$root/usr/share/doc" -mindepth 1 -type d -empty -delete 2>/dev/null || true
  rm -rf "$root"/usr/share/{man,groff,info,lintian,linda}/*
  find "$root/usr/share/locale" -mindepth 1 -maxdepth 1 -not -name locale.alias -exec rm -rf {} +
}

write_sources() {
  local root=$1 mirror=$2 security=$3
  rm -f "$root/etc/apt/sources.list"
  mkdir -p "$root/etc/apt/sources.list.d"
  cat >"$root/etc/apt/sources.list.d/debian.sources" <<EOF
Types: deb
URIs: $mirror
Suites: $SUITE $SUITE-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: $security
Suites: $SUITE-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
}

build_locally() {
  (( EUID == 0 )) || die "$IMAGE is missing, no registry answered, and building it locally (debootstrap) needs root"
  bash scripts/ensure-system-deps.sh debootstrap
  local debootstrap
  debootstrap=$(command -v debootstrap || echo /usr/sbin/debootstrap)

  local mirror security
  mirror=${BASE_IMAGE_MIRROR:-$(host_mirror_for "$SUITE")}
  mirror=${mirror:-$DEFAULT_MIRROR}
  security=$(host_mirror_for "$SUITE-security")
  security=${security:-$DEFAULT_SECURITY_MIRROR}

  BUILD_DIR=$(mktemp -d "$PWD/.tmp/base-image.XXXXXX")
  local root=$BUILD_DIR/root log=$BUILD_DIR/debootstrap.log start=$SECONDS
  info "building $IMAGE locally: debootstrap --variant=minbase $SUITE from $mirror (about a minute)..."
  if ! "$debootstrap" --variant=minbase "$SUITE" "$root" "$mirror" >"$log" 2>&1; then
    info "debootstrap failed; last lines of its output:"
    tail -n 30 "$log" >&2
    [[ -f $root/debootstrap/debootstrap.log ]] && tail -n 30 "$root/debootstrap/debootstrap.log" >&2
    die "could not build $IMAGE (mirror $mirror; set BASE_IMAGE_MIRROR to use another)"
  fi

  local bootstrapped=$SECONDS
  write_sources "$root" "$mirror" "$security"
  write_slim_config "$root"
  # Caches, lists and logs from the bootstrap; host files debootstrap copied
  # in (docker bind-mounts its own resolv.conf, hostname and hosts).
  rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/* "$root"/var/cache/debconf/*-old \
         "$root"/var/log/apt/* "$root"/var/log/*.log "$root"/debootstrap
  mkdir -p "$root/var/lib/apt/lists/partial" "$root/var/cache/apt/archives/partial"
  : >"$root/etc/resolv.conf"
  printf 'localhost\n' >"$root/etc/hostname"

  # Import under a temporary tag; the real name is set only once it worked.
  # /dev, /proc and /sys stay empty: the engine mounts its own.
  TMP_TAG=trajstudio-base-build:$$-$RANDOM
  tar -C "$root" --numeric-owner --exclude='./dev/*' --exclude='./proc/*' --exclude='./sys/*' -c . |
    docker import \
      --change "ENV PATH=$IMAGE_PATH" \
      --change 'CMD ["bash"]' \
      --change 'LABEL org.trajstudio.base-image="debootstrap minbase '"$SUITE"'"' \
      --message "trajstudio: debootstrap --variant=minbase $SUITE $mirror" \
      - "$TMP_TAG" >/dev/null \
    || die "docker import failed"
  docker tag "$TMP_TAG" "$IMAGE" || die "docker tag $TMP_TAG $IMAGE failed"
  docker rmi "$TMP_TAG" >/dev/null 2>&1 || true
  TMP_TAG=""
  remove_build_dir "$BUILD_DIR"
  BUILD_DIR=""
  local size
  size=$(docker image inspect --format '{{.Size}}' "$IMAGE")
  info "built $IMAGE locally in $(( SECONDS - start ))s (debootstrap $(( bootstrapped - start ))s), $(( size / 1000000 )) MB"
}

# -------------------------------------------------------------------- main --
main() {
  (( $# == 0 )) || { printf 'usage: %s\n' "$PROG" >&2; exit 2; }
  image_present && return 0

  command -v docker >/dev/null 2>&1 || die "no docker client; run scripts/ensure-system-deps.sh docker"
  timeout 20 docker version >/dev/null 2>&1 \
    || die "no Docker engine answers; run scripts/ensure-docker.sh first"

  # One build at a time per host (the engine is host-wide, so the lock is
  # too); whoever waited finds the image the other one made.
  mkdir -p .tmp
  local lock=/run/lock/trajstudio-ensure-base-image.lock
  [[ -d /run/lock && -w /run/lock ]] || lock=.tmp/ensure-base-image.lock
  exec 9>"$lock"
  flock -w 1800 9 || die "timed out waiting for another $PROG (lock $lock)"
  image_present && return 0
  # Leftovers of a killed run: its build directory and temporary tag.
  local d t
  for d in .tmp/base-image.*; do
    if [[ -d $d ]]; then remove_build_dir "$d"; fi
  done
  for t in $(docker image ls --format '{{.Repository}}:{{.Tag}}' 'trajstudio-base-build'); do
    docker rmi "$t" >/dev/null 2>&1 || true
  done

  info "$IMAGE is not in the local engine; trying docker pull (timeout ${PULL_TIMEOUT}s)..."
  local out rc=0
  out=$(timeout "$PULL_TIMEOUT" docker pull -q "$IMAGE" 2>&1) || rc=$?
  if (( rc == 0 )) && image_present; then
    info "pulled $IMAGE"
    return 0
  fi
  (( rc == 124 )) && out="timed out after ${PULL_TIMEOUT}s"
  info "docker pull failed ($(printf '%s' "$out" | tail -n 1 | cut -c1-160)); building it locally"
  build_locally
}

main "$@"
