#Requires -Version 7.4
<#
.SYNOPSIS
    The field report's context sweep in one pipeline: a devstral alias per context length, each measured on /init.

.EXAMPLE
    ./examples/Invoke-ContextSweep.ps1 -Path ~/src/myrepo
    Creates devstral-16k ... devstral-128k, measures each, and writes sweep.csv.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)]
    [string] $Path,

    [int[]] $ContextLength = @(16384, 32768, 65536, 131072),

    [string] $OllamaHost,

    [string] $CsvPath = 'sweep.csv'
)

Import-Module ([System.IO.Path]::Combine($PSScriptRoot, '..', 'out', 'LocalModels', 'LocalModels.psd1'))

$ContextLength |
    New-DevstralModelfile -OllamaHost $OllamaHost |
    Measure-ModelRun -Path $Path -Task Init -OllamaHost $OllamaHost -MaxInterventions 1 |
    Export-Csv -Path $CsvPath -NoTypeInformation
