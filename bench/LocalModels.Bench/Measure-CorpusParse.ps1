#Requires -Version 7.4
# The import benchmark's parse floor as a whole process: pwsh starts, imports the module (as Import-Corpus.ps1 does),
# then a one-cmdlet module (bench/LocalModels.ParseFloor) that runs the module's reader only as far as every reader must:
# each line found, its head read, the lines verdicts read tokenized, nothing kept or judged. Prints the lines tokenized.
# Import-ModelRun's time above this is its extracting and judging.
param(
    [Parameter(Mandatory)] [string] $Path,
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $FloorPath
)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
Import-Module $FloorPath
Measure-CorpusParse -LiteralPath $Path
