#Requires -Version 7.4
<#
.SYNOPSIS
    Runs a complete LocalModels benchmark: every tool-capable model of your Ollama (or the built-in simulator's
    behaviours when no Ollama answers) runs Claude Code's /init on a repository; prints the table, writes a CSV and
    the report (report.html, report.md).

.DESCRIPTION
    With Ollama running, the benchmark measures the models you name with -Model, or every installed model with the
    'tools' capability. Without Ollama (or with -Simulated) it starts the built-in simulator and measures a few
    scripted behaviours, from a competent explorer to the field report's failure modes; those runs are marked
    Simulated. Runs go into -OutputDirectory: one trace per run, runs.jsonl and runs.csv, and beside them this
    benchmark's report: report.html (tables, charts, the CLAUDE.md files side by side; opens offline) and report.md.

.EXAMPLE
    ./examples/Invoke-Benchmark.ps1
    Benchmarks your Ollama models (or the simulator) on the bundled sample repository.

.EXAMPLE
    ./examples/Invoke-Benchmark.ps1 -Model devstral-64k, qwen3-coder:30b -Path ~/src/myrepo -Timeout 00:30:00
    Benchmarks two models on your own repository. The repository itself is never modified: runs use a copy.
#>
[CmdletBinding()]
param(
    # Models to measure; default: every installed model that supports tools (or the simulator's behaviours).
    [string[]] $Model,

    # The repository Claude Code documents with /init; default: the bundled sample repository.
    [string] $Path = [System.IO.Path]::Combine($PSScriptRoot, '..', 'src', 'Cmdlets', 'Simulation', 'SampleRepository'),

    # Ollama's address; default: $env:OLLAMA_HOST or http://localhost:11434.
    [string] $OllamaHost,

    # Where traces and results go.
    [string] $OutputDirectory = [System.IO.Path]::Combine($PWD.Path, 'benchmark-results'),

    # Time limit per run. Local models take 5 to 25 minutes for /init (field report); the simulator seconds.
    [timespan] $Timeout = '00:30:00',

    # The claude executable; default: claude on PATH, else the pinned one 'npm ci' installs in node_modules/.bin.
    [string] $ClaudePath,

    # Use the simulator even when Ollama is running.
    [switch] $Simulated
)

$ErrorActionPreference = 'Stop'
Import-Module ([System.IO.Path]::Combine($PSScriptRoot, '..', 'out', 'LocalModels', 'LocalModels.psd1')) -Force

. ([System.IO.Path]::Combine($PSScriptRoot, 'ExampleSetup.ps1'))
$server = @{ OllamaHost = $OllamaHost }
$claude = Get-ExampleClaudeParameter -ClaudePath $ClaudePath

$simulator = $null
try {
    $ollama = if ($Simulated) { $null } else { Get-OllamaState @server }

    if ($ollama.Answers) {
        if (-not $Model) { $Model = @($ollama.Models | Where-Object SupportsTools | ForEach-Object Name) }
        if (-not $Model) { throw 'Ollama is running but has no model with the tools capability. Try: ollama pull devstral-small-2' }
        Write-Information -MessageData "Measuring $($Model.Count) Ollama model(s): $($Model -join ', ')" -InformationAction Continue
    }
    else {
        $simulator = Start-OllamaSimulator -DelayScale 0.05
        $server.OllamaHost = $simulator.BaseUri
        $Timeout = [timespan]::FromSeconds(60)
        if (-not $Model) {
            $Model = 'sim/explorer', 'sim/needs-intervention', 'sim/lazy-hallucinating', 'sim/context-stall',
            'sim/nested-params', 'sim/no-tools'
        }
        Write-Information -MessageData "No Ollama answered: measuring $($Model.Count) simulated behaviour$(if ($Model.Count -ne 1) { 's' }) on the built-in simulator ($($simulator.BaseUri))." -InformationAction Continue
    }

    # One model that cannot be run (not installed, say) is reported and the others are still measured.
    $measure = @{ Path = $Path; Task = 'Init'; Timeout = $Timeout; MaxInterventions = 1; OutputDirectory = $OutputDirectory; ErrorAction = 'Continue' }
    # Each run's row is printed the moment it ends. Redirected output (./benchmark.sh > out.txt) is plain text with
    # every column at full width; a console gets the table sized to its window.
    if ([Console]::IsOutputRedirected) {
        $PSStyle.OutputRendering = 'PlainText'
        $Model | Measure-ModelRun @measure @server @claude | Tee-Object -Variable runs |
            Format-Table | Out-String -Stream -Width 4096 | ForEach-Object TrimEnd
    }
    else {
        $Model | Measure-ModelRun @measure @server @claude | Tee-Object -Variable runs
    }
    $runs = @($runs)
    $completed = @($runs | Where-Object Completed).Count
    Write-Information -MessageData "$completed of $($runs.Count) runs completed. Results: $([System.IO.Path]::Combine($OutputDirectory, 'runs.csv'))" -InformationAction Continue
    if ($runs) {
        foreach ($report in 'report.html', 'report.md') {
            $reportPath = [System.IO.Path]::Combine($OutputDirectory, $report)
            $runs | Export-ModelRunReport -Path $reportPath -Title 'LocalModels benchmark'
            Write-Information -MessageData "Report: $reportPath" -InformationAction Continue
        }
    }
}
finally {
    if ($simulator) { Stop-OllamaSimulator -Port $simulator.Port }
}
