#Requires -Version 7.4
# PSScriptAnalyzer 1.25.0 with the project's settings (PSScriptAnalyzerSettings.psd1) over every PowerShell file the
# project ships or runs: the examples, this suite, the module's manifest and any script under tools/ or bench/.

BeforeDiscovery {
    $root = [System.IO.Path]::GetFullPath([System.IO.Path]::Combine($PSScriptRoot, '..', '..'))
    $files = foreach ($folder in 'examples', 'tests/Pester', 'module', 'tools', 'bench') {
        Get-ChildItem -LiteralPath ([System.IO.Path]::Combine($root, $folder)) -Recurse -File -Include '*.ps1', '*.psm1', '*.psd1' |
            Where-Object FullName -NotMatch '[\\/](bin|obj|node_modules)[\\/]' |
            ForEach-Object { @{ File = [System.IO.Path]::GetRelativePath($root, $_.FullName); Path = $_.FullName } }
    }
}

BeforeAll {
    # Pinned: a different analyzer version has different rules, and a missing one must fail, not pass quietly.
    Import-Module PSScriptAnalyzer -RequiredVersion 1.25.0 -ErrorAction Stop
    $script:Settings = [System.IO.Path]::GetFullPath([System.IO.Path]::Combine($PSScriptRoot, '..', '..', 'PSScriptAnalyzerSettings.psd1'))
}

Describe 'PSScriptAnalyzer' {
    It 'finds what the settings look for (an alias in a script)' {
        $found = Invoke-ScriptAnalyzer -ScriptDefinition 'gci . | % { $_ }' -Settings $script:Settings
        $found.RuleName | Should -Contain 'PSAvoidUsingCmdletAliases'
    }

    It '<File> has no findings' -ForEach $files {
        $found = @(Invoke-ScriptAnalyzer -Path $Path -Settings $script:Settings)
        @($found | ForEach-Object { "$($_.RuleName) line $($_.Line): $($_.Message)" }) | Should -BeNullOrEmpty
    }
}
