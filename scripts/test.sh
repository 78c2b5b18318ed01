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

# One results folder per test project, so no two reports can collide.
status=0
for project in tests/*Tests/*Tests.csproj; do
  name=$(basename "$project" .csproj)
  dotnet test "$project" -c Release --no-build -nologo -v q \
    --logger "trx" --results-directory "$results/$name" -- RunConfiguration.TreatNoTestsAsError=true || status=1
done

screenshots=$(ls -d tests/*BrowserTests/bin/Release/*/screenshots 2>/dev/null | head -1)
if [ -n "$screenshots" ]; then cp -r "$screenshots" "$artifacts/screenshots"; fi
echo "test reports in $results; screenshots in $artifacts/screenshots"

passed=0; failed=0; files=0
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
