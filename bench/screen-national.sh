#!/usr/bin/env bash
# End-to-end timing of `complexcases screen` on generated extracts, whole process, with /usr/bin/time.
# Usage: bench/screen-national.sh [PEOPLE ...]   (default: 240000 1000000)
# Prints wall seconds and peak RSS per size; each run starts from an empty database.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("${@:-240000 1000000}")
[ $# -eq 0 ] && sizes=(240000 1000000)
work="${BENCH_DIR:-$(mktemp -d)}"
dotnet publish src/ComplexCases.Cli -c Release -o "$work/cli" -nologo -v q >/dev/null
cli="$work/cli/complexcases"
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)"; exit 2; }
printf '%-10s %-12s %-10s %-10s\n' people rows wall_s peak_MB
for n in "${sizes[@]}"; do
  data="$work/extract-$n"
  [ -d "$data" ] || "$cli" generate --people "$n" --months 1 --seed 7 --as-of 2024-09-01 --out "$data" >/dev/null
  rows=$(cat "$data"/2024-09-01/*.csv | wc -l)
  for run in 1 2 3; do
    rm -f "$work/bench.db"*; rm -rf "$work/out"
    /usr/bin/time -f '%e %M' -o "$work/time.txt" "$cli" screen --extract "$data/2024-09-01" --as-of 2024-09-01 \
      --db "$work/bench.db" --out "$work/out" >/dev/null
    read -r wall kb < "$work/time.txt"
    printf '%-10s %-12s %-10s %-10s\n' "$n" "$rows" "$wall" "$((kb / 1024))"
  done
done
