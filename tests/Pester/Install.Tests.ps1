#Requires -Version 7.4
# Installing LocalModels as a user installs any module: the built module is published to a file gallery registered
# for this test, installed from it by name, imported by name, and run against the simulator. All of it happens in a
# child pwsh whose HOME is a temporary folder, so the registration and the CurrentUser scope are the test's own and
# nothing of this machine's PowerShell setup is read or changed.

BeforeAll {
    . $PSScriptRoot/Common.ps1
}

Describe 'Install-PSResource LocalModels from a local gallery' {
    BeforeAll {
        $userHome = Join-Path $TestDrive 'home'
        $gallery = Join-Path $TestDrive 'gallery'
        $null = New-Item -ItemType Directory -Path $userHome, $gallery
        $script:Script = Join-Path $TestDrive 'install.ps1'
        Set-Content -LiteralPath $script:Script -Value @'
param([string] $Module, [string] $Gallery)
$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name LocalModelsTest -Uri $Gallery -Trusted
Publish-PSResource -Path $Module -Repository LocalModelsTest
Install-PSResource -Name LocalModels -Repository LocalModelsTest -Scope CurrentUser
Import-Module LocalModels
$simulator = Start-OllamaSimulator -Port 0 -DelayScale 0.05
try { $models = @(Get-OllamaModel -OllamaHost $simulator.BaseUri -Name 'sim/explorer') }
finally { Stop-OllamaSimulator -Port $simulator.Port }
[pscustomobject]@{
    Package    = @(Get-ChildItem -LiteralPath $Gallery -Name)
    Version    = [string](Get-Module LocalModels).Version
    ModuleBase = (Get-Module LocalModels).ModuleBase
    Files      = @(Get-ChildItem -LiteralPath (Get-Module LocalModels).ModuleBase -Recurse -File -Name | ForEach-Object { $_.Replace('\', '/') })
    Model      = @($models.Name)
} | ConvertTo-Json -Compress
'@

        # Bounded: a hung install is killed with its children and fails the test.
        $child = Invoke-ChildPwsh -Script $script:Script -ArgumentList (Split-Path -Parent $script:ModuleManifest), $gallery -TimeoutSeconds 180 `
            -Environment @{ HOME = $userHome; USERPROFILE = $userHome } `
            -RemoveEnvironment 'XDG_DATA_HOME', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME', 'PSModulePath', 'LOCALAPPDATA', 'APPDATA'
        $script:ExitCode = $child.ExitCode
        $script:Errors = $child.Errors
        $script:Output = $child.Output
        $script:UserHome = $userHome
        $script:Result = ($script:Output -split '\r?\n' | Where-Object { $_.StartsWith('{') } | Select-Object -Last 1) | ConvertFrom-Json
    }

    It 'publishes, installs, imports and runs without an error' {
        $script:Errors | Should -BeNullOrEmpty
        $script:ExitCode | Should -Be 0
    }

    It 'publishes one package of the built version to the gallery' {
        $version = (Import-PowerShellDataFile -LiteralPath $script:ModuleManifest).ModuleVersion
        $script:Result.Package | Should -Be @("LocalModels.$version.nupkg")
        $script:Result.Version | Should -Be $version
    }

    It 'imports the installed module by name, from the temporary CurrentUser scope' {
        $script:Result.ModuleBase | Should -BeLike "$($script:UserHome)*"
    }

    It 'installs every file the manifest lists' {
        $listed = (Import-PowerShellDataFile -LiteralPath $script:ModuleManifest).FileList
        $listed | Should -Not -BeNullOrEmpty
        $listed | ForEach-Object { $_ | Should -BeIn $script:Result.Files }
    }

    It 'runs a cmdlet of the installed module against the simulator' {
        $script:Result.Model | Should -Be @('sim/explorer:latest')
    }
}
