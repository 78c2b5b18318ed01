#!/usr/bin/env bash
# End-to-end timing of a heavy month (issue 12, "A heavy month stays fast"): a definition with threshold 4 over
# `complexcases generate --people 240000 --defects 0.02` lists ~23% of people and rejects ~2% of rows, so the run
# stores ~55,000 listed cases with their evidence, ~45,000 rejected rows and 110 large workbooks.
# Usage: bench/screen-heavy.sh [PEOPLE] [RUNS]   (default: 240000 3)
# Prints, per run into an empty database, wall seconds and peak RSS from `/usr/bin/time -v`.
# CLI=<path to complexcases> times an existing build instead of publishing this tree (to compare two builds).
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-240000}"
runs="${2:-3}"
work="${BENCH_DIR:-$(mktemp -d)}"
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)"; exit 2; }
cli="${CLI:-}"
if [ -z "$cli" ]; then
  # The default publish of the Cli project: ReadyToRun for this machine's runtime, framework-dependent.
  dotnet publish src/ComplexCases.Cli -c Release -o "$work/cli" -nologo -v q >/dev/null
  cli="$work/cli/complexcases"
fi
data="$work/heavy-$n"
[ -d "$data/2024-09-01" ] || "$cli" generate --people "$n" --defects 0.02 --seed 7 --as-of 2024-09-01 --out "$data" >/dev/null
sed -e 's/"id": "pilot-2024"/"id": "bench-threshold-4"/' -e 's/"threshold": 6/"threshold": 4/' definitions/pilot-2024.json > "$work/threshold-4.json"
grep -q '"threshold": 4' "$work/threshold-4.json" || { echo "could not make the threshold-4 definition"; exit 2; }

printf '%-10s %-8s %-8s %-8s %-10s\n' people wall_s peak_MB listed rejected
for _ in $(seq "$runs"); do
  rm -rf "$work/out" "$work/bench.db"*
  /usr/bin/time -v -o "$work/time.txt" "$cli" screen --extract "$data/2024-09-01" --as-of 2024-09-01 \
    --definition "$work/threshold-4.json" --db "$work/bench.db" --out "$work/out" >/dev/null
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' "$work/time.txt")
  kb=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$work/time.txt")
  listed=$(grep -c '"crn"' "$work/out/screening.json" || true)
  rejected=$(( $(wc -l < "$work/out/rejected.csv") - 1 ))
  printf '%-10s %-8s %-8s %-8s %-10s\n' "$n" "$wall" "$((kb / 1024))" "$listed" "$rejected"
done
