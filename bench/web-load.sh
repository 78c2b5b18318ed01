#!/usr/bin/env bash
# Load test of the web pages on a national-size database: 240,000 people x 12 monthly runs (East of England is
# not enough). 20 concurrent connections from wrk (a separate process) on loopback, signed in as the head of a PDU.
# The app runs from its publish folder, so its own appsettings.json applies (as deployed: warnings-only logging), and
# each page gets 10 s of unmeasured load first, so tiered JIT compilation is over before anything is measured.
# Usage: bench/web-load.sh   (BENCH_DIR to reuse the generated database; needs wrk: apt-get install wrk)
set -euo pipefail
cd "$(dirname "$0")/.."
work="${BENCH_DIR:-$(mktemp -d)}"
mkdir -p "$work" && work=$(cd "$work" && pwd)   # absolute: the app is started from its own folder
command -v wrk >/dev/null || { echo "needs wrk (apt-get install wrk)"; exit 2; }
dotnet publish src/ComplexCases.Cli -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$work/cli" -nologo -v q >/dev/null
dotnet publish src/ComplexCases.Web -c Release -o "$work/web" -nologo -v q >/dev/null
db="${BENCH_DB:-$work/national-12.db}"   # BENCH_DB: another database of national runs (bench/ten-years.sh)
if [ ! -f "$db" ]; then
  "$work/cli/complexcases" generate --people 240000 --months 12 --seed 7 --as-of 2024-09-01 --out "$work/national" >/dev/null
  for month in "$work"/national/*/; do
    d=$(basename "$month")
    "$work/cli/complexcases" screen --extract "$month" --as-of "$d" --db "$db" --out "$work/out" --no-workbooks >/dev/null
  done
  rm -rf "$work/national"
fi
[ -z "${BENCH_ONLY_BUILD:-}" ] || exit 0   # bench/ten-years.sh: only the 12-month database
"$work/cli/complexcases" migrate --db "$db" >/dev/null   # a database kept from an earlier version is brought up to date, as on a release
source bench/accounts.sh
pdu=$(bench_busiest_pdu_sqlite "$db")
bench_account "$work/cli/complexcases" "$db" "$work" "bench-head-$pdu" HeadOfPdu --pdu "$pdu"
port=5199
# Staging, no demo: the demo would refuse a database whose runs it did not make (and once replaced one).
(cd "$work/web" && ASPNETCORE_ENVIRONMENT=Staging ConnectionStrings__ComplexCases="$db" Demo__Enabled=false ASPNETCORE_URLS="http://127.0.0.1:$port" \
  exec ./ComplexCases.Web) >"$work/web.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -fs -o /dev/null "http://127.0.0.1:$port/sign-in" && break; sleep 0.5; done
cookie=$(bench_cookie "http://127.0.0.1:$port" "bench-head-$pdu" "$work")
[ -n "$cookie" ] || { echo "could not sign in as bench-head-$pdu"; exit 1; }
crn=$(curl -fs -H "Cookie: $cookie" "http://127.0.0.1:$port/lists/$pdu" | sed -n 's/.*href="\/cases\/\([A-Z][0-9]*\)?run=.*/\1/p' | head -1)
echo "database: $(sqlite3 -readonly "$db" "SELECT count(*) || ' runs, ' || (SELECT count(*) FROM person_results) || ' person results' FROM screening_runs")"
echo "PDU $pdu, case $crn"
paths=("/lists/$pdu" "/lists/$pdu?status=complex&sort=score" "/cases/$crn")
for path in "${paths[@]}"; do
  wrk -t2 -c20 -d10s -H "Cookie: $cookie" "http://127.0.0.1:$port$path" >/dev/null
done
for path in "${paths[@]}"; do
  echo "== $path"
  wrk -t2 -c20 -d15s --latency -s bench/p95.lua -H "Cookie: $cookie" "http://127.0.0.1:$port$path" | grep -E "Requests/sec|50%|99%|p95|Non-2xx"
done
