@{
    RootModule           = 'LocalModels.dll'
    # ModuleVersion and FileList are written by the build into the module it lays out (out/LocalModels): the version
    # from <ModuleVersion> in Directory.Build.props, the one place it is kept, and every file of the module.
    ModuleVersion        = '0.0.0'
    GUID                 = '5f0c7d3e-4a8b-4c52-9b6e-2d1f8a7c6e41'
    Author               = 'LocalModels contributors'
    CompanyName          = 'LocalModels'
    Copyright            = '(c) LocalModels contributors. MIT License.'
    Description          = 'Run Claude Code on local Ollama models: configure context windows, preflight a model, launch Claude Code safely, and measure runs with a failure taxonomy.'
    PowerShellVersion    = '7.4'
    CompatiblePSEditions = @('Core')
    CmdletsToExport      = @(
        'Get-OllamaModel'
        'New-OllamaModel'
        'New-DevstralModelfile'
        'New-OllamaHostPool'
        'Remove-OllamaModel'
        'Install-OllamaModel'
        'Get-OllamaContext'
        'Set-OllamaContext'
        'Test-ClaudeLocal'
        'Start-OllamaSimulator'
        'Stop-OllamaSimulator'
        'Get-OllamaSimulator'
        'Invoke-ClaudeLocal'
        'Measure-ModelRun'
        'Import-ModelRun'
        'Get-ModelFailureMode'
        'Export-ModelRunReport'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    TypesToProcess       = @('LocalModels.Types.ps1xml')
    FormatsToProcess     = @('LocalModels.Format.ps1xml')
    FileList             = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('Ollama', 'ClaudeCode', 'LLM', 'LocalModels', 'Benchmark', 'macOS', 'Linux', 'Windows')
            ProjectUri   = 'https://github.com/localmodels/LocalModels'
            LicenseUri   = 'https://github.com/localmodels/LocalModels/blob/main/LICENSE'
            ReleaseNotes = 'First release: Ollama configuration, preflight, Invoke-ClaudeLocal, Measure-ModelRun, failure taxonomy and Import-ModelRun.'
        }
    }
}
