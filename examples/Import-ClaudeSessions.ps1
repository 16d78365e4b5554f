#Requires -Version 7.4
<#
.SYNOPSIS
    Classifies the Claude Code sessions you already ran (~/.claude/projects) and groups them by failure mode.

.DESCRIPTION
    Import-ModelRun reads every session transcript (or stream-json trace) under -Path and judges each run with the
    failure taxonomy; the groups are sorted with the most frequent mode first. Point -Path at a Measure-ModelRun
    output folder to regroup a benchmark.

.EXAMPLE
    ./examples/Import-ClaudeSessions.ps1 | Format-Table Name, Count

.EXAMPLE
    ./examples/Import-ClaudeSessions.ps1 -Path ./benchmark-results
#>
[CmdletBinding()]
param(
    # Session transcripts or traces: a file or a folder searched recursively for *.jsonl.
    [string] $Path = [System.IO.Path]::Combine($HOME, '.claude', 'projects')
)

Import-Module ([System.IO.Path]::Combine($PSScriptRoot, '..', 'out', 'LocalModels', 'LocalModels.psd1'))

if (-not (Test-Path -LiteralPath $Path)) {
    Write-Warning -Message "There are no Claude Code sessions at '$Path'. Run Claude Code first, or give -Path a folder of traces."
    return
}
Import-ModelRun -LiteralPath $Path | Group-Object -Property FailureMode | Sort-Object -Property Count -Descending
