#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests and for trying the PostgreSQL provider: Debian's server (installed when
# missing), a temporary cluster of its own, listening on 127.0.0.1 only, on a port that was free when it was first
# started. Prints an Npgsql connection string to the cluster's maintenance database (the tests create their own
# databases from it). Idempotent: a second call finds the running server and prints the same string at once.
#
#   bash scripts/ensure-postgres.sh          start (or find) the server, print its connection string
#   bash scripts/ensure-postgres.sh stop     stop it (the cluster is kept; the next start reuses it)
#   bash scripts/ensure-postgres.sh remove   stop it and delete the cluster
#
# The cluster lives outside the repository (the postgres user must reach it when this runs as root, and a fresh clone
# may sit in a folder only root can enter): $COMPLEXCASES_POSTGRES_DIR, or a folder in $TMPDIR named after this
# checkout, so that two checkouts on one machine never share a server. Its password is generated there, never committed.
# Durability is off (fsync, synchronous_commit): it holds test data only, and tests create and drop many databases.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
checkout=$(printf '%s' "$repo" | sha256sum | cut -c1-12)
dir=${COMPLEXCASES_POSTGRES_DIR:-${TMPDIR:-/tmp}/complexcases-postgres-$checkout}
data="$dir/data"
user=complexcases
action=${1:-start}

# The newest server installed (a client alone has a bin folder too, without initdb).
find_bin() { ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -1 | xargs -r dirname; }

install_server() {
  echo "PostgreSQL server not found: installing Debian's postgresql" >&2
  export DEBIAN_FRONTEND=noninteractive
  local sudo_cmd=""
  if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then sudo_cmd="sudo -E"; fi
  $sudo_cmd apt-get update -qq
  # No system cluster on port 5432 at install: this script makes its own, and a second server would only cost memory.
  $sudo_cmd apt-get install -y -qq postgresql-common >/dev/null
  $sudo_cmd mkdir -p /etc/postgresql-common/createcluster.d
  echo "create_main_cluster = false" | $sudo_cmd tee /etc/postgresql-common/createcluster.d/complexcases.conf >/dev/null
  $sudo_cmd apt-get install -y -qq postgresql >/dev/null
}

# PostgreSQL refuses to run as root: as root, the server runs as Debian's postgres user.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

running() { [ -f "$data/postmaster.pid" ] && as_owner "$bin/pg_ctl" status -D "$data" >/dev/null 2>&1; }

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

connection_string() {
  echo "Host=127.0.0.1;Port=$(cat "$dir/port");Username=$user;Password=$(cat "$dir/password");Database=postgres"
}

bin=$(find_bin)
case "$action" in
  stop|remove)
    if [ -n "$bin" ] && [ -d "$data" ] && running; then as_owner "$bin/pg_ctl" stop -D "$data" -m fast >/dev/null; fi
    if [ "$action" = remove ]; then rm -rf "$dir"; fi
    exit 0 ;;
  start) ;;
  *) echo "usage: $0 [start|stop|remove]" >&2; exit 2 ;;
esac

if [ -z "$bin" ]; then install_server; bin=$(find_bin); fi
[ -n "$bin" ] && [ -x "$bin/initdb" ] || { echo "PostgreSQL's initdb not found after installing postgresql" >&2; exit 1; }

mkdir -p "$dir"
# Only its owner may list the folder (the password is in it); as root, the postgres user must still pass through to data/.
if [ "$(id -u)" -eq 0 ]; then chmod 711 "$dir"; else chmod 700 "$dir"; fi
# Two callers at once (a test script and a test host) must not both create or start the cluster.
exec 9>"$dir/lock"
flock 9

if running; then connection_string; exit 0; fi

if [ ! -f "$data/PG_VERSION" ]; then
  rm -rf "$data"
  head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' >"$dir/password"
  chmod 600 "$dir/password"
  mkdir -p "$data"
  if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$data"; fi
  pwfile=$(mktemp "$dir/initdb-password.XXXXXX")
  cp "$dir/password" "$pwfile"
  if [ "$(id -u)" -eq 0 ]; then chown postgres "$pwfile"; fi
  # UTF-8 with the C locale: text sorts by code point, as SQLite's BINARY collation does.
  as_owner "$bin/initdb" -D "$data" -U "$user" --pwfile="$pwfile" -E UTF8 --locale=C \
    --auth-local=scram-sha-256 --auth-host=scram-sha-256 >"$dir/initdb.log" 2>&1 \
    || { rm -f "$pwfile"; echo "initdb failed: see $dir/initdb.log" >&2; cat "$dir/initdb.log" >&2; exit 1; }
  rm -f "$pwfile"
  cat >>"$data/postgresql.conf" <<CONF
# ComplexCases test cluster (scripts/ensure-postgres.sh): loopback only, no Unix socket, speed over durability.
listen_addresses = '127.0.0.1'
unix_socket_directories = ''
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
CONF
  printf 'host all all 127.0.0.1/32 scram-sha-256\n' >"$data/pg_hba.conf"
fi

# The port written down last time, if still free; otherwise a new free one (and a retry if another process takes it first).
port=$(cat "$dir/port" 2>/dev/null || true)
for attempt in 1 2 3 4 5 6 7 8; do
  if [ -z "$port" ] || ! port_free "$port"; then
    port=$((20000 + RANDOM % 40000))
    port_free "$port" || { port=""; continue; }
  fi
  echo "$port" >"$dir/port"
  # 9>&-: the server must not inherit the lock, or it would hold it for as long as it runs.
  if as_owner "$bin/pg_ctl" start -D "$data" -w -t 60 -o "-p $port" -l "$data/server.log" >/dev/null 2>&1 9>&-; then
    connection_string
    exit 0
  fi
  port=""
done
echo "PostgreSQL did not start: see $data/server.log" >&2
tail -20 "$data/server.log" >&2 || true
exit 1
