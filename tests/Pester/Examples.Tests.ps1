#Requires -Version 7.4
# The scripts in examples/ run as a user runs them, in this pwsh, on the module's simulator (-Simulated) with the
# real Claude Code from npm ci. Each test checks what the script documents it does, not only that it ran.

BeforeAll {
    . $PSScriptRoot/Common.ps1
    $script:Examples = [System.IO.Path]::Combine($script:RepositoryRoot, 'examples')
    $script:BehaviorCount = @(Get-ChildItem -Path ([System.IO.Path]::Combine($script:RepositoryRoot, 'src', 'Cmdlets', 'Simulation', 'Behaviors')) -Filter '*.json').Count
}

Describe 'examples/Invoke-Benchmark.ps1 -Simulated' {
    BeforeAll {
        $script:BenchmarkOutput = Join-Path $TestDrive 'benchmark'
        $script:Runs = @(& ([System.IO.Path]::Combine($script:Examples, 'Invoke-Benchmark.ps1')) -Simulated -OutputDirectory $script:BenchmarkOutput `
                -ClaudePath $script:ClaudePath 6>$null)
    }

    It 'measures six simulated behaviours, one run each, every run marked Simulated with its trace' {
        $script:Runs | Should -HaveCount 6
        @($script:Runs.Model | Select-Object -Unique) | Should -HaveCount 6
        $script:Runs | ForEach-Object {
            $_.Model | Should -BeLike 'sim/*'
            $_.Simulated | Should -BeTrue
            $_.TracePath | Should -Exist
        }
    }

    It 'writes runs.csv with a row per run' {
        $rows = @(Import-Csv -LiteralPath (Join-Path $script:BenchmarkOutput 'runs.csv'))
        @($rows.RunId | Sort-Object) | Should -Be @($script:Runs.RunId | Sort-Object)
    }

    It 'examples/Import-ClaudeSessions.ps1 groups those runs by failure mode' {
        $groups = @(& ([System.IO.Path]::Combine($script:Examples, 'Import-ClaudeSessions.ps1')) -Path $script:BenchmarkOutput 3>$null)
        ($groups | Measure-Object -Property Count -Sum).Sum | Should -Be $script:Runs.Count
        $known = [System.Enum]::GetNames($script:Runs[0].FailureMode.GetType())
        $groups | ForEach-Object { $_.Name | Should -BeIn $known }
    }
}

Describe 'examples/Invoke-ContextSweep.ps1 -Simulated' {
    It 'measures one devstral alias per context length into the CSV' {
        $csv = Join-Path $TestDrive 'sweep/sweep.csv'
        & ([System.IO.Path]::Combine($script:Examples, 'Invoke-ContextSweep.ps1')) -Simulated -ContextLength 16384, 65536 `
            -OutputDirectory (Join-Path $TestDrive 'sweep') -CsvPath $csv -ClaudePath $script:ClaudePath 6>$null
        $rows = @(Import-Csv -LiteralPath $csv)
        $rows.ContextLength | Should -Be @('16384', '65536')
        $rows.Model | Should -Be @('devstral-16k', 'devstral-64k')
        $rows.Simulated | Should -Be @('True', 'True')
    }
}

Describe 'examples/Test-LocalModels.ps1 -Simulated' {
    BeforeAll {
        $script:Verdicts = @(& ([System.IO.Path]::Combine($script:Examples, 'Test-LocalModels.ps1')) -Simulated -ClaudePath $script:ClaudePath 6>$null)
    }

    It 'gives a verdict for every simulated behaviour' {
        @($script:Verdicts | Where-Object Model -Like 'sim/*') | Should -HaveCount $script:BehaviorCount
    }

    It 'rules out the model without tools and keeps the competent explorer' {
        $noTools = @($script:Verdicts | Where-Object Model -EQ 'sim/no-tools:latest')
        $noTools[0].WorthARun | Should -BeFalse
        $noTools[0].Failed | Should -Match 'ToolsCapability'
        @($script:Verdicts | Where-Object Model -EQ 'sim/explorer:latest')[0].WorthARun | Should -BeTrue
    }
}
