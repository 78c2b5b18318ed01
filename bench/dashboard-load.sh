#!/usr/bin/env bash
# Load test of the dashboard pages (issue 14: p95 < 200 ms on national data): the insight pages, /runs, and the analyst's
# and the head of PDU's home pages, on the national database (240,000 people x 12 monthly runs, as bench/web-load.sh builds
# it). 20 concurrent connections from wrk on loopback; each page gets 10 s of unmeasured load first (tiered JIT), then 15 s
# measured. The app runs from its publish folder with its own appsettings.json, as deployed.
# Usage: BENCH_DIR=<dir> bench/dashboard-load.sh   (reuses <dir>/national-12.db when there; needs wrk)
set -euo pipefail
cd "$(dirname "$0")/.."
work="${BENCH_DIR:-$(mktemp -d)}"
mkdir -p "$work" && work=$(cd "$work" && pwd)
command -v wrk >/dev/null || { echo "needs wrk (apt-get install wrk)"; exit 2; }
db="${BENCH_DB:-$work/national-12.db}"
dotnet publish src/ComplexCases.Cli -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$work/cli" -nologo -v q >/dev/null
if [ ! -f "$db" ]; then
  "$work/cli/complexcases" generate --people 240000 --months 12 --seed 7 --as-of 2024-09-01 --out "$work/national" >/dev/null
  for month in "$work"/national/*/; do
    "$work/cli/complexcases" screen --extract "$month" --as-of "$(basename "$month")" --db "$db" --out "$work/out" --no-workbooks >/dev/null
  done
  rm -rf "$work/national"
fi
dotnet publish src/ComplexCases.Web -c Release -o "$work/web" -nologo -v q >/dev/null
"$work/cli/complexcases" migrate --db "$db" >/dev/null   # a database kept from an earlier version is brought up to date, as on a release
source bench/accounts.sh
pdu=$(bench_busiest_pdu_sqlite "$db")
bench_account "$work/cli/complexcases" "$db" "$work" bench-analyst Analyst
bench_account "$work/cli/complexcases" "$db" "$work" "bench-head-$pdu" HeadOfPdu --pdu "$pdu"
port=5198
# Staging, no demo: the demo would refuse a database whose runs it did not make (and once replaced one).
(cd "$work/web" && ASPNETCORE_ENVIRONMENT=Staging ConnectionStrings__ComplexCases="$db" Demo__Enabled=false ASPNETCORE_URLS="http://127.0.0.1:$port" \
  exec ./ComplexCases.Web) >"$work/web.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 240); do curl -fs -o /dev/null "http://127.0.0.1:$port/sign-in" && break; sleep 0.5; done
analyst=$(bench_cookie "http://127.0.0.1:$port" bench-analyst "$work")
head=$(bench_cookie "http://127.0.0.1:$port" "bench-head-$pdu" "$work")
[ -n "$analyst" ] && [ -n "$head" ] || { echo "could not sign in the bench accounts"; exit 1; }
echo "database: $(sqlite3 -readonly "$db" "SELECT count(*) || ' runs, ' || (SELECT count(*) FROM person_results) || ' person results' FROM screening_runs")"
# user path: the analyst sees every PDU (the widest aggregates); the head of PDU's home page is the other home page measured.
pages=("analyst /" "head /" "analyst /runs" "analyst /insight/process" "analyst /insight/quality" "analyst /insight/expertise" "analyst /insight/capacity" "head /insight/process")
# The server's CPU seconds (user+sys) so far, from /proc: the machine is shared, so CPU per request is quoted beside latency.
cpu() { awk '{printf "%.2f", ($14 + $15) / 100}' "/proc/$server/stat"; }
echo "load before: $(uptime)"
for page in "${pages[@]}"; do
  read -r who path <<<"$page"
  cookie=$([ "$who" = analyst ] && echo "$analyst" || echo "$head")
  status=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "http://127.0.0.1:$port$path")
  [ "$status" = 200 ] || { echo "$who $path answered $status"; exit 1; }
  wrk -t2 -c20 -d10s -H "Cookie: $cookie" "http://127.0.0.1:$port$path" >/dev/null
  echo "== $who $path"
  before=$(cpu)
  wrk -t2 -c20 -d15s --latency -s bench/p95.lua -H "Cookie: $cookie" "http://127.0.0.1:$port$path" | grep -E "Requests/sec|50%|99%|p95|Non-2xx"
  echo "server CPU during the 15 s: $(echo "$(cpu) - $before" | bc) s; load: $(cut -d' ' -f1-3 /proc/loadavg)"
done
