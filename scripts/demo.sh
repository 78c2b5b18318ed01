#!/usr/bin/env bash
# Screens the two sample months (synthetic data) into out/demo, with their own SQLite database,
# so the second month shows what changed since the first.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build src/ComplexCases.Cli -c Release -nologo -v q -clp:ErrorsOnly
cli=(dotnet src/ComplexCases.Cli/bin/Release/net10.0/complexcases.dll)
mkdir -p out/demo
for month in 2024-08-01 2024-09-01; do
  "${cli[@]}" screen --extract "samples/$month" --as-of "$month" --db out/demo/complexcases.db --out "out/demo/$month" "$@"
done
echo
echo "Lists for 2024-09-01: out/demo/2024-09-01/lists/ (CSV) and out/demo/2024-09-01/workbooks/ (XLSX)"
