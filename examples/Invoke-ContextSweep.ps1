#Requires -Version 7.4
<#
.SYNOPSIS
    The field report's context sweep in one pipeline: a devstral alias per context length, each measured on /init.

.DESCRIPTION
    Creates devstral-16k ... devstral-128k from devstral-small-2 (New-DevstralModelfile), measures each with
    Measure-ModelRun on a copy of the repository, and writes the runs to a CSV. With no Ollama answering (or with
    -Simulated) the sweep runs on the built-in simulator, whose devstral-small-2 plays a competent explorer: a dry
    run of the pipeline, with every run marked Simulated.

.EXAMPLE
    ./examples/Invoke-ContextSweep.ps1 -Path ~/src/myrepo
    Creates devstral-16k ... devstral-128k, measures each, and writes sweep-results/sweep.csv.

.EXAMPLE
    ./examples/Invoke-ContextSweep.ps1 -ContextLength 32768, 65536 -CsvPath ./two-contexts.csv
#>
[CmdletBinding()]
param(
    # The repository Claude Code documents with /init; default: the bundled sample repository.
    [string] $Path = [System.IO.Path]::Combine($PSScriptRoot, '..', 'src', 'Cmdlets', 'Simulation', 'SampleRepository'),

    [int[]] $ContextLength = @(16384, 32768, 65536, 131072),

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

# Only what was given is passed on: an empty -OllamaHost or -ClaudePath would fail the cmdlets' validation.
$server = @{}
if ($OllamaHost) { $server.OllamaHost = $OllamaHost }
if (-not $ClaudePath -and -not (Get-Command -Name claude -CommandType Application -ErrorAction Ignore)) {
    $ClaudePath = [System.IO.Path]::Combine($PSScriptRoot, '..', 'node_modules', '.bin', 'claude')
}
$claude = @{}
if ($ClaudePath) { $claude.ClaudePath = $ClaudePath }

$simulator = $null
try {
    $ollamaAnswers = $false
    if (-not $Simulated) {
        try {
            $null = Get-OllamaModel @server -ErrorAction SilentlyContinue
            $ollamaAnswers = $true
        }
        catch {
            if ($_.FullyQualifiedErrorId -notmatch '^(OllamaNotRunning|OllamaTimeout),') { throw }
            Write-Verbose -Message "No Ollama: $($_.Exception.Message)"
        }
    }
    if (-not $ollamaAnswers) {
        $simulator = Start-OllamaSimulator -DelayScale 0.05
        $server.OllamaHost = $simulator.BaseUri
        Write-Information -MessageData "No Ollama answered: the sweep runs on the built-in simulator ($($simulator.BaseUri))." -InformationAction Continue
    }

    $csvFile = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($CsvPath)
    $null = [System.IO.Directory]::CreateDirectory([System.IO.Path]::GetDirectoryName($csvFile))
    # Each alias carries its name, context length and server down the pipeline into Measure-ModelRun.
    $ContextLength |
        New-DevstralModelfile @server |
        Measure-ModelRun -Path $Path -Task Init -MaxInterventions 1 -OutputDirectory $OutputDirectory @claude |
        Export-Csv -LiteralPath $csvFile -NoTypeInformation
    Write-Information -MessageData "Sweep written to $csvFile." -InformationAction Continue
}
finally {
    if ($simulator) { Stop-OllamaSimulator -Port $simulator.Port }
}
