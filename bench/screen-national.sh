#!/usr/bin/env bash
# End-to-end timing of `complexcases screen` on generated extracts, whole process, with /usr/bin/time.
# Usage: bench/screen-national.sh [PEOPLE ...]   (default: 240000 1000000)
# For each size: three runs into an empty database, then three runs of the next month into a database
# already holding the previous month (the monthly case: change, months listed). Prints wall seconds and peak RSS.
# On PostgreSQL: BENCH_POSTGRES="$(bash scripts/ensure-postgres.sh)" bench/screen-national.sh 240000
#   (an Npgsql connection string to a server's maintenance database, as a user that may create databases; each run gets
#   a new database, migrated before the timing starts, as a deployment's would be; psql must be installed).
set -euo pipefail
shopt -s inherit_errexit  # a failure inside $(fresh …) stops the bench
cd "$(dirname "$0")/.."
sizes=("$@")
[ $# -eq 0 ] && sizes=(240000 1000000)
work="${BENCH_DIR:-$(mktemp -d)}"
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)"; exit 2; }
# The release build as the project publishes it by default: ReadyToRun (precompiled) for this machine, framework-dependent.
dotnet publish src/ComplexCases.Cli -c Release -o "$work/cli" -nologo -v q >/dev/null
cli="$work/cli/complexcases"

pg="${BENCH_POSTGRES:-}"
if [ -n "$pg" ]; then
  # The Npgsql keywords as libpq's environment, for psql.
  while IFS='=' read -r key value; do
    case "${key,,}" in
      host|server) export PGHOST="$value" ;; port) export PGPORT="$value" ;;
      username|"user id"|user) export PGUSER="$value" ;; password) export PGPASSWORD="$value" ;; database) export PGDATABASE="$value" ;;
    esac
  done < <(printf '%s\n' "$pg" | tr ';' '\n')
fi
# A fresh target: a database file path, or (PostgreSQL) a new database copied from TEMPLATE (or empty) and migrated.
fresh() { # name [template]
  if [ -z "$pg" ]; then rm -f "$work/$1.db"*; [ $# -gt 1 ] && cp "$work/$2.db" "$work/$1.db"; echo "$work/$1.db"; return; fi
  psql -qXc "DROP DATABASE IF EXISTS bench_$1 WITH (FORCE)" >/dev/null
  psql -qXc "CREATE DATABASE bench_$1${2:+ TEMPLATE bench_$2}" >/dev/null
  local conn
  conn="$(printf '%s' "$pg" | sed -E 's/(^|;)[Dd]atabase=[^;]*//');Database=bench_$1"
  "$cli" migrate --db "$conn" >/dev/null
  echo "$conn"
}

timed() { # label, db, extract folder
  rm -rf "$work/out"
  /usr/bin/time -f '%e %M %U %S' -o "$work/time.txt" "$cli" screen --extract "$3" --as-of 2024-09-01 --db "$2" --out "$work/out" >/dev/null
  read -r wall kb user sys < "$work/time.txt"
  printf '%-10s %-10s %-16s %-8s %-8s %-8s\n' "$n" "$rows" "$1" "$wall" "$((kb / 1024))" "$(echo "$user + $sys" | bc)"
}

# cpu_s: the command's own user + system seconds (on PostgreSQL the server's work is not in it): on a shared machine
# the wall time depends on the load, the CPU seconds much less.
printf '%-10s %-10s %-16s %-8s %-8s %-8s\n' people rows database wall_s peak_MB cpu_s
for n in "${sizes[@]}"; do
  data="$work/extract-$n"
  [ -d "$data/2024-09-01" ] || "$cli" generate --people "$n" --months 2 --seed 7 --as-of 2024-09-01 --out "$data" >/dev/null
  rows=$(( $(cat "$data"/2024-09-01/*.csv | wc -l) - $(ls "$data"/2024-09-01/*.csv | wc -l) ))  # data rows, not headers
  for _ in 1 2 3; do db=$(fresh bench); timed empty "$db" "$data/2024-09-01"; done
  base=$(fresh base)
  "$cli" screen --extract "$data/2024-08-01" --as-of 2024-08-01 --db "$base" --out "$work/out-base" >/dev/null
  for _ in 1 2 3; do db=$(fresh bench base); timed previous-month "$db" "$data/2024-09-01"; done
done
if [ -n "$pg" ]; then for name in bench base; do psql -qXc "DROP DATABASE IF EXISTS bench_$name WITH (FORCE)" >/dev/null; done; fi
