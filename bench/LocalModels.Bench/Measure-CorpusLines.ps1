#Requires -Version 7.4
# The import benchmark's floor as a whole process: pwsh starts, imports a one-cmdlet module that only counts the lines
# of a ~/.claude/projects tree on every core (bench/LocalModels.LineFloor) and prints the count. Any module that reads
# every transcript in pwsh takes at least this long; Import-ModelRun's time above it is its parsing and judging.
param(
    [Parameter(Mandatory)] [string] $Path,
    [Parameter(Mandatory)] [string] $ModulePath
)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
Measure-CorpusLines -LiteralPath $Path
