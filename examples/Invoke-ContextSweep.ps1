#Requires -Version 7.4
<#
.SYNOPSIS
    The field report's context sweep in one pipeline: a devstral alias per context length, each measured on /init.

.DESCRIPTION
    Creates devstral-4k ... devstral-128k from devstral-small-2 (New-DevstralModelfile), measures each with
    Measure-ModelRun on a copy of the repository, prints one line per context and writes the runs to a CSV, with
    each run's context use (PeakPromptTokens, PeakContextUse, ContextOverflows, Compactions, FailedCompactions).
    With no Ollama answering (or with -Simulated) the sweep runs on the built-in simulator, whose devstral-small-2
    plays a competent explorer that loses track when its conversation is compacted, and whose server truncates
    like Ollama. It shows the field report's pattern: at 4K-16K Claude Code's first request does not fit (no tool
    call), at 32K the model starts, then writes invented content from a summary, and 64K and 128K work. Every run
    is marked Simulated.

.EXAMPLE
    ./examples/Invoke-ContextSweep.ps1 -Path ~/src/myrepo
    Creates devstral-4k ... devstral-128k, measures each, and writes sweep-results/sweep.csv.

.EXAMPLE
    ./examples/Invoke-ContextSweep.ps1 -ContextLength 32768, 65536 -CsvPath ./two-contexts.csv
#>
[CmdletBinding()]
param(
    # The repository Claude Code documents with /init; default: the bundled sample repository.
    [string] $Path = [System.IO.Path]::Combine($PSScriptRoot, '..', 'src', 'Cmdlets', 'Simulation', 'SampleRepository'),

    [int[]] $ContextLength = @(4096, 16384, 32768, 65536, 131072),

    # Ollama's address; default: $env:OLLAMA_HOST or http://localhost:11434.
    [string] $OllamaHost,

    # Where traces and results go.
    [string] $OutputDirectory = [System.IO.Path]::Combine($PWD.Path, 'sweep-results'),

    [string] $CsvPath = [System.IO.Path]::Combine($PWD.Path, 'sweep-results', 'sweep.csv'),

    # The claude executable; default: claude on PATH, else the pinned one 'npm ci' installs in node_modules/.bin.
    [string] $ClaudePath,

    # Use the simulator even when Ollama is running.
    [switch] $Simulated
)

$ErrorActionPreference = 'Stop'
Import-Module ([System.IO.Path]::Combine($PSScriptRoot, '..', 'out', 'LocalModels', 'LocalModels.psd1'))

. ([System.IO.Path]::Combine($PSScriptRoot, 'ExampleSetup.ps1'))
$server = @{ OllamaHost = $OllamaHost }
$claude = Get-ExampleClaudeParameter -ClaudePath $ClaudePath

$simulator = $null
try {
    $ollama = if ($Simulated) { $null } else { Get-OllamaState @server }
    if (-not $ollama.Answers) {
        $simulator = Start-OllamaSimulator -DelayScale 0.05
        $server.OllamaHost = $simulator.BaseUri
        Write-Information -MessageData "No Ollama answered: the sweep runs on the built-in simulator ($($simulator.BaseUri))." -InformationAction Continue
    }

    $csvFile = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($CsvPath)
    $null = [System.IO.Directory]::CreateDirectory([System.IO.Path]::GetDirectoryName($csvFile))
    # Each alias carries its name, context length and server down the pipeline into Measure-ModelRun. -Force: the
    # sweep measures contexts too small for Claude Code on purpose (and recreates aliases that exist).
    $runs = $ContextLength |
        New-DevstralModelfile @server -Force |
        Measure-ModelRun -Path $Path -Task Init -MaxInterventions 1 -OutputDirectory $OutputDirectory @claude
    $runs | Export-Csv -LiteralPath $csvFile -NoTypeInformation
    $runs | Format-Table -AutoSize -Property Model, Outcome, FailureMode, ToolCalls,
        @{ Name = 'PeakPrompt'; Expression = { $_.PeakPromptTokens } },
        @{ Name = 'ContextUse'; Expression = { if ($null -ne $_.PeakContextUse) { $_.PeakContextUse.ToString('P0') } } },
        Compactions | Out-Host
    $runs | ForEach-Object { Write-Information -MessageData "$($_.Model): $($_.Evidence)" -InformationAction Continue }
    Write-Information -MessageData "Sweep written to $csvFile." -InformationAction Continue
}
finally {
    if ($simulator) { Stop-OllamaSimulator -Port $simulator.Port }
}
