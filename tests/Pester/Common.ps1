# Shared by every *.Tests.ps1, dot-sourced in its top-level BeforeAll. Pester runs each test file in a script scope
# of its own, and a dot-sourced file's $script: is its caller's, so every block of that file sees these variables.
$script:RepositoryRoot = [System.IO.Path]::GetFullPath([System.IO.Path]::Combine($PSScriptRoot, '..', '..'))
# The BUILT module, never the sources: 'dotnet build LocalModels.sln' lays it out in out/LocalModels.
$script:ModuleManifest = [System.IO.Path]::Combine($script:RepositoryRoot, 'out', 'LocalModels', 'LocalModels.psd1')
# The pinned Claude Code CLI that 'npm ci' installs.
$script:ClaudePath = [System.IO.Path]::Combine($script:RepositoryRoot, 'node_modules', '.bin', 'claude')

if (-not [System.IO.File]::Exists($script:ModuleManifest)) {
    throw "The module is not built: $($script:ModuleManifest) is missing. Run 'dotnet build LocalModels.sln' first."
}
Import-Module $script:ModuleManifest -Force -ErrorAction Stop
