#!/usr/bin/env bash
# The test command: restores, builds the module, installs the pinned Claude Code CLI, runs the .NET suites
# (which host the real PowerShell engine), then the Pester suite when pwsh and Pester 5 are present.
set -euo pipefail
cd "$(dirname "$0")"

npm ci --no-audit --no-fund --loglevel=error
dotnet restore LocalModels.sln
dotnet build LocalModels.sln -c Release --no-restore
dotnet test LocalModels.sln -c Release --no-build

if command -v pwsh >/dev/null 2>&1 && pwsh -NoProfile -Command 'if (Get-Module -ListAvailable Pester | Where-Object Version -ge 5.0) { exit 0 } else { exit 1 }'; then
  pwsh -NoProfile -File tests/Pester/Invoke-PesterSuite.ps1
else
  echo "SKIPPED: Pester suite (tests/Pester) - needs pwsh 7.4+ with Pester 5; not present on this machine."
fi

if command -v pwsh >/dev/null 2>&1 && pwsh -NoProfile -Command 'if (Get-Module -ListAvailable PSScriptAnalyzer) { exit 0 } else { exit 1 }'; then
  pwsh -NoProfile -Command '$found = "examples", "tests/Pester" | ForEach-Object { Invoke-ScriptAnalyzer -Path $_ -Recurse -Settings ./PSScriptAnalyzerSettings.psd1 }; $found | Format-Table -AutoSize; if ($found) { exit 1 }'
else
  echo "SKIPPED: PSScriptAnalyzer (examples, tests/Pester) - needs pwsh with PSScriptAnalyzer; not present on this machine."
fi
