#!/usr/bin/env bash
# The main job: a complete benchmark. Builds the module, makes sure Claude Code is present, then runs
# examples/Invoke-Benchmark.ps1: your Ollama's tool-capable models when Ollama answers, otherwise the built-in
# simulator's behaviours on the bundled sample repository. Prints the table and writes a CSV and the report
# (report.html and report.md beside runs.csv).
# Arguments are passed to the script, e.g. ./benchmark.sh -Model devstral-64k -Path ~/src/myrepo
set -euo pipefail
cd "$(dirname "$0")"

# node_modules also holds Chart.js, which the build puts into the module for the HTML report.
if { ! command -v claude >/dev/null 2>&1 && [ ! -x node_modules/.bin/claude ]; } || [ ! -f node_modules/chart.js/dist/chart.umd.min.js ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
dotnet build LocalModels.sln -c Release -v quiet -nologo

if command -v pwsh >/dev/null 2>&1; then
  exec pwsh -NoProfile -File examples/Invoke-Benchmark.ps1 "$@"
else
  # No pwsh here: the repository's pinned pwsh (a .NET local tool, .config/dotnet-tools.json), the same PowerShell
  # a release installs, with every module the script uses.
  dotnet tool restore >/dev/null
  exec dotnet pwsh -NoProfile -File examples/Invoke-Benchmark.ps1 "$@"
fi
