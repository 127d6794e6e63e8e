#!/usr/bin/env bash
# Make sure system (non-npm) dependencies are present, installing them with
# apt-get when they are missing.
#
#   usage: scripts/ensure-system-deps.sh NAME...
#   NAME:  chromium | postgresql | docker | debootstrap
#
# Quiet and fast when everything is already present (no apt-get call at all).
# When something is missing:
#   - as root with apt-get: runs `apt-get update` once, then installs it
#     (waits up to APT_LOCK_TIMEOUT seconds, default 600, for apt/dpkg locks);
#   - otherwise: prints the exact install command to stderr and exits 1.
# Exit codes: 0 ok, 1 missing/install failed, 2 usage error.
#
# To add a dependency (e.g. docker): add its name to KNOWN_DEPS and define
# present_<name> (exit 0 when usable) and packages_<name> (apt packages, one
# per line or space separated). Nothing else needs to change.
set -euo pipefail

KNOWN_DEPS=(chromium postgresql docker debootstrap)

# ---------------------------------------------------------------- chromium --
present_chromium() {
  [[ -x /usr/bin/chromium ]] || return 1
  # The Debian launcher may print shell warnings on stderr; ignore them.
  local out
  out=$(timeout 60 /usr/bin/chromium --version 2>/dev/null) || return 1
  [[ $out == *Chromium* || $out == *chromium* ]]
}
packages_chromium() {
  # Fonts: a bare chromium renders no text at all (tofu boxes) without them.
  echo chromium fonts-dejavu-core fonts-liberation
}

# -------------------------------------------------------------- postgresql --
present_postgresql() {
  local f
  for f in /usr/lib/postgresql/*/bin/initdb; do
    [[ -x $f && -x ${f%/initdb}/pg_ctl && -x ${f%/initdb}/pg_isready ]] && return 0
  done
  return 1
}
packages_postgresql() {
  # "postgresql" is Debian's metapackage for the distro's supported version
  # (15 on bookworm); it pulls the matching client (psql, pg_isready).
  echo postgresql
}

# ------------------------------------------------------------------ docker --
# Installed only: starting the engine is scripts/ensure-docker.sh's job.
present_docker() {
  # dockerd lives in /usr/sbin, which a non-root PATH may lack.
  { command -v dockerd || [[ -x /usr/sbin/dockerd ]]; } >/dev/null 2>&1 || return 1
  command -v docker >/dev/null 2>&1 || return 1
  timeout 20 docker --version >/dev/null 2>&1
}
packages_docker() {
  # docker.io depends on containerd, runc, iptables and tini (docker-init).
  # Two of its recommends matter without --install-recommends:
  # ca-certificates (`docker pull` talks HTTPS to registries) and apparmor
  # (on a kernel with AppArmor on, dockerd needs apparmor_parser to load its
  # docker-default profile, or every container start fails).
  echo docker.io ca-certificates apparmor
}

# ------------------------------------------------------------- debootstrap --
present_debootstrap() {
  { command -v debootstrap || [[ -x /usr/sbin/debootstrap ]]; } >/dev/null 2>&1 || return 1
  # Without the keyring debootstrap cannot check the mirror's Release file.
  [[ -e /usr/share/keyrings/debian-archive-keyring.gpg ]]
}
packages_debootstrap() {
  # Used by scripts/ensure-base-image.sh to build debian:bookworm-slim when
  # no registry is reachable. Depends on wget; the keyring is a recommend.
  echo debootstrap debian-archive-keyring
}

# ---------------------------------------------------------------- machinery --
PROG=${0##*/}
die() { printf '%s: error: %s\n' "$PROG" "$*" >&2; exit 1; }
info() { printf '%s: %s\n' "$PROG" "$*" >&2; }

usage() {
  printf 'usage: %s NAME...   (NAME: %s)\n' "$PROG" "${KNOWN_DEPS[*]}" >&2
  exit 2
}

is_known() {
  local d
  for d in "${KNOWN_DEPS[@]}"; do [[ $d == "$1" ]] && return 0; done
  return 1
}

LOCK_TIMEOUT=${APT_LOCK_TIMEOUT:-600}
APT_LOG=""
POLICY_RC_CREATED=""

cleanup() {
  [[ -n $APT_LOG ]] && rm -f "$APT_LOG"
  if [[ -n $POLICY_RC_CREATED ]]; then rm -f /usr/sbin/policy-rc.d; fi
  return 0
}
trap cleanup EXIT

# Run apt-get, retrying while another apt/dpkg holds a lock. DPkg::Lock::Timeout
# only covers the dpkg frontend lock; `apt-get update` (lists lock) and the
# archives lock fail immediately, so retry those ourselves until the deadline.
apt_get() {
  local deadline=$(( SECONDS + LOCK_TIMEOUT )) announced=""
  while :; do
    if DEBIAN_FRONTEND=noninteractive apt-get -q \
         -o DPkg::Lock::Timeout="$LOCK_TIMEOUT" "$@" >"$APT_LOG" 2>&1; then
      return 0
    fi
    if grep -qE 'Could not get lock|Unable to lock|Unable to acquire the dpkg frontend lock' "$APT_LOG" \
       && (( SECONDS < deadline )); then
      if [[ -z $announced ]]; then
        info "apt/dpkg is locked by another process; waiting (up to ${LOCK_TIMEOUT}s)..."
        announced=1
      fi
      sleep 5
      continue
    fi
    info "'apt-get $*' failed; last lines of its output:"
    tail -n 40 "$APT_LOG" >&2
    return 1
  done
}

main() {
  (( $# > 0 )) || usage
  local name
  for name in "$@"; do
    case $name in -h|--help) usage ;; esac
    is_known "$name" || { info "unknown dependency '$name'"; usage; }
  done

  local -a missing=() pkgs=()
  for name in "$@"; do
    if ! "present_$name"; then
      missing+=("$name")
      # shellcheck disable=SC2207  # package names never contain spaces/globs
      pkgs+=($("packages_$name"))
    fi
  done
  (( ${#missing[@]} == 0 )) && return 0

  local cmd="apt-get install -y --no-install-recommends ${pkgs[*]}"
  if (( EUID != 0 )); then
    die "missing system dependencies: ${missing[*]}. Install them with:
    sudo apt-get update && sudo $cmd"
  fi
  command -v apt-get >/dev/null 2>&1 \
    || die "missing system dependencies: ${missing[*]}, and apt-get is not available. Install the equivalent of: ${pkgs[*]}"

  # Package postinst scripts (postgresql) try to start services. In a container
  # without systemd that is pointless and can fail, so deny service starts
  # during the install unless the admin already has a policy in place.
  if [[ ! -e /usr/sbin/policy-rc.d && ! -d /run/systemd/system ]]; then
    printf '#!/bin/sh\n# temporary, created by trajstudio ensure-system-deps.sh\nexit 101\n' \
      >/usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
    POLICY_RC_CREATED=1
  fi

  APT_LOG=$(mktemp "${TMPDIR:-/tmp}/ensure-system-deps.XXXXXX")
  info "installing ${missing[*]} (apt-get: ${pkgs[*]})..."
  apt_get update || die "apt-get update failed"
  apt_get install -y --no-install-recommends "${pkgs[@]}" \
    || die "installing ${pkgs[*]} failed"

  for name in "${missing[@]}"; do
    "present_$name" || die "$name is still not usable after installing: ${pkgs[*]}"
  done
  info "installed ${missing[*]}"
}

main "$@"
