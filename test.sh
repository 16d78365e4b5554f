#!/usr/bin/env bash
# The test command. Installs what the tests need (Claude Code from npm, pwsh 7.6.9 as a .NET local tool, Pester 5.9.1
# from NuGet into out/modules), builds the module, runs the .NET suites (which host the real PowerShell engine), then
# the Pester suite in real pwsh: the user scenarios, Get-Help of every cmdlet, the examples on the simulator, an
# install from a local gallery, and PSScriptAnalyzer 1.25.0 over every script. Any failure fails the command.
set -euo pipefail
cd "$(dirname "$0")"

# PSScriptAnalyzer 1.25.0 is not served by NuGet; a build of it sits beside the repository (README, "Testing").
# PSSCRIPTANALYZER_MODULES names another folder holding PSScriptAnalyzer/ (as Save-PSResource lays it out, too).
has_analyzer() { compgen -G "$1/PSScriptAnalyzer/PSScriptAnalyzer.psd1" >/dev/null || compgen -G "$1/PSScriptAnalyzer/1.25.0/PSScriptAnalyzer.psd1" >/dev/null; }
analyzer="${PSSCRIPTANALYZER_MODULES:-}"
if [ -z "$analyzer" ]; then
  for candidate in ../shared/tools/modules /work/shared/tools/modules; do
    if has_analyzer "$candidate"; then analyzer="$(cd "$candidate" && pwd)"; break; fi
  done
fi
if [ -z "$analyzer" ] || ! has_analyzer "$analyzer"; then
  echo "test.sh: FAILED: PSScriptAnalyzer 1.25.0 not found in ${analyzer:-../shared/tools/modules or /work/shared/tools/modules}." >&2
  echo "test.sh: name a folder holding PSScriptAnalyzer/ in PSSCRIPTANALYZER_MODULES (README, \"Testing\")." >&2
  exit 1
fi

npm ci --no-audit --no-fund --loglevel=error
dotnet tool restore
dotnet restore LocalModels.sln
dotnet build LocalModels.sln -c Release --no-restore

# Both suites run even when the first fails, so one run shows every failure.
failed=()
dotnet test LocalModels.sln -c Release --no-build || failed+=("xunit (dotnet test)")
PSModulePath="$PWD/out/modules:$analyzer" dotnet pwsh -NoProfile -NonInteractive -File tests/Pester/Invoke-PesterSuite.ps1 \
  || failed+=("Pester suite (tests/Pester)")
if [ ${#failed[@]} -gt 0 ]; then
  echo "test.sh: FAILED: ${failed[*]}" >&2
  exit 1
fi
echo "test.sh: every suite passed"
