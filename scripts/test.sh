#!/usr/bin/env bash
# Runs every test project and ends with one line "N passed, N failed" summed over all of them.
set -uo pipefail
cd "$(dirname "$0")/.."

# Kept after the run as test artefacts (git-ignored): one TRX report per project, and the browser tests' screenshots.
artifacts=".artifacts"
results="$artifacts/test-results"
rm -rf "$results" "$artifacts/screenshots"
mkdir -p "$results"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

dotnet build ComplexCases.slnx -c Release -nologo -v q -clp:ErrorsOnly
build=$?
if [ $build -ne 0 ]; then
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

bash scripts/ensure-browser.sh >/dev/null || { echo "chromium unavailable"; echo "0 passed, 1 failed"; exit 1; }

# A real PostgreSQL server on loopback for the tests of the PostgreSQL provider (each test class makes and drops its own
# database on it). No test skips without it: if it cannot start, the run fails here, with the reason above.
COMPLEXCASES_TEST_POSTGRES=$(bash scripts/ensure-postgres.sh) || { echo "PostgreSQL server unavailable"; echo "0 passed, 1 failed"; exit 1; }
export COMPLEXCASES_TEST_POSTGRES

# Every pass runs on SQLite files unless it says otherwise (the PostgreSQL pass below), whatever the caller's environment.
export COMPLEXCASES_TEST_PROVIDER=sqlite

# One results folder per test project, so no two reports can collide.
status=0
for project in tests/*Tests/*Tests.csproj; do
  name=$(basename "$project" .csproj)
  dotnet test "$project" -c Release --no-build -nologo -v q \
    --logger "trx" --results-directory "$results/$name" -- RunConfiguration.TreatNoTestsAsError=true || status=1
done

# The application and web tests again on PostgreSQL: the same tests, each test class's database (and each test site's)
# made on the server above instead of a SQLite file (COMPLEXCASES_TEST_PROVIDER, read by TestSupport's TestDatabases).
# Tests about SQLite files (paths, WAL, backups of a file) make a SQLite database themselves and run on it here too.
for name in ComplexCases.Application.Tests ComplexCases.Web.Tests; do
  echo "on PostgreSQL: $name"
  COMPLEXCASES_TEST_PROVIDER=postgres dotnet test "tests/$name/$name.csproj" -c Release --no-build -nologo -v q \
    --blame-hang-timeout 5m --logger "trx" --results-directory "$results/$name@postgres" -- RunConfiguration.TreatNoTestsAsError=true || status=1
done

# The Dockerfile's stages played on this host (no Docker engine here): published with a version, run as an unprivileged
# user in Production behind a simulated TLS proxy; counted as one test.
smoke_passed=0; smoke_failed=0
if bash scripts/production-smoke.sh; then smoke_passed=1; else smoke_failed=1; status=1; fi

# The same date-sensitive tests again with the process clock moved (libfaketime preloaded into the test host and every
# process it starts: the site, the CLI). Every site and sweep runs on a TestClock, so these prove that nothing
# still reads the real date: a Saturday, Christmas Day, a leap day, the last minute of a year in UTC, and a day after the
# last bank holiday in the shipped calendar. FAKETIME_DONT_FAKE_MONOTONIC keeps timers and timeouts on real time, and
# FAKETIME_FORCE_MONOTONIC_FIX=0 leaves .NET's timed waits (monotonic condition variables) alone: with it, every timed wait
# ends at once and no test site can start.
moved_clocks=("2026-12-05 10:00:00" "2026-12-25 12:00:00" "2028-02-29 09:00:00" "2026-12-31 23:59:00" "2029-01-15 10:00:00")
# The browser journeys run once, on the normal clock: their dates are the site's, which the web tests cover here, and under
# libfaketime a Kestrel site answering Chromium stalled now and then (a page never finished loading), a flake of the tool.
date_sensitive=(ComplexCases.Application.Tests ComplexCases.Web.Tests ComplexCases.Cli.Tests)
if [ "${COMPLEXCASES_MOVED_CLOCKS:-1}" != "0" ]; then
  faketime_library=$(bash scripts/ensure-faketime.sh) || { echo "faketime unavailable"; echo "0 passed, 1 failed"; exit 1; }
  for moved in "${moved_clocks[@]}"; do
    label=$(tr -c '0-9\n' '-' <<<"$moved" | tr -d '\n')
    settings="$artifacts/moved-clock-$label.runsettings"
    cat >"$settings" <<SETTINGS
<RunSettings><RunConfiguration><TreatNoTestsAsError>true</TreatNoTestsAsError><EnvironmentVariables>
<LD_PRELOAD>$faketime_library</LD_PRELOAD>
<FAKETIME>@$moved</FAKETIME>
<FAKETIME_DONT_FAKE_MONOTONIC>1</FAKETIME_DONT_FAKE_MONOTONIC>
<FAKETIME_FORCE_MONOTONIC_FIX>0</FAKETIME_FORCE_MONOTONIC_FIX>
</EnvironmentVariables></RunConfiguration></RunSettings>
SETTINGS
    # The preload must really move the clock, or these runs would prove nothing.
    seen=$(LD_PRELOAD="$faketime_library" FAKETIME="@$moved" FAKETIME_DONT_FAKE_MONOTONIC=1 date -u +%F)
    if [ "$seen" != "${moved%% *}" ]; then echo "faketime did not move the clock to $moved (saw $seen)"; status=1; continue; fi
    echo "moved clock: $moved"
    for name in "${date_sensitive[@]}"; do
      # Only what is about dates: the process, its reminders, panels, reviews, sign-in cookies, home pages and the audit
      # search by day (screening, storage and lists take their dates from the extract, never from a clock). The demo's own
      # any-day test sets its dates itself and is left out here.
      case "$name" in
        ComplexCases.Application.Tests) filter=(--filter "FullyQualifiedName~.Workflow.|FullyQualifiedName~.Notifications.|FullyQualifiedName~.Panels.|FullyQualifiedName~.Quality.") ;;
        ComplexCases.Web.Tests) filter=(--filter "FullyQualifiedName~.Workflow.|FullyQualifiedName~.Panels.|FullyQualifiedName~.Notifications.|FullyQualifiedName~.SignIn.|FullyQualifiedName~HomePage|FullyQualifiedName~QualityAndNotifications|FullyQualifiedName~AdminAudit|FullyQualifiedName~AdminUsers") ;;
        *) filter=() ;;
      esac
      # A test host that stops making progress fails within minutes (with a dump) instead of running out CI's time.
      dotnet test "tests/$name/$name.csproj" -c Release --no-build -nologo -v q "${filter[@]}" --settings "$settings" \
        --blame-hang-timeout 5m --logger "trx" --results-directory "$results/$name@$label" || status=1
    done
  done
fi

screenshots=$(ls -d tests/*BrowserTests/bin/Release/*/screenshots 2>/dev/null | head -1)
if [ -n "$screenshots" ]; then cp -r "$screenshots" "$artifacts/screenshots"; fi
echo "test reports in $results; screenshots in $artifacts/screenshots"

passed=$smoke_passed; failed=$smoke_failed; files=0
for trx in "$results"/*/*.trx; do
  [ -f "$trx" ] || continue
  files=$((files + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
if [ $status -ne 0 ] && [ $failed -eq 0 ]; then failed=1; fi
expected=$(ls tests/*Tests/*Tests.csproj | wc -l)
if [ $files -lt "$expected" ]; then echo "only $files of $expected test projects reported results"; failed=$((failed + 1)); fi
echo "$passed passed, $failed failed"
[ $status -eq 0 ] && [ $failed -eq 0 ]
