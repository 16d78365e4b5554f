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
        # The script prints each run's row as it ends (a table: text when output is redirected, as here under
        # test.sh); what it measured is in runs.csv, beside the traces and the report.
        $script:Printed = @(& ([System.IO.Path]::Combine($script:Examples, 'Invoke-Benchmark.ps1')) -Simulated -OutputDirectory $script:BenchmarkOutput `
                -ClaudePath $script:ClaudePath 6>$null) | Out-String -Width 4096
        $script:Rows = @(Import-Csv -LiteralPath (Join-Path $script:BenchmarkOutput 'runs.csv'))
    }

    It 'measures six simulated behaviours, one run each, every run marked Simulated with its trace' {
        $script:Rows | Should -HaveCount 6
        @($script:Rows.Model | Select-Object -Unique) | Should -HaveCount 6
        $script:Rows | ForEach-Object {
            $_.Model | Should -BeLike 'sim/*'
            $_.Simulated | Should -Be 'True'
            $_.TracePath | Should -Exist
        }
    }

    It 'prints a row for every run' {
        # One table row per run, led by its model (the console's table may shorten long names with an ellipsis).
        $printed = @($script:Printed -split '\r?\n' | Where-Object { $_ -match '^sim/' })
        $printed | Should -HaveCount $script:Rows.Count
        foreach ($row in $script:Rows) {
            $lead = $row.Model.Substring(0, [Math]::Min(12, $row.Model.Length))
            @($printed | Where-Object { $_.StartsWith($lead) }) | Should -HaveCount 1 -Because $row.Model
        }
    }

    It 'writes runs.csv with a row per run' {
        @($script:Rows.RunId | Select-Object -Unique) | Should -HaveCount 6
        $traced = @(Get-ChildItem -LiteralPath $script:BenchmarkOutput -Filter '*.stream.jsonl' | ForEach-Object { $_.Name -replace '\.stream\.jsonl$' })
        @($script:Rows.RunId | Sort-Object) | Should -Be @($traced | Sort-Object)
    }

    It 'writes report.html and report.md beside runs.csv, naming every run' {
        foreach ($report in 'report.html', 'report.md') {
            $text = Get-Content -LiteralPath (Join-Path $script:BenchmarkOutput $report) -Raw
            foreach ($row in $script:Rows) { $text | Should -Match ([regex]::Escape(($row.Model -replace ':latest$'))) -Because $report }
        }
    }

    It 'examples/Import-ClaudeSessions.ps1 groups those runs by failure mode' {
        # Each run leaves its trace and its session transcript; runs.jsonl makes them one run each.
        $groups = @(& ([System.IO.Path]::Combine($script:Examples, 'Import-ClaudeSessions.ps1')) -Path $script:BenchmarkOutput 3>$null)
        ($groups | Measure-Object -Property Count -Sum).Sum | Should -Be $script:Rows.Count
        @($groups.Group.RunId | Sort-Object) | Should -Be @($script:Rows.RunId | Sort-Object)
        $known = [System.Enum]::GetNames([LocalModels.Classification.FailureMode])
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

Describe 'examples/Invoke-HostPoolSweep.ps1 -Simulated' {
    It 'measures every model on the servers that have it, each run once, into one folder, and -Resume repeats none' {
        $output = Join-Path $TestDrive 'host-pool'
        $runs = @(& ([System.IO.Path]::Combine($script:Examples, 'Invoke-HostPoolSweep.ps1')) -Simulated -OutputDirectory $output -ClaudePath $script:ClaudePath 6>$null)

        $runs | Should -HaveCount 6
        @($runs | Group-Object Model, Repetition) | Should -HaveCount 6
        @($runs.OllamaHost | Sort-Object -Unique).Count | Should -BeGreaterThan 1
        $runs | ForEach-Object { $_.Simulated | Should -BeTrue }
        @(Import-Csv -LiteralPath (Join-Path $output 'runs.csv')).RunId | Sort-Object | Should -Be ($runs.RunId | Sort-Object)
        # Each of the script's three servers lacks one model, so no model ran on all three.
        $runs | Group-Object Model | ForEach-Object { @($_.Group.OllamaHost | Sort-Object -Unique).Count | Should -BeLessOrEqual 2 -Because $_.Name }

        $again = @(& ([System.IO.Path]::Combine($script:Examples, 'Invoke-HostPoolSweep.ps1')) -Simulated -Resume -OutputDirectory $output -ClaudePath $script:ClaudePath 6>$null)
        $again | Should -BeNullOrEmpty
        @(Import-Csv -LiteralPath (Join-Path $output 'runs.csv')) | Should -HaveCount 6
    }
}

Describe 'examples/Invoke-RemoteSweep.ps1 -Simulated' {
    It 'gathers each machine''s results into a folder of its own and reads them as one sweep' {
        $output = Join-Path $TestDrive 'remote'
        $runs = @(& ([System.IO.Path]::Combine($script:Examples, 'Invoke-RemoteSweep.ps1')) -Simulated -HostName one, two -OutputDirectory $output -ClaudePath $script:ClaudePath)

        $runs | Should -HaveCount 2
        (Get-ChildItem -LiteralPath $output -Directory).Name | Sort-Object | Should -Be @('one', 'two')
        $runs | ForEach-Object {
            $_.Model | Should -Be 'sim/explorer'
            $_.Simulated | Should -BeTrue
            $_.TracePath | Should -Exist
        }
        # Each machine measured against its own server, and each run is in that machine's folder.
        @($runs.OllamaHost | Sort-Object -Unique) | Should -HaveCount 2
        @($runs | ForEach-Object { Split-Path -Leaf (Split-Path -Parent $_.TracePath) } | Sort-Object) | Should -Be @('one', 'two')
    }
}
