#Requires -Version 7.4
<#
.SYNOPSIS
    Classifies the Claude Code sessions you already ran (~/.claude/projects) and groups them by failure mode.

.EXAMPLE
    ./examples/Import-ClaudeSessions.ps1 | Format-Table Name, Count
#>
[CmdletBinding()]
param(
    [string] $Path = [System.IO.Path]::Combine($HOME, '.claude', 'projects')
)

Import-Module ([System.IO.Path]::Combine($PSScriptRoot, '..', 'out', 'LocalModels', 'LocalModels.psd1'))

Import-ModelRun -Path $Path | Group-Object FailureMode | Sort-Object Count -Descending
