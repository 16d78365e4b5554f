#Requires -Version 7.4
<#
.SYNOPSIS
    Preflights every installed Ollama model for Claude Code in a few seconds and lists the ones worth a run.

.EXAMPLE
    ./examples/Test-LocalModels.ps1
#>
[CmdletBinding()]
param(
    [string] $OllamaHost
)

Import-Module ([System.IO.Path]::Combine($PSScriptRoot, '..', 'out', 'LocalModels', 'LocalModels.psd1'))

Get-OllamaModel -OllamaHost $OllamaHost |
    Test-ClaudeLocal -OllamaHost $OllamaHost |
    Where-Object Status -ne 'Pass'
