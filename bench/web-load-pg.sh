#!/usr/bin/env bash
# Two web instances on one PostgreSQL database of national size (240,000 people x 12 monthly runs, screened by the CLI),
# as a national service runs them: published Release build, Production environment, the same Pseudonyms:Key on both,
# data protection keys in the database encrypted to one certificate (so one sign-in cookie works on either), no demo data or accounts (a head of PDU
# is created with `complexcases admin create`, as an operator would). wrk is the load: two wrk processes at once, half
# the connections on each instance, for the monthly list, the filtered list and a case page; then more connections to
# find the throughput at saturation. Each page gets 10 s of unmeasured load first (tiered JIT compilation).
#
# Usage: BENCH_POSTGRES="$(bash scripts/ensure-postgres.sh)" bench/web-load-pg.sh
#   BENCH_DIR       to keep the published builds and the generated extract between runs
#   BENCH_PG_DB     the database to use (default bench_national_12); made and screened when missing, kept afterwards
#                   (drop it with: psql -c "DROP DATABASE bench_national_12 WITH (FORCE)"), so bench/ten-years.sh can grow it
#   BENCH_MONTHS    months to screen when making it (default 12)
#   BENCH_LOADS     connection counts for the saturation series (default "50 100 200")
#   BENCH_USER      the account's name before "-<PDU>" (default bench-head); it is made with this BENCH_DIR's password, so
#                   another folder on the same database needs a name of its own
# Needs wrk (apt-get install wrk) and psql.
set -euo pipefail
cd "$(dirname "$0")/.."
pg="${BENCH_POSTGRES:?set BENCH_POSTGRES to a connection string to the maintenance database of the server}"
work="${BENCH_DIR:-$(mktemp -d)}"
mkdir -p "$work" && work=$(cd "$work" && pwd)
name="${BENCH_PG_DB:-bench_national_12}"
months="${BENCH_MONTHS:-12}"
loads=(${BENCH_LOADS:-50 100 200})
command -v wrk >/dev/null || { echo "needs wrk (apt-get install wrk)"; exit 2; }
command -v psql >/dev/null || { echo "needs psql (postgresql-client)"; exit 2; }

# The Npgsql keywords as libpq's environment, for psql.
while IFS='=' read -r key value; do
  case "${key,,}" in
    host|server) export PGHOST="$value" ;; port) export PGPORT="$value" ;;
    username|"user id"|user) export PGUSER="$value" ;; password) export PGPASSWORD="$value" ;; database) export PGDATABASE="$value" ;;
  esac
done < <(printf '%s\n' "$pg" | tr ';' '\n')
db="$(printf '%s' "$pg" | sed -E 's/(^|;)[Dd]atabase=[^;]*//');Database=$name"

[ -x "$work/cli/complexcases" ] || dotnet publish src/ComplexCases.Cli -c Release -o "$work/cli" -nologo -v q >/dev/null
[ -x "$work/web/ComplexCases.Web" ] || dotnet publish src/ComplexCases.Web -c Release -o "$work/web" -nologo -v q >/dev/null
cli="$work/cli/complexcases"

if [ -z "$(psql -XAtc "SELECT 1 FROM pg_database WHERE datname = '$name'")" ]; then
  psql -qXc "CREATE DATABASE $name TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-GB'" >/dev/null
  "$cli" migrate --db "$db" >/dev/null
  [ -d "$work/national/2024-09-01" ] || "$cli" generate --people 240000 --months "$months" --seed 7 --as-of 2024-09-01 --out "$work/national" >/dev/null
  for month in "$work"/national/*/; do
    d=$(basename "$month")
    "$cli" screen --extract "$month" --as-of "$d" --db "$db" --out "$work/out" --no-workbooks >/dev/null
  done
  psql -qXd "$name" -c "VACUUM ANALYZE" >/dev/null
fi
"$cli" migrate --db "$db" >/dev/null   # a database kept from an earlier version is brought up to date, as on a release
echo "database $name: $(psql -XAtd "$name" -c "SELECT count(*) FROM screening_runs") runs, $(psql -XAtd "$name" -c "SELECT pg_size_pretty(pg_database_size(current_database()))")"

# A head of PDU for the PDU with the most listed cases in the latest run (Production has no demo accounts).
pdu=$(psql -XAtd "$name" -c "SELECT \"PduCode\" FROM listed_cases WHERE \"RunId\" = (SELECT max(\"Id\") FROM screening_runs) GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1")
user="${BENCH_USER:-bench-head}-$pdu"
source bench/accounts.sh
password=$(bench_password "$work")
if [ -z "$(psql -XAtd "$name" -c "SELECT 1 FROM \"AspNetUsers\" WHERE \"UserName\" = '$user'" 2>/dev/null || true)" ]; then
  printf '%s\n' "$password" | "$cli" admin create --user "$user" --role HeadOfPdu --pdu "$pdu" --password-stdin --db "$db" >/dev/null || true
fi

key=$(head -c 32 /dev/urandom | base64)
# Production encrypts the data protection keys to a certificate: a throwaway self-signed one in the bench folder (kept with
# the database it protects, which outlives a run), never in the repository.
if [ ! -f "$work/key-ring/key-ring.pem" ]; then
  bash scripts/ensure-openssl.sh
  mkdir -p "$work/key-ring" && chmod 700 "$work/key-ring"
  openssl req -x509 -newkey rsa:3072 -nodes -days 3650 -subj "/CN=complexcases bench key ring" \
    -keyout "$work/key-ring/key.pem" -out "$work/key-ring/key-ring.pem" 2>/dev/null
fi
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
ports=("$(free_port)" "$(free_port)")
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
for i in 0 1; do
  # Production: HTTPS is what the load balancer ends; X-Forwarded-Proto (trusted from loopback) says so to each instance.
  (cd "$work/web" && ASPNETCORE_ENVIRONMENT=Production ConnectionStrings__ComplexCases="$db" Pseudonyms__Key="$key" \
    DataProtection__Certificate__Path="$work/key-ring/key-ring.pem" DataProtection__Certificate__KeyPath="$work/key-ring/key.pem" \
    ASPNETCORE_FORWARDEDHEADERS_ENABLED=true Notifications__SweepMinutes=0 ASPNETCORE_URLS="http://127.0.0.1:${ports[$i]}" \
    exec ./ComplexCases.Web) >"$work/web-$i.log" 2>&1 &
  pids+=($!)
done
for port in "${ports[@]}"; do
  for _ in $(seq 1 240); do curl -fs -o /dev/null "http://127.0.0.1:$port/health/live" && break; sleep 0.5; done
done
proto=(-H "X-Forwarded-Proto: https")
base0="http://127.0.0.1:${ports[0]}"
# Signed in on instance 0; the cookie is then used on both (the keys that protect it are in the database). Signed in afresh
# before each measurement: the cookie is checked against the account (security stamp) once it is a minute old, and a
# browser then keeps the renewed cookie it is sent, but wrk does not, so an old cookie made every request check and
# re-issue it (two queries and a cookie encryption each), which real users pay once a minute.
sign_in() {
  local jar="$work/cookies.txt" page token
  rm -f "$jar"
  page=$(curl -fs "${proto[@]}" -c "$jar" "$base0/sign-in")
  token=$(printf '%s' "$page" | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -1)
  curl -fs "${proto[@]}" -b "$jar" -c "$jar" -o /dev/null -d "UserName=$user&Password=$password&__RequestVerificationToken=$token" "$base0/sign-in"
  # curl keeps a Secure cookie only for https: read it from the jar file whatever its flags (#HttpOnly_ lines too).
  cookie=$(sed 's/^#HttpOnly_//' "$jar" | awk -F'\t' 'NF >= 7 && $6 ~ /^complexcases/ {printf "%s%s=%s", (n++ ? "; " : ""), $6, $7}')
}
sign_in
[ -n "$cookie" ] || { echo "sign-in failed: see $work/web-0.log"; exit 1; }
crn=$(curl -fs "${proto[@]}" -H "Cookie: $cookie" "http://127.0.0.1:${ports[1]}/lists/$pdu" | sed -n 's/.*href="\/cases\/\([A-Z][0-9]*\)?run=.*/\1/p' | head -1)
[ -n "$crn" ] || { echo "the list page on instance 1 showed no case: the cookie did not work there, see $work/web-1.log"; exit 1; }
echo "PDU $pdu, case $crn, instances on ports ${ports[*]}"
paths=("/lists/$pdu" "/lists/$pdu?status=complex&sort=score" "/cases/$crn")

# CPU per request, which the machine's other load disturbs far less than latency: user+sys of the two web processes and of
# the PostgreSQL server (its postmaster, the backends it has reaped and those alive; only when it runs on this machine,
# and it counts whatever else that server does meanwhile), from /proc. With pg_stat_statements in the database, also
# the statements executed per request.
tick=$(getconf CLK_TCK)
# The postmaster is the parent of the server's checkpointer (a process that lives as long as the server).
pg_master=$(psql -XAtd "$name" -c "SELECT pid FROM pg_stat_activity WHERE backend_type = 'checkpointer'" | xargs -I{} awk '/^PPid:/ {print $2}' /proc/{}/status 2>/dev/null || true)
web_cpu() { cat "/proc/${pids[0]}/stat" "/proc/${pids[1]}/stat" | awk -v t="$tick" '{s += $14 + $15} END {printf "%.3f", s / t}'; }
pg_cpu() {
  [ -n "$pg_master" ] || { echo 0; return; }
  { awk '{print $14 + $15 + $16 + $17}' "/proc/$pg_master/stat"
    for c in $(ps -o pid= --ppid "$pg_master"); do awk '{print $14 + $15}' "/proc/$c/stat" 2>/dev/null || true; done
  } | awk -v t="$tick" '{s += $1} END {printf "%.3f", s / t}'
}
statements() { psql -XAtd "$name" -c "SELECT coalesce(sum(calls), 0) FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())" 2>/dev/null || echo ""; }

# Both instances at once, half of CONNECTIONS each; prints requests/s summed, the worse instance's p95, and CPU per request.
both() { # connections seconds path
  local half=$(( $1 / 2 )) outs=() web0 pg0 st0 web1 pg1 st1
  sign_in
  web0=$(web_cpu); pg0=$(pg_cpu); st0=$(statements)
  for i in 0 1; do
    wrk -t1 -c"$half" -d"$2"s --latency -s bench/p95.lua "${proto[@]}" -H "Cookie: $cookie" "http://127.0.0.1:${ports[$i]}$3" >"$work/wrk-$i.txt" &
    outs+=($!)
  done
  wait "${outs[@]}"
  web1=$(web_cpu); pg1=$(pg_cpu); st1=$(statements)
  local rps p95 errors non2xx requests cpu
  rps=$(cat "$work"/wrk-[01].txt | awk '/Requests\/sec/ {s += $2} END {printf "%.0f", s}')
  p95=$(cat "$work"/wrk-[01].txt | awk '/^p95:/ {v = $2 + 0; if (v > m) m = v} END {printf "%.1f", m}')
  errors=$(cat "$work"/wrk-[01].txt | awk '/^p95:/ {gsub(",", "", $7); s += $7} END {print s + 0}')
  non2xx=$(cat "$work"/wrk-[01].txt | awk '/Non-2xx/ {s += $NF} END {print s + 0}')
  requests=$(cat "$work"/wrk-[01].txt | awk '/requests in/ {s += $1} END {print s + 0}')
  cpu=$(awk -v w0="$web0" -v w1="$web1" -v p0="$pg0" -v p1="$pg1" -v n="$requests" \
    'BEGIN {printf "cpu/req web %.2f ms + pg %.2f ms", (w1 - w0) * 1000 / n, (p1 - p0) * 1000 / n}')
  [ -n "$st0" ] && [ -n "$st1" ] && cpu="$cpu  statements/req $(awk -v a="$st0" -v b="$st1" -v n="$requests" 'BEGIN {printf "%.1f", (b - a) / n}')"
  printf '%-44s %5s conn  %7s req/s  p95 %7s ms  errors %s  non-2xx %s  %s\n' "$3" "$1" "$rps" "$p95" "$errors" "$non2xx" "$cpu"
}
for path in "${paths[@]}"; do both 50 10 "$path" >/dev/null; done
echo "== 50 connections (25 per instance), 15 s each; load: $(uptime | sed 's/.*load/load/')"
for path in "${paths[@]}"; do both 50 15 "$path"; done
echo "== saturation: more connections, 15 s each"
for c in "${loads[@]}"; do
  for path in "${paths[@]}"; do both "$c" 15 "$path"; done
done
