# Shared by every *.Tests.ps1: imports the BUILT module, never the sources.
$script:ModuleManifest = [System.IO.Path]::Combine($PSScriptRoot, '..', '..', 'out', 'LocalModels', 'LocalModels.psd1')
$script:RepositoryRoot = [System.IO.Path]::GetFullPath([System.IO.Path]::Combine($PSScriptRoot, '..', '..'))
$script:ClaudePath = [System.IO.Path]::Combine($script:RepositoryRoot, 'node_modules', '.bin', 'claude')
Import-Module $script:ModuleManifest -Force -ErrorAction Stop
