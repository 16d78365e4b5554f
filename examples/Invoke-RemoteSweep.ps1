#Requires -Version 7.4
<#
.SYNOPSIS
    The other way to scale: each machine measures its own Ollama with PowerShell remoting, then the results are
    gathered here and read as one sweep.

.DESCRIPTION
    Opens an SSH remoting session to each machine (New-PSSession -HostName; PowerShell 7 and LocalModels installed
    there), runs Measure-ModelRun on each against that machine's own Ollama and repository, copies each machine's
    results folder back (Copy-Item -FromSession) into -OutputDirectory/<machine>, and reads them all with
    Import-ModelRun, which judges every run from its trace and sidecar as it was judged live. Claude Code runs on
    each machine, next to its model. Returns the gathered runs.
    With -Simulated, each "machine" is a background job (a process of its own) with its own simulator.

.EXAMPLE
    ./examples/Invoke-RemoteSweep.ps1 -HostName mac-studio.local, gpu-box -Model devstral-64k -Path '~/src/myrepo' -Repeat 3

.EXAMPLE
    ./examples/Invoke-RemoteSweep.ps1 -Simulated
#>
[CmdletBinding()]
param(
    # The machines, as ssh knows them (user@host works too).
    [string[]] $HostName = @('machine-1', 'machine-2'),

    [string[]] $Model = @('sim/explorer'),

    # The repository on each machine (a path there); default with -Simulated: each simulator's sample repository.
    [string] $Path,

    [int] $Repeat = 1,

    # Where each machine's results folder is gathered, one subfolder per machine.
    [string] $OutputDirectory = [System.IO.Path]::Combine($PWD.Path, 'remote-sweep'),

    # The claude executable on each machine; default: claude on its PATH. With -Simulated, as for the other examples.
    [string] $ClaudePath,

    # Background jobs with their own simulator stand in for the machines.
    [switch] $Simulated
)

$ErrorActionPreference = 'Stop'
. ([System.IO.Path]::Combine($PSScriptRoot, 'ExampleSetup.ps1'))
$gathered = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($OutputDirectory)

# What each machine runs: its own sweep into a folder of its own, whose full path it returns.
$measure = {
    param([string[]] $Model, [string] $Path, [int] $Repeat, [string] $ClaudePath, [string] $Module, [bool] $Simulated)
    $ErrorActionPreference = 'Stop'
    Import-Module $(if ($Module) { $Module } else { 'LocalModels' })
    $output = Join-Path ([System.IO.Path]::GetTempPath()) "localmodels-sweep-$([guid]::NewGuid().ToString('N').Substring(0, 8))"
    $simulator = if ($Simulated) { Start-OllamaSimulator -DelayScale 0.05 }
    try {
        $parameters = @{ Path = $(if ($Path) { $Path } else { $simulator.SampleRepository }); Repeat = $Repeat; OutputDirectory = $output }
        if ($simulator) { $parameters.OllamaHost = $simulator.BaseUri }
        if ($ClaudePath) { $parameters.ClaudePath = $ClaudePath }
        $null = $Model | Measure-ModelRun @parameters
        $output
    }
    finally {
        if ($simulator) { Stop-OllamaSimulator -Port $simulator.Port -Confirm:$false }
    }
}

$null = [System.IO.Directory]::CreateDirectory($gathered)
if ($Simulated) {
    $claude = (Get-ExampleClaudeParameter -ClaudePath $ClaudePath).ClaudePath
    $module = [System.IO.Path]::GetFullPath([System.IO.Path]::Combine($PSScriptRoot, '..', 'out', 'LocalModels', 'LocalModels.psd1'))
    $jobs = foreach ($machine in $HostName) {
        Start-Job -Name $machine -ScriptBlock $measure -ArgumentList $Model, $Path, $Repeat, $claude, $module, $true
    }
    foreach ($job in $jobs) {
        $folder = Receive-Job -Job $job -Wait -AutoRemoveJob
        Copy-Item -LiteralPath $folder -Destination (Join-Path $gathered $job.Name) -Recurse -Force
        Remove-Item -LiteralPath $folder -Recurse -Force
    }
}
else {
    $sessions = New-PSSession -HostName $HostName
    try {
        $folders = Invoke-Command -Session $sessions -ScriptBlock $measure -ArgumentList $Model, $Path, $Repeat, $ClaudePath, '', $false
        foreach ($session in $sessions) {
            $folder = $folders | Where-Object PSComputerName -EQ $session.ComputerName | Select-Object -First 1
            Copy-Item -FromSession $session -Path $folder -Destination (Join-Path $gathered $session.ComputerName) -Recurse -Force
        }
    }
    finally {
        Remove-PSSession -Session $sessions
    }
}

if (-not (Get-Module LocalModels)) { Import-Module ([System.IO.Path]::Combine($PSScriptRoot, '..', 'out', 'LocalModels', 'LocalModels.psd1')) }
Import-ModelRun -Path (Get-ChildItem -LiteralPath $gathered -Directory).FullName
