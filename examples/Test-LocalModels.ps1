#Requires -Version 7.4
<#
.SYNOPSIS
    Preflights every installed Ollama model for Claude Code in a few seconds and says which ones are worth a run.

.DESCRIPTION
    Runs Test-ClaudeLocal on each installed model and emits one line per model: whether nothing failed (worth a
    run), and which checks failed or warned. With no Ollama answering (or with -Simulated) it preflights the
    built-in simulator's catalogue instead, to show what the checks look like.

.EXAMPLE
    ./examples/Test-LocalModels.ps1 | Where-Object WorthARun
#>
[CmdletBinding()]
param(
    # Ollama's address; default: $env:OLLAMA_HOST or http://localhost:11434.
    [string] $OllamaHost,

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
    $models = $ollama.Models
    if (-not $ollama.Answers) {
        $simulator = Start-OllamaSimulator
        $server.OllamaHost = $simulator.BaseUri
        $models = @(Get-OllamaModel @server)
        Write-Information -MessageData "No Ollama answered: preflighting the built-in simulator's $($models.Count) models ($($simulator.BaseUri))." -InformationAction Continue
    }

    foreach ($model in $models) {
        # The checks' warnings are summarised below, not printed once per model.
        $checks = @(Test-ClaudeLocal -Model $model.Name @server @claude -WarningAction SilentlyContinue)
        [pscustomobject]@{
            Model     = $model.Name
            WorthARun = -not ($checks | Where-Object Status -EQ 'Fail')
            Failed    = ($checks | Where-Object Status -EQ 'Fail' | ForEach-Object Check) -join ', '
            Warnings  = ($checks | Where-Object Status -EQ 'Warn' | ForEach-Object Check) -join ', '
        }
    }
}
finally {
    if ($simulator) { Stop-OllamaSimulator -Port $simulator.Port }
}
