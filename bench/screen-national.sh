#!/usr/bin/env bash
# End-to-end timing of `complexcases screen` on generated extracts, whole process, with /usr/bin/time.
# Usage: bench/screen-national.sh [PEOPLE ...]   (default: 240000 1000000)
# For each size: three runs into an empty database, then three runs of the next month into a database
# already holding the previous month (the monthly case: change, months listed). Prints wall seconds and peak RSS.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ $# -eq 0 ] && sizes=(240000 1000000)
work="${BENCH_DIR:-$(mktemp -d)}"
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)"; exit 2; }
# The release build as the project publishes it by default: ReadyToRun (precompiled) for this machine, framework-dependent.
dotnet publish src/ComplexCases.Cli -c Release -o "$work/cli" -nologo -v q >/dev/null
cli="$work/cli/complexcases"

timed() { # label, db, extract folder
  rm -rf "$work/out"
  /usr/bin/time -f '%e %M' -o "$work/time.txt" "$cli" screen --extract "$3" --as-of 2024-09-01 --db "$2" --out "$work/out" >/dev/null
  read -r wall kb < "$work/time.txt"
  printf '%-10s %-10s %-16s %-8s %-8s\n' "$n" "$rows" "$1" "$wall" "$((kb / 1024))"
}

printf '%-10s %-10s %-16s %-8s %-8s\n' people rows database wall_s peak_MB
for n in "${sizes[@]}"; do
  data="$work/extract-$n"
  [ -d "$data/2024-09-01" ] || "$cli" generate --people "$n" --months 2 --seed 7 --as-of 2024-09-01 --out "$data" >/dev/null
  rows=$(( $(cat "$data"/2024-09-01/*.csv | wc -l) - $(ls "$data"/2024-09-01/*.csv | wc -l) ))  # data rows, not headers
  for _ in 1 2 3; do rm -f "$work/bench.db"*; timed empty "$work/bench.db" "$data/2024-09-01"; done
  rm -f "$work/base.db"*
  "$cli" screen --extract "$data/2024-08-01" --as-of 2024-08-01 --db "$work/base.db" --out "$work/out-base" >/dev/null
  for _ in 1 2 3; do rm -f "$work/bench.db"*; cp "$work/base.db" "$work/bench.db"; timed previous-month "$work/bench.db" "$data/2024-09-01"; done
done
