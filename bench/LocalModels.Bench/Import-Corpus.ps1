#Requires -Version 7.4
# What the import benchmark times as a whole process: pwsh starts, imports the module, imports every session of a
# ~/.claude/projects tree and counts the runs per failure mode (the counts are checked against the sources).
param(
    [Parameter(Mandatory)] [string] $Path,
    [Parameter(Mandatory)] [string] $ModulePath
)
$ErrorActionPreference = 'Stop'
Import-Module (Resolve-Path -LiteralPath $ModulePath).ProviderPath
Import-ModelRun -LiteralPath $Path | Group-Object FailureMode -NoElement | ForEach-Object { '{0} {1}' -f $_.Name, $_.Count }
