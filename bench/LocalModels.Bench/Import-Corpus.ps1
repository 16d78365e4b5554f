#Requires -Version 7.4
# What the import benchmark times as a whole process: pwsh starts, imports the module and imports every session of a
# ~/.claude/projects tree. -Then Group (the default) also counts the runs per failure mode, as a person would
# (`| Group-Object FailureMode`), and prints the counts, which are checked against the sources; -Then Discard assigns the
# runs to $null, which is what the issue's own measurement timed: Import-ModelRun alone. pwsh gathers an assignment's
# runs before it drops them (all 9,248 stay alive until the import ends), as `$runs = Import-ModelRun ...` would.
# -Then Nothing returns before importing the module (pwsh's own start and exit) and -Then ModuleOnly after it: the
# parts of every run above that are not the import.
param(
    [Parameter(Mandatory)] [string] $Path,
    [Parameter(Mandatory)] [string] $ModulePath,
    [ValidateSet('Group', 'Discard', 'ModuleOnly', 'Nothing')] [string] $Then = 'Group'
)
$ErrorActionPreference = 'Stop'
if ($Then -eq 'Nothing') { return }
# Import-Module resolves the path itself: Resolve-Path here loaded the Microsoft.PowerShell.Management module first,
# 0.1 s of every run above that the issue's script (import the module, run Import-ModelRun) does not spend.
Import-Module $ModulePath
if ($Then -eq 'ModuleOnly') { return }
if ($Then -eq 'Discard') {
    $null = Import-ModelRun -LiteralPath $Path
    return
}
Import-ModelRun -LiteralPath $Path | Group-Object FailureMode -NoElement | ForEach-Object { '{0} {1}' -f $_.Name, $_.Count }
