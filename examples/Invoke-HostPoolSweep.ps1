#Requires -Version 7.4
<#
.SYNOPSIS
    One sweep across several Ollama servers at once: Claude Code runs here, the models run there.

.DESCRIPTION
    Asks each server once (New-OllamaHostPool), prints what each has, then measures every model -Repeat times with
    Measure-ModelRun across the pool: one run at a time on each server (-ThrottleLimit for more), each model only
    on servers that have it, and kept on the server that loaded it while that leaves no server idle. Every run
    records the server it ran on (OllamaHost); one results folder holds the whole sweep, so -Resume continues it
    whichever server ran what. A server that stops answering is left out: its run is recorded as EndpointError
    naming it and done again on another server. Prints the runs per server and writes runs.csv.
    With -Simulated, three simulators stand in for three machines, each lacking one of the three models.

.EXAMPLE
    ./examples/Invoke-HostPoolSweep.ps1 -OllamaHost mac-studio.local:11434, gpu-box:11434 -Model devstral-64k, qwen3-coder:30b -Path ~/src/myrepo -Repeat 3

.EXAMPLE
    ./examples/Invoke-HostPoolSweep.ps1 -Simulated
    Three simulated servers, three models, two runs each.
#>
[CmdletBinding()]
param(
    # The Ollama servers (addresses, e.g. 'gpu-box:11434').
    [string[]] $OllamaHost,

    [string[]] $Model = @('sim/explorer', 'sim/nested-params', 'sim/refuses'),

    # The repository Claude Code documents with /init; default: the bundled sample repository.
    [string] $Path = [System.IO.Path]::Combine($PSScriptRoot, '..', 'src', 'Cmdlets', 'Simulation', 'SampleRepository'),

    [int] $Repeat = 2,

    # Where traces and results go (the whole sweep, every server).
    [string] $OutputDirectory = [System.IO.Path]::Combine($PWD.Path, 'host-pool-sweep'),

    # Continue a stopped sweep in the same -OutputDirectory: only what is missing is run.
    [switch] $Resume,

    # The claude executable; default: claude on PATH, else the pinned one 'npm ci' installs in node_modules/.bin.
    [string] $ClaudePath,

    # Three simulators stand in for three servers.
    [switch] $Simulated
)

$ErrorActionPreference = 'Stop'
Import-Module ([System.IO.Path]::Combine($PSScriptRoot, '..', 'out', 'LocalModels', 'LocalModels.psd1'))
. ([System.IO.Path]::Combine($PSScriptRoot, 'ExampleSetup.ps1'))
$claude = Get-ExampleClaudeParameter -ClaudePath $ClaudePath

$simulators = @()
try {
    if ($Simulated) {
        $simulators = @(1..3 | ForEach-Object { Start-OllamaSimulator -DelayScale 0.05 })
        # Server i lacks model i, so each model is on two of the three.
        for ($i = 0; $i -lt $simulators.Count; $i++) {
            $missing = $Model[$i % $Model.Count]
            Remove-OllamaModel -Name $missing -OllamaHost $simulators[$i].BaseUri -Confirm:$false
        }
        $OllamaHost = $simulators.BaseUri
    }
    if (-not $OllamaHost) { throw 'Give the servers with -OllamaHost (or -Simulated to try it on three simulators).' }

    $pool = New-OllamaHostPool -OllamaHost $OllamaHost
    $pool.Hosts | Format-Table -AutoSize OllamaHost, Available, Version, Simulated, ModelCount | Out-Host

    $runs = $Model | Measure-ModelRun -Path $Path -OllamaHost $pool -Repeat $Repeat -OutputDirectory $OutputDirectory -Resume:$Resume @claude
    $runs | Group-Object OllamaHost | Format-Table -AutoSize Count, Name, @{ Name = 'Models'; Expression = { ($_.Group.Model | Sort-Object -Unique) -join ', ' } } | Out-Host
    Write-Information -MessageData "The sweep is in $OutputDirectory (runs.jsonl, runs.csv)." -InformationAction Continue
    $runs
}
finally {
    foreach ($simulator in $simulators) { Stop-OllamaSimulator -Port $simulator.Port -Confirm:$false }
}
