#Requires -Version 7.4
<#
.SYNOPSIS
    Runs the LocalModels Pester suite (every *.Tests.ps1 here) against the built module in out/LocalModels.

.DESCRIPTION
    Build first ('dotnet build LocalModels.sln') and install the pinned Claude Code ('npm ci'): the runner and
    end-to-end tests run the real CLI against the module's own Ollama simulator, so no Ollama is needed.
    Pester 5 (the build lays 5.9.1 out in out/modules) and PSScriptAnalyzer 1.25.0 must be on PSModulePath;
    ./test.sh sets that up. The exit code is the number of failed tests (0 when all pass).

.EXAMPLE
    PSModulePath=$PWD/out/modules:../shared/tools/modules dotnet pwsh -NoProfile -File tests/Pester/Invoke-PesterSuite.ps1 -Verbosity Normal
#>
[CmdletBinding()]
param(
    [ValidateSet('None', 'Normal', 'Detailed', 'Diagnostic')]
    [string] $Verbosity = 'Detailed'
)

# The suites are written for Pester 5 (discovery and run phases, Should -Throw -ErrorId, BeforeDiscovery).
Import-Module Pester -MinimumVersion 5.0 -MaximumVersion 5.999 -ErrorAction Stop
$configuration = New-PesterConfiguration
$configuration.Run.Path = $PSScriptRoot
$configuration.Run.Exit = $true
$configuration.Output.Verbosity = $Verbosity
Invoke-Pester -Configuration $configuration
