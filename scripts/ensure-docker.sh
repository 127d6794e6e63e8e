#!/usr/bin/env bash
# Make sure a Docker engine answers, starting dockerd when none does.
#
#   usage: scripts/ensure-docker.sh
#
# Prints one line (stderr) saying what it did. Exit codes: 0 an engine
# answers, 1 none does (and none could be started), 2 usage error.
#
# - An engine already answers (DOCKER_HOST if set, else the default socket
#   unix:///var/run/docker.sock): nothing else is done (well under a second).
# - A dockerd is already running but not answering yet (live pid in
#   /var/run/docker.pid, or a dockerd process): wait for it, never start a
#   second one.
# - Otherwise, as root: `systemctl start docker` where systemd runs the
#   machine and has the unit; else dockerd is started in its own session
#   (setsid, stdin from /dev/null, no inherited descriptors), so it outlives
#   this script and the test run that called it, logging to .tmp/dockerd.log.
# Waits up to DOCKERD_START_TIMEOUT seconds (default 60) for the engine; on
# failure prints the end of the log. The docker.io package comes from
# scripts/ensure-system-deps.sh docker.
#
# dockerd flags, and why (everything else is dockerd's default: overlay2,
# the default bridge with iptables NAT; on the dev VM, cgroup v1 +
# iptables-nft, containers and `docker build` reach the Debian mirror with the
# defaults):
#   --mtu N   when the default route's interface has an MTU below 1500 (the
#             dev VM's eth0: 1400). docker0 would use 1500, so every TCP
#             connection from a container would depend on path-MTU discovery
#             (ICMP from the host), which firewalls often break: TLS
#             handshakes and uploads then hang. On the dev VM both work.
# Limits: like Debian's init script, dockerd gets nofile 1048576 where the
# hard limit may be raised, else its soft limits raised to the hard ones;
# containers inherit them. Not --default-ulimit: a container limit above
# dockerd's own hard limit fails every container start (runc: "error setting
# rlimit type 7") on hosts without CAP_SYS_RESOURCE, such as the dev VM.
set -euo pipefail
cd "$(dirname "$0")/.."

DEFAULT_SOCK=/var/run/docker.sock
PIDFILE=/var/run/docker.pid
LOG=$PWD/.tmp/dockerd.log
START_TIMEOUT=${DOCKERD_START_TIMEOUT:-60}
LOG_OFFSET=0   # where this run's part of $LOG starts
export PATH=$PATH:/usr/sbin:/sbin

PROG=${0##*/}
die() { printf '%s: error: %s\n' "$PROG" "$*" >&2; exit 1; }
info() { printf '%s: %s\n' "$PROG" "$*" >&2; }

# The engine's version when it answers, else nothing and a failure status.
# The docker client honours DOCKER_HOST itself.
engine_version() {
  timeout 10 docker version --format '{{.Server.Version}}' 2>/dev/null
}

where() { printf '%s' "${DOCKER_HOST:-unix://$DEFAULT_SOCK}"; }

# Pid of a running dockerd: the pidfile's if it is live and a dockerd, else
# any dockerd process (one started with another --pidfile).
running_dockerd() {
  local pid
  if [[ -r $PIDFILE ]]; then
    pid=$(<"$PIDFILE")
    if [[ $pid =~ ^[0-9]+$ && $(cat "/proc/$pid/comm" 2>/dev/null) == dockerd ]]; then
      printf '%s\n' "$pid"
      return 0
    fi
  fi
  pgrep -x dockerd | head -n 1 | grep .
}

# Wait for the engine; $1 says what was done, for the messages.
wait_for_engine() {
  local what=$1 start=$SECONDS version
  while (( SECONDS - start < START_TIMEOUT )); do
    if version=$(engine_version); then
      info "$what: engine $version answers at $(where)"
      return 0
    fi
    # A dockerd that died will not answer later: fail now, not in a minute
    # (after a grace period, as the pidfile appears a moment after the start).
    if (( SECONDS - start >= 5 )) && ! running_dockerd >/dev/null; then
      info "dockerd is not running (any more)"
      break
    fi
    sleep 0.5
  done
  if [[ -s $LOG ]]; then
    info "last lines of $LOG:"
    tail -c +"$(( LOG_OFFSET + 1 ))" "$LOG" | tail -n 25 >&2
  fi
  die "$what, but no Docker engine answers at $(where) after $(( SECONDS - start ))s"
}

# The MTU of the interface holding the default route, if below 1500.
low_uplink_mtu() {
  local dev mtu
  dev=$(ip -o route show default 2>/dev/null | awk '{ for (i = 1; i < NF; i++) if ($i == "dev") { print $(i + 1); exit } }')
  [[ -n $dev && -r /sys/class/net/$dev/mtu ]] || return 1
  mtu=$(<"/sys/class/net/$dev/mtu")
  (( mtu >= 576 && mtu < 1500 )) && printf '%s\n' "$mtu"
}

start_dockerd() {
  local -a flags=()
  local mtu
  if mtu=$(low_uplink_mtu); then flags+=(--mtu "$mtu"); fi

  # A pidfile naming a dead process (or a reused pid) makes dockerd refuse
  # to start; running_dockerd already found no live dockerd.
  rm -f "$PIDFILE"
  mkdir -p .tmp
  LOG_OFFSET=$(stat -c %s "$LOG" 2>/dev/null || echo 0)
  printf '\n==== %s: %s starts dockerd %s\n' "$(date -Is)" "$PROG" "${flags[*]}" >>"$LOG"
  (
    # Close every descriptor but 0-2 (our lock, a test runner's pipes): an
    # inherited pipe would keep whoever reads it waiting for dockerd to exit.
    for fd in /proc/"$BASHPID"/fd/*; do
      fd=${fd##*/}
      if (( fd > 2 )); then eval "exec $fd>&-"; fi
    done
    cd /   # a daemon must not pin the checkout's directory
    # Room for many containers' files and processes (see the top).
    ulimit -n 1048576 2>/dev/null || ulimit -Sn "$(ulimit -Hn)" 2>/dev/null || true
    ulimit -u unlimited 2>/dev/null || ulimit -Su "$(ulimit -Hu)" 2>/dev/null || true
    exec setsid -f dockerd "${flags[@]}" </dev/null >>"$LOG" 2>&1
  )
  wait_for_engine "started dockerd${flags[*]:+ ${flags[*]}} (log $LOG)"
}

main() {
  (( $# == 0 )) || { printf 'usage: %s\n' "$PROG" >&2; exit 2; }
  command -v docker >/dev/null 2>&1 || die "no docker client; run scripts/ensure-system-deps.sh docker"

  local version
  if version=$(engine_version); then
    info "engine $version already answers at $(where)"
    return 0
  fi

  # Only the default local socket is ours to start.
  case ${DOCKER_HOST:-} in
    ''|"unix://$DEFAULT_SOCK"|unix:///run/docker.sock) ;;
    *) die "DOCKER_HOST=$DOCKER_HOST does not answer; not starting a local dockerd for it" ;;
  esac
  if [[ -z ${DOCKER_HOST:-} && -S $DEFAULT_SOCK && ! ( -r $DEFAULT_SOCK && -w $DEFAULT_SOCK ) ]]; then
    die "no access to $DEFAULT_SOCK (owner $(stat -c %U:%G "$DEFAULT_SOCK")); run as root or join its group (usermod -aG docker $(id -un))"
  fi
  (( EUID == 0 )) || die "no Docker engine answers at $(where); start one (as root: scripts/ensure-docker.sh, or systemctl start docker), or set DOCKER_HOST"
  command -v dockerd >/dev/null 2>&1 || die "dockerd is not installed; run scripts/ensure-system-deps.sh docker"

  # Two callers at once must not both start a dockerd. The lock is host-wide
  # (the engine is), not per checkout.
  local lock=/run/lock/trajstudio-ensure-docker.lock
  [[ -d /run/lock && -w /run/lock ]] || { mkdir -p .tmp; lock=.tmp/ensure-docker.lock; }
  exec 9>"$lock"
  flock -w $(( START_TIMEOUT + 30 )) 9 || die "timed out waiting for another $PROG (lock $lock)"
  if version=$(engine_version); then
    info "engine $version answers at $(where)"
    return 0
  fi

  local pid
  if pid=$(running_dockerd); then
    wait_for_engine "dockerd (pid $pid) was already running"
  elif [[ -d /run/systemd/system ]] && systemctl cat docker.service >/dev/null 2>&1; then
    systemctl start docker.service || die "systemctl start docker.service failed (see: journalctl -u docker)"
    wait_for_engine "started docker.service with systemctl"
  else
    start_dockerd
  fi
}

main "$@"
