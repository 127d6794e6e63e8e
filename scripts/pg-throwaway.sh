#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests and benchmarks, independent of any
# system cluster.
#
#   usage: scripts/pg-throwaway.sh start   DIR   # init if needed, start, print URL
#          scripts/pg-throwaway.sh stop    DIR   # stop if running (never an error)
#          scripts/pg-throwaway.sh url     DIR   # print the URL again
#          scripts/pg-throwaway.sh status  DIR   # exit 0 if running, 3 if not
#          scripts/pg-throwaway.sh destroy DIR   # stop and delete all its files
#
# stdout carries only the URL: postgres://trajstudio@127.0.0.1:PORT/postgres
# (superuser "trajstudio", trust auth, listening on 127.0.0.1 only). Tuned
# for speed, not durability: fsync/synchronous_commit/full_page_writes off.
#
# Layout: DIR/port (last port), DIR/.lock (serialises start/stop), DIR/data
# (PGDATA), DIR/sock (unix socket; none if the path would be too long),
# DIR/postgres.log (server log), DIR/initdb.log. As root, the server runs as the "postgres"
# system user; if that user cannot reach DIR (e.g. a repo under /root), the
# cluster files live in /tmp/trajstudio-pg-<hash of DIR> instead and DIR/dataroot
# points there (`destroy` removes both).
#
# Environment: PG_BINDIR to force a PostgreSQL bin directory; PG_PORT_BASE
# (default 54329) first port to try.
set -euo pipefail

PROG=${0##*/}
DB_USER=trajstudio
PORT_BASE=${PG_PORT_BASE:-54329}

die() { printf '%s: error: %s\n' "$PROG" "$*" >&2; exit 1; }
usage() {
  printf 'usage: %s start|stop|url|status|destroy DIR\n' "$PROG" >&2
  exit 2
}

# ------------------------------------------------------------------ helpers --
find_bindir() {
  if [[ -n ${PG_BINDIR:-} ]]; then
    [[ -x $PG_BINDIR/initdb ]] || die "PG_BINDIR=$PG_BINDIR has no initdb"
    printf '%s\n' "$PG_BINDIR"; return
  fi
  local best
  # Debian/Ubuntu layout; highest major version wins.
  best=$(find /usr/lib/postgresql -mindepth 3 -maxdepth 3 -path '*/bin/initdb' \
           2>/dev/null | sort -V | tail -n 1)
  if [[ -n $best ]]; then printf '%s\n' "${best%/initdb}"; return; fi
  # Elsewhere (Homebrew, Fedora, ...): initdb on PATH.
  best=$(command -v initdb 2>/dev/null || true)
  if [[ -n $best ]]; then printf '%s\n' "${best%/initdb}"; return; fi
  die "no PostgreSQL server binaries found (no /usr/lib/postgresql/*/bin/initdb, no initdb on PATH).
    Install them with: scripts/ensure-system-deps.sh postgresql"
}

# Run a command as the cluster owner: the "postgres" user when we are root
# (PostgreSQL refuses to run as root), else ourselves. cd / so an unreadable
# cwd (e.g. /root) does not upset initdb/pg_ctl. fd 9 is our lock: the server
# must not inherit it, or it would hold the lock for its whole life.
as_owner() {
  if (( EUID == 0 )); then
    (cd / && runuser -u postgres -- "$@") 9>&-
  else
    "$@" 9>&-
  fi
}

# Write stdin to FILE as the cluster owner; with "append", append instead.
owner_write() {
  # shellcheck disable=SC2016  # "$1" is expanded by the inner sh, on purpose
  if [[ ${2:-} == append ]]; then
    as_owner sh -c 'cat >>"$1"' _ "$1"
  else
    as_owner sh -c 'cat >"$1"' _ "$1"
  fi
}

# How to test whether a port is free: python3 or node try to bind() it
# (exactly what postgres will do); chosen once, checking the tool really runs
# (a python3 on PATH may be an unusable shim for this user).
PORT_PROBE=""
pick_port_probe() {
  if python3 -c 'import socket' >/dev/null 2>&1; then PORT_PROBE=python3
  elif node -e '' >/dev/null 2>&1; then PORT_PROBE=node
  else PORT_PROBE=bash
  fi
}

port_is_free() {
  local port=$1
  [[ -n $PORT_PROBE ]] || pick_port_probe
  case $PORT_PROBE in
    python3)
      python3 -c '
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
try:
    s.bind(("127.0.0.1", int(sys.argv[1])))
except OSError:
    sys.exit(1)
finally:
    s.close()
' "$port" 2>/dev/null ;;
    node)
      node -e '
const s = require("net").createServer();
s.once("error", () => process.exit(1));
s.listen(Number(process.argv[1]), "127.0.0.1", () => s.close(() => process.exit(0)));
' "$port" 2>/dev/null ;;
    *)
      # Weaker fallback: only notices ports that something is listening on.
      if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return 1; fi ;;
  esac
}

# First free port at or after $1.
find_free_port() {
  local p=$1 limit=$(( $1 + 1000 ))
  while (( p < limit && p < 65536 )); do
    port_is_free "$p" && { printf '%s\n' "$p"; return; }
    p=$(( p + 1 ))
  done
  die "no free TCP port found in $1..$(( limit - 1 ))"
}

url_for() { printf 'postgres://%s@127.0.0.1:%s/postgres\n' "$DB_USER" "$1"; }

# Sets ROOT (where cluster files live), PGDATA_DIR, SOCK_DIR, LOG_FILE.
# With create=1, makes the directories and settles ownership/reachability.
resolve_layout() {
  local create=$1
  ROOT=$DIR
  if [[ -f $DIR/dataroot ]]; then
    ROOT=$(<"$DIR/dataroot")
  elif (( create )) && (( EUID == 0 )); then
    getent passwd postgres >/dev/null \
      || die "running as root, but there is no 'postgres' system user to run the server as (it is created by the Debian postgresql package: scripts/ensure-system-deps.sh postgresql)"
    chown postgres: "$DIR"
    if ! runuser -u postgres -- test -w "$DIR" -a -x "$DIR" 2>/dev/null; then
      # Some parent of DIR (e.g. /root, mode 700) is not traversable by
      # postgres: keep the cluster in /tmp, keyed by DIR, and point to it.
      chown root: "$DIR"
      ROOT=/tmp/trajstudio-pg-$(printf '%s' "$DIR" | sha256sum | cut -c1-16)
      printf '%s\n' "$ROOT" >"$DIR/dataroot"
    fi
  fi
  if (( create )) && (( EUID == 0 )) && [[ $ROOT != "$DIR" ]]; then
    # (Re)create the out-of-tree root, e.g. after /tmp was cleaned.
    if [[ ! -e $ROOT && ! -L $ROOT ]]; then
      mkdir -m 700 "$ROOT"
      chown postgres: "$ROOT"
    fi
    [[ -d $ROOT && ! -L $ROOT && $(stat -c %U "$ROOT") == postgres ]] \
      || die "$ROOT exists but is not a directory owned by postgres; remove it"
  fi
  PGDATA_DIR=$ROOT/data
  SOCK_DIR=$ROOT/sock
  LOG_FILE=$ROOT/postgres.log
}

is_running() {
  [[ -f $PGDATA_DIR/PG_VERSION ]] || return 1
  as_owner "$BINDIR/pg_ctl" status -D "$PGDATA_DIR" >/dev/null 2>&1 || return 1
  # A killed postmaster lingers as a zombie until reaped; pg_ctl counts it.
  ! postmaster_is_zombie
}

postmaster_is_zombie() {
  local pid stat
  pid=$(head -n 1 "$PGDATA_DIR/postmaster.pid" 2>/dev/null) || return 1
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  stat=$(sed 's/.*) //' "/proc/$pid/stat" 2>/dev/null) || return 1
  [[ ${stat%% *} == Z ]]
}

# Port of the running server, from postmaster.pid (line 4).
running_port() {
  sed -n 4p "$PGDATA_DIR/postmaster.pid" 2>/dev/null
}

# 0: accepting connections on 127.0.0.1:PORT; 1: timed out; 2: server gone.
wait_ready() {
  local port=$1 i
  for (( i = 0; i < 150; i++ )); do
    "$BINDIR/pg_isready" -q -h 127.0.0.1 -p "$port" -d postgres -U "$DB_USER" -t 2 && return 0
    is_running || return 2
    sleep 0.2
  done
  return 1
}

init_cluster() {
  local initlog=$ROOT/initdb.log
  if ! as_owner "$BINDIR/initdb" -D "$PGDATA_DIR" -U "$DB_USER" -A trust \
         -E UTF8 --locale=C --no-sync >"$initlog" 2>&1; then
    cat "$initlog" >&2
    die "initdb failed (log above, also in $initlog)"
  fi
  # Our settings live in trajstudio.conf (rewritten on every start, it carries
  # the port); postgresql.conf just includes it last so it wins.
  printf "\ninclude_if_exists = 'trajstudio.conf'\n" | owner_write "$PGDATA_DIR/postgresql.conf" append
}

write_conf() {
  local port=$1 sockdirs
  # sun_path is 108 bytes; if DIR is very deep, go TCP-only.
  if (( ${#SOCK_DIR} + 20 <= 107 )) && [[ $SOCK_DIR != *\'* ]]; then
    sockdirs=$SOCK_DIR
  else
    sockdirs=''
  fi
  as_owner mkdir -p -m 700 "$SOCK_DIR"
  owner_write "$PGDATA_DIR/trajstudio.conf" <<EOF
# Written by scripts/pg-throwaway.sh on every start; do not edit.
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$sockdirs'
max_connections = 200
fsync = off
synchronous_commit = off
full_page_writes = off
wal_level = minimal
max_wal_senders = 0
logging_collector = off
EOF
}

# ----------------------------------------------------------------- commands --
cmd_start() {
  take_lock
  resolve_layout 1
  if (( EUID == 0 )) && [[ -d $PGDATA_DIR ]] && [[ $(stat -c %U "$PGDATA_DIR") != postgres ]]; then
    chown -R postgres: "$PGDATA_DIR"   # first created by a non-root run
  fi

  if is_running; then
    local port rc=0
    port=$(running_port)
    [[ $port =~ ^[0-9]+$ ]] || die "cannot read the port from $PGDATA_DIR/postmaster.pid"
    wait_ready "$port" || rc=$?
    case $rc in
      0) printf '%s\n' "$port" >"$DIR/port"; url_for "$port"; return ;;
      2) ;;  # it was shutting down or had crashed: start it below
      *) die "server in $PGDATA_DIR seems to be running but does not accept connections on port $port; see $LOG_FILE" ;;
    esac
  fi

  [[ -f $PGDATA_DIR/PG_VERSION ]] || init_cluster

  # After a crash, postgres refuses to start while the old postmaster's PID
  # still exists (even as a zombie): give init a moment to reap it.
  local i
  for (( i = 0; i < 100; i++ )); do postmaster_is_zombie || break; sleep 0.1; done

  # Prefer the previous port (stable URL across restarts) if it is free.
  local port="" tries
  if [[ -f $DIR/port ]]; then
    port=$(<"$DIR/port")
    if ! [[ $port =~ ^[0-9]+$ ]] || ! port_is_free "$port"; then port=""; fi
  fi
  [[ -n $port ]] || port=$(find_free_port "$PORT_BASE")

  local out=""
  for (( tries = 0; tries < 5; tries++ )); do
    write_conf "$port"
    if out=$(as_owner "$BINDIR/pg_ctl" start -D "$PGDATA_DIR" -l "$LOG_FILE" -w -t 60 2>&1); then
      wait_ready "$port" || die "server started but is not accepting connections on port $port; see $LOG_FILE"
      printf '%s\n' "$port" >"$DIR/port"
      url_for "$port"
      return
    fi
    # Lost a race for the port? Try the next free one; otherwise give up.
    if tail -n 20 "$LOG_FILE" 2>/dev/null | grep -qiE 'could not (bind|create listen)|address already in use'; then
      port=$(find_free_port $(( port + 1 )))
      continue
    fi
    break
  done
  printf '%s\n' "$out" >&2
  printf '%s: last lines of %s:\n' "$PROG" "$LOG_FILE" >&2
  tail -n 20 "$LOG_FILE" >&2 2>/dev/null || true
  die "could not start PostgreSQL in $PGDATA_DIR"
}

take_lock() {
  mkdir -p "$DIR"
  exec 9>>"$DIR/.lock"
  flock 9
}

cmd_stop() {
  [[ -d $DIR ]] || return 0
  take_lock
  resolve_layout 0
  is_running || return 0
  as_owner "$BINDIR/pg_ctl" stop -D "$PGDATA_DIR" -m fast -w -t 60 >/dev/null 2>&1 \
    || { is_running && die "could not stop PostgreSQL in $PGDATA_DIR; see $LOG_FILE"; }
  return 0
}

cmd_url() {
  [[ -d $DIR ]] || die "no throwaway cluster in $DIR (run: $PROG start $DIR)"
  resolve_layout 0
  local port=""
  if is_running; then port=$(running_port); fi
  if [[ -z $port && -f $DIR/port ]]; then port=$(<"$DIR/port"); fi
  [[ $port =~ ^[0-9]+$ ]] || die "no port recorded in $DIR (run: $PROG start $DIR)"
  url_for "$port"
}

cmd_status() {
  [[ -d $DIR ]] || exit 3
  resolve_layout 0
  is_running || exit 3
}

cmd_destroy() {
  [[ -d $DIR ]] || return 0
  cmd_stop
  resolve_layout 0
  if [[ $ROOT != "$DIR" ]]; then rm -rf -- "$ROOT"; fi
  rm -rf -- "$DIR"
}

# --------------------------------------------------------------------- main --
(( $# == 2 )) || usage
CMD=$1
[[ -n $2 ]] || usage
# Absolute, normalised path (DIR need not exist yet).
DIR=$(realpath -m -- "$2")
[[ $DIR != / ]] || die "refusing to use / as DIR"
BINDIR=$(find_bindir)

case $CMD in
  start)   cmd_start ;;
  stop)    cmd_stop ;;
  url)     cmd_url ;;
  status)  cmd_status ;;
  destroy) cmd_destroy ;;
  *)       usage ;;
esac
