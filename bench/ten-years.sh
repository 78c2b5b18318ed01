#!/usr/bin/env bash
# Ten years of monthly runs (120 x 240,000 people) on each engine: is the web as fast as on one year, and how big is
# the database? Screening 120 real months would take hours here, so this is a SHORTCUT, stated as such in
# docs/performance.md: 12 real months are generated and screened by the CLI (bench/web-load.sh and
# bench/web-load-pg.sh make those databases), then each of the 12 stored runs is copied with SQL nine times, each copy
# dated 1 to 9 years earlier (a new screening_runs row, its person_results, listed_cases, run_files, rejected_rows and
# run_inputs rows copied with the new run id). The copies are as big as real months and are read by the same queries,
# but hold the same people every year; workflows and the audit log keep only what the 12 real runs made.
#
# Usage: BENCH_POSTGRES="$(bash scripts/ensure-postgres.sh)" BENCH_DIR=<dir> bench/ten-years.sh [sqlite|postgres ...]
#   (default: both). Prints each database's size, then runs the same web measurement as on 12 months:
#   SQLite: bench/web-load.sh on the 120-month file; PostgreSQL: bench/web-load-pg.sh on a 120-month database.
#   The 12-month databases are made first when missing (in BENCH_DIR, and bench_national_12 on the server).
#   Disk: about 6 GB for both 120-month databases; drop them afterwards (the script prints how).
#   BENCH_SKIP_WEB=1 builds (and sizes) the 120-month databases without measuring, so that the build can run while the
#   machine is busy and the web measurement later on a quiet machine (run again without it: the build is redone).
set -euo pipefail
cd "$(dirname "$0")/.."
work="${BENCH_DIR:?set BENCH_DIR (the 12-month databases are kept there between runs)}"
mkdir -p "$work" && work=$(cd "$work" && pwd)
engines=("$@")
[ $# -eq 0 ] && engines=(sqlite postgres)

# SQL copying every run of the first 12 months K years back (K = 1..9), one transaction per year; DIALECT gives the
# date arithmetic. Column lists come from the database itself, so a later migration's columns are copied too.
replicate_sql() { # dialect columns-of-function
  local dialect=$1 columns=$2 k id
  local runs=(${REAL_RUNS})
  local run_cols; run_cols=$($columns screening_runs '"Id","AsOf"')
  for k in 1 2 3 4 5 6 7 8 9; do
    echo "BEGIN;"
    for id in "${runs[@]}"; do
      local as_of
      if [ "$dialect" = postgres ]; then as_of="(\"AsOf\" - make_interval(years => $k))::date"; else as_of="date(\"AsOf\", '-$k years')"; fi
      echo "INSERT INTO screening_runs (\"AsOf\", $run_cols) SELECT $as_of, $run_cols FROM screening_runs WHERE \"Id\" = $id;"
      local new='(SELECT max("Id") FROM screening_runs)'
      for child in "person_results run_id" "listed_cases RunId" "run_files RunId" "run_inputs RunId" "rejected_rows RunId"; do
        set -- $child
        local cols; cols=$($columns "$1" "\"$2\",\"Id\"")
        echo "INSERT INTO $1 (\"$2\", $cols) SELECT $new, $cols FROM $1 WHERE \"$2\" = $id;"
      done
    done
    echo "COMMIT;"
  done
}

sqlite_columns() { # table excluded-columns (quoted, comma-separated)
  sqlite3 "$DB" "SELECT group_concat('\"' || name || '\"', ', ') FROM pragma_table_info('$1') WHERE '\"' || name || '\"' NOT IN ($(echo "$2" | sed "s/\"\([^\"]*\)\"/'\"\1\"'/g"))"
}
pg_columns() {
  psql -XAtd "$DB" -c "SELECT string_agg('\"' || column_name || '\"', ', ' ORDER BY ordinal_position) FROM information_schema.columns
    WHERE table_schema = 'public' AND table_name = '$1' AND '\"' || column_name || '\"' NOT IN ($(echo "$2" | sed "s/\"\([^\"]*\)\"/'\"\1\"'/g"))"
}

for engine in "${engines[@]}"; do
  case "$engine" in
    sqlite)
      [ -f "$work/national-12.db" ] || BENCH_DIR="$work" BENCH_ONLY_BUILD=1 bench/web-load.sh
      DB="$work/national-120.db"
      rm -f "$DB"*; cp "$work/national-12.db" "$DB"
      REAL_RUNS=$(sqlite3 "$DB" 'SELECT "Id" FROM screening_runs ORDER BY "AsOf"' | tr '\n' ' ')
      start=$(date +%s)
      replicate_sql sqlite sqlite_columns | sqlite3 "$DB"
      sqlite3 "$DB" "ANALYZE"
      echo "sqlite: $(sqlite3 "$DB" 'SELECT count(*) FROM screening_runs') runs, copied in $(( $(date +%s) - start )) s;" \
        "12 months $(du -m "$work/national-12.db" | cut -f1) MB, 120 months $(du -m "$DB" | cut -f1) MB"
      [ -n "${BENCH_SKIP_WEB:-}" ] || BENCH_DIR="$work" BENCH_DB="$DB" bench/web-load.sh
      echo "(delete with: rm $DB)" ;;
    postgres)
      pg="${BENCH_POSTGRES:?set BENCH_POSTGRES for the postgres engine}"
      while IFS='=' read -r key value; do
        case "${key,,}" in
          host|server) export PGHOST="$value" ;; port) export PGPORT="$value" ;;
          username|"user id"|user) export PGUSER="$value" ;; password) export PGPASSWORD="$value" ;; database) export PGDATABASE="$value" ;;
        esac
      done < <(printf '%s\n' "$pg" | tr ';' '\n')
      if [ -z "$(psql -XAtc "SELECT 1 FROM pg_database WHERE datname = 'bench_national_12'")" ]; then
        BENCH_DIR="$work" BENCH_LOADS=" " bench/web-load-pg.sh
      fi
      DB=bench_national_120
      psql -qXc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null
      psql -qXc "CREATE DATABASE $DB TEMPLATE bench_national_12" >/dev/null
      REAL_RUNS=$(psql -XAtd "$DB" -c 'SELECT "Id" FROM screening_runs ORDER BY "AsOf"' | tr '\n' ' ')
      start=$(date +%s)
      replicate_sql postgres pg_columns | psql -qXd "$DB" -v ON_ERROR_STOP=1 >/dev/null
      psql -qXd "$DB" -c "VACUUM ANALYZE" >/dev/null
      echo "postgres: $(psql -XAtd "$DB" -c 'SELECT count(*) FROM screening_runs') runs, copied in $(( $(date +%s) - start )) s;" \
        "12 months $(psql -XAtc "SELECT pg_size_pretty(pg_database_size('bench_national_12'))"), 120 months $(psql -XAtc "SELECT pg_size_pretty(pg_database_size('$DB'))")"
      [ -n "${BENCH_SKIP_WEB:-}" ] || BENCH_DIR="$work" BENCH_PG_DB="$DB" bench/web-load-pg.sh
      echo "(drop with: psql -c \"DROP DATABASE $DB WITH (FORCE)\")" ;;
    *) echo "usage: $0 [sqlite|postgres ...]" >&2; exit 2 ;;
  esac
done
