#Requires -Version 7.4
<#
.SYNOPSIS
    Runs the LocalModels Pester suite against the built module (out/LocalModels). Build first: dotnet build -c Release.
#>
[CmdletBinding()]
param(
    [ValidateSet('None', 'Normal', 'Detailed', 'Diagnostic')]
    [string] $Verbosity = 'Detailed'
)

Import-Module Pester -MinimumVersion 5.0 -ErrorAction Stop
$configuration = New-PesterConfiguration
$configuration.Run.Path = $PSScriptRoot
$configuration.Run.Exit = $true
$configuration.Output.Verbosity = $Verbosity
Invoke-Pester -Configuration $configuration
