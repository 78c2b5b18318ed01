#!/usr/bin/env bash
# End-to-end timing of `complexcases compare` and `evaluate` over 12 stored national months, whole process,
# with /usr/bin/time. Usage: bench/compare-national.sh [PEOPLE]   (default: 240000)
# Generates 12 monthly extracts with outcomes (seed 7, as of 2024-12-31), screens each with the pilot definition
# into one database (kept in BENCH_DIR, if given, so a second call skips this), imports the outcomes, then times
# three runs each of:
#   compare pilot-2024 with a definition changing only the threshold (both scored from stored criterion outcomes),
#   compare pilot-2024 with one changing a criterion's parameters (MAPPA M1-M3: every month screened again
#   from the records kept with its run),
#   evaluate pilot-2024 --window 6.
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-240000}"
work="${BENCH_DIR:-$(mktemp -d)}"
mkdir -p "$work"
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)"; exit 2; }
dotnet publish src/ComplexCases.Cli -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$work/cli" -nologo -v q >/dev/null
cli="$work/cli/complexcases"
data="$work/months-$n"
db="$work/compare-$n.db"
if [ ! -f "$db" ]; then
  "$cli" generate --people "$n" --months 12 --seed 7 --as-of 2024-12-31 --out "$data" --outcomes >/dev/null
  for month in "$data"/20*; do
    "$cli" screen --extract "$month" --as-of "$(basename "$month")" --db "$db.tmp" --out "$work/out" --no-workbooks >/dev/null
  done
  "$cli" outcomes import --db "$db.tmp" --file "$data/outcomes.csv" | tail -1
  mv "$db.tmp" "$db"; for f in "$db.tmp"-*; do [ -e "$f" ] && mv "$f" "$db${f#"$db.tmp"}"; done
  rm -rf "$data" "$work/out"
fi
sed -e 's/"pilot-2024"/"bench-threshold-5"/' -e 's/"threshold": 6/"threshold": 5/' definitions/pilot-2024.json > "$work/threshold-5.json"
sed -e 's/"pilot-2024"/"bench-mappa-any"/' -e 's/"levels": \["M2", "M3"\]/"levels": ["M1", "M2", "M3"]/' definitions/pilot-2024.json > "$work/mappa-any.json"
grep -q '"M1", "M2", "M3"' "$work/mappa-any.json" || { echo "could not derive the MAPPA definition"; exit 1; }

timed() { # label, command...
  local label="$1"; shift
  /usr/bin/time -f '%e %U %S %M' -o "$work/time.txt" "$@" >/dev/null
  read -r wall user sys kb < "$work/time.txt"
  printf '%-34s %-8s %-8s %-8s\n' "$label" "$wall" "$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')" "$((kb / 1024))"
}
# CPU seconds (user + sys) beside the wall time: on a shared machine they say more than the wall clock.
printf '%-34s %-8s %-8s %-8s\n' "command (12 months x $n people)" wall_s cpu_s peak_MB
for _ in 1 2 3; do timed "compare, threshold only (stored)" "$cli" compare --db "$db" --definition pilot-2024 --definition "$work/threshold-5.json" --out "$work/c1.json"; done
for _ in 1 2 3; do timed "compare, MAPPA levels (rescreen)" "$cli" compare --db "$db" --definition pilot-2024 --definition "$work/mappa-any.json" --out "$work/c2.json"; done
for _ in 1 2 3; do timed "evaluate pilot, window 6" "$cli" evaluate --db "$db" --definition pilot-2024 --window 6 --out "$work/e.json"; done
ls -l "$db" | awk '{printf "database: %.0f MB\n", $5 / 1048576}'
