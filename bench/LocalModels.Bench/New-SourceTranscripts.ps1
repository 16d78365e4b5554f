#Requires -Version 7.4
<#
.SYNOPSIS
    Runs the real Claude Code on every behaviour of the built-in simulator, so the import benchmark's corpus is made
    of real session transcripts (the ones Claude Code writes under its config folder's projects/).
.DESCRIPTION
    Each run's transcripts stay in its config folder (<runId>.claude/projects/...) under -OutputDirectory; the
    benchmark multiplies them from there.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)]
    [string] $OutputDirectory,

    [Parameter(Mandatory)]
    [string] $ModulePath,

    [string] $ClaudePath
)

$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
$repository = [System.IO.Path]::Combine($PSScriptRoot, '..', '..', 'src', 'Cmdlets', 'Simulation', 'SampleRepository')
$simulator = Start-OllamaSimulator -DelayScale 0.05
try {
    $models = Get-OllamaModel -OllamaHost $simulator.BaseUri | Where-Object Name -Like 'sim/*' | ForEach-Object Name
    $claude = if ($ClaudePath) { @{ ClaudePath = $ClaudePath } } else { @{} }
    # never-finishes runs to its time limit: 20 s is enough for a long transcript.
    $models | Measure-ModelRun -Path $repository -OllamaHost $simulator.BaseUri -Timeout 20 -MaxInterventions 1 `
        -OutputDirectory $OutputDirectory -ErrorAction Continue @claude |
        ForEach-Object { '{0,-34} {1}' -f $_.Model, $_.FailureMode }
}
finally {
    $simulator | Stop-OllamaSimulator
}
