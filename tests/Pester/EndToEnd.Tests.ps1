#Requires -Version 7.4
# The README's user scenarios end to end: a simulated sweep with the REAL Claude Code (node_modules/.bin/claude
# after npm ci) on the module's own simulator, composed with Group-Object, Where-Object, Export-Csv and Import-Csv,
# read back with Import-ModelRun, and the help a user reads first. No Ollama needed.

BeforeDiscovery {
    # Each behaviour declares the failure mode a run of it shows; the sweep must come out the same way.
    $behaviors = [System.IO.Path]::Combine($PSScriptRoot, '..', '..', 'src', 'Cmdlets', 'Simulation', 'Behaviors')
    $sweep = foreach ($name in 'explorer', 'nested-params', 'no-tools', 'context-stall') {
        $declared = [System.IO.File]::ReadAllText([System.IO.Path]::Combine($behaviors, "$name.json")) | ConvertFrom-Json
        @{ Model = "sim/$name"; Mode = $declared.failureMode; Outcome = $declared.outcome }
    }
}

BeforeAll {
    . $PSScriptRoot/Common.ps1
    $script:Simulator = Start-OllamaSimulator -DelayScale 0.05
}

AfterAll {
    if ($script:Simulator) { $script:Simulator | Stop-OllamaSimulator -Confirm:$false }
}

Describe 'The simulator as a stand-in for Ollama' {
    It 'lists a sim/* model for every scripted behaviour' {
        $behaviors = Join-Path $script:RepositoryRoot 'src/Cmdlets/Simulation/Behaviors'
        $expected = Get-ChildItem -Path $behaviors -Filter '*.json' | ForEach-Object { "sim/$($_.BaseName):latest" }
        $listed = Get-OllamaModel -OllamaHost $script:Simulator.BaseUri -Name 'sim/*'
        $listed | Should -HaveCount $expected.Count
        $listed.Name | Should -Be ($expected | Sort-Object)
    }
}

Describe 'A simulated sweep' {
    BeforeAll {
        $script:Output = Join-Path $TestDrive 'runs'
        # The README's command, with -ClaudePath so the pinned CLI from npm ci is the one measured.
        $script:Runs = @('sim/explorer', 'sim/nested-params', 'sim/no-tools', 'sim/context-stall' |
                Measure-ModelRun -Path $script:Simulator.SampleRepository -Task Init -OllamaHost $script:Simulator.BaseUri `
                    -ClaudePath $script:ClaudePath -OutputDirectory $script:Output -MaxInterventions 1)
        # Columns whose text does not depend on the culture, so Import-Csv must give back exactly these strings.
        $script:Columns = 'RunId', 'Model', 'Task', 'Repetition', 'ContextLength', 'ToolCalls', 'ToolSequence', 'Completed',
        'Interventions', 'Outcome', 'FailureMode', 'Signals', 'Evidence', 'ErrorMessage', 'IsError', 'Simulated', 'TracePath'
    }

    It 'measures each model once, marked as simulated' {
        $script:Runs | Should -HaveCount 4
        $script:Runs.Model | Should -Be @('sim/explorer', 'sim/nested-params', 'sim/no-tools', 'sim/context-stall')
        $script:Runs | ForEach-Object { $_.Simulated | Should -BeTrue }
        $script:Runs | ForEach-Object { $_.TracePath | Should -Exist }
    }

    It 'labels <Model> as <Mode> (<Outcome>), with evidence' -ForEach $sweep {
        $run = @($script:Runs | Where-Object Model -EQ $Model)
        $run | Should -HaveCount 1
        $run[0].FailureMode | Should -Be $Mode
        $run[0].Outcome | Should -Be $Outcome
        $run[0].Evidence | Should -Not -BeNullOrEmpty
    }

    It 'gives one group per failure mode' {
        $groups = @($script:Runs | Group-Object FailureMode)
        $groups | Should -HaveCount 4
        $groups | ForEach-Object { $_.Count | Should -Be 1 }
        $groups.Name | Sort-Object | Should -Be ('None', 'NestedParams', 'NoToolSupport', 'ContextStall' | Sort-Object)
    }

    It 'exports the completed runs to a CSV that Import-Csv reads back unchanged' {
        $csv = Join-Path $TestDrive 'completed.csv'
        $completed = @($script:Runs | Where-Object Completed)
        $script:Runs | Where-Object Completed | Export-Csv -Path $csv -NoTypeInformation

        $completed.Model | Should -Be @('sim/explorer')
        $rows = @(Import-Csv -Path $csv)
        $rows | Should -HaveCount 1
        $rows[0].PSObject.Properties.Name | Should -Contain 'Model'
        $rows[0].PSObject.Properties.Name | Should -Contain 'FailureMode'
        $rows[0].PSObject.Properties.Name | Should -Contain 'Evidence'
        $rows[0].PSObject.Properties.Name | Should -Contain 'ToolSequence'
        foreach ($column in $script:Columns) {
            $rows[0].$column | Should -BeExactly "$($completed[0].$column)" -Because "column $column holds one plain value"
        }
    }

    It 'keeps every run, failures included, through a CSV round trip' {
        $csv = Join-Path $TestDrive 'all.csv'
        $script:Runs | Export-Csv -Path $csv -NoTypeInformation
        $rows = @(Import-Csv -Path $csv)
        $rows | Should -HaveCount $script:Runs.Count
        for ($i = 0; $i -lt $rows.Count; $i++) {
            foreach ($column in $script:Columns) {
                $rows[$i].$column | Should -BeExactly "$($script:Runs[$i].$column)" -Because "column $column of $($script:Runs[$i].Model)"
            }
        }
    }

    It 'reads the output folder back with Import-ModelRun as the same runs' {
        $imported = @(Import-ModelRun -Path $script:Output -WarningVariable importWarnings -WarningAction SilentlyContinue)
        $importWarnings | Should -BeNullOrEmpty
        $imported | Should -HaveCount 4
        foreach ($run in $script:Runs) {
            $same = @($imported | Where-Object RunId -EQ $run.RunId)
            $same | Should -HaveCount 1 -Because "run $($run.RunId) is in the folder once"
            $same[0].Model | Should -Be $run.Model
            $same[0].Simulated | Should -BeTrue
            $same[0].ToolSequence | Should -Be $run.ToolSequence
            $same[0].Interventions | Should -Be $run.Interventions
            $same[0].Outcome | Should -Be $run.Outcome -Because "the trace of $($run.Model) is judged as the live run was"
            $same[0].FailureMode | Should -Be $run.FailureMode -Because "the trace of $($run.Model) is judged as the live run was"
        }
    }

    It 'writes the report of the sweep as HTML and Markdown, one summary row per model' {
        $html = Join-Path $TestDrive 'report.html'
        $markdown = Join-Path $TestDrive 'report.md'
        Import-ModelRun -Path $script:Output | Export-ModelRunReport $html
        $script:Runs | Export-ModelRunReport $markdown -Compare sim/explorer, sim/context-stall
        $page = Get-Content -Raw -LiteralPath $html
        $page | Should -Match 'Chart\.js v4\.6\.1'
        $page | Should -Not -Match '<script src='
        $summary = @(Get-Content -LiteralPath $markdown | Where-Object { $_ -match '^\| \*\*sim/' })
        $summary | Should -HaveCount 4
        Get-Content -LiteralPath $markdown | Should -Contain '## sim/explorer vs sim/context-stall'
    }
}

Describe 'The context sweep example' {
    BeforeAll {
        $sweepFolder = Join-Path ([System.IO.Path]::GetTempPath()) ("lm-sweep-" + [guid]::NewGuid().ToString('N').Substring(0, 8))
        $csv = Join-Path $sweepFolder 'sweep.csv'
        $null = & ([System.IO.Path]::Combine($script:RepositoryRoot, 'examples', 'Invoke-ContextSweep.ps1')) -Simulated `
            -ContextLength 16384, 32768, 65536 -ClaudePath $script:ClaudePath -OutputDirectory $sweepFolder -CsvPath $csv 6>$null
        $rows = @(Import-Csv -LiteralPath $csv)
    }
    AfterAll { Remove-Item -LiteralPath $sweepFolder -Recurse -Force -ErrorAction SilentlyContinue }

    It 'writes one row per context with the context use of each run' {
        $rows.Count | Should -Be 3
        foreach ($column in 'PeakPromptTokens', 'PeakContextUse', 'ContextOverflows', 'Compactions', 'FailedCompactions', 'LoadedContextLength') {
            $rows[0].PSObject.Properties.Name | Should -Contain $column
        }
    }

    It 'shows the field report pattern: 16K fails on the context, 32K starts then invents, 64K works' {
        $byContext = @{}
        foreach ($row in $rows) { $byContext[[int]$row.ContextLength] = $row }
        $byContext[16384].FailureMode | Should -Be 'ContextOverflow'
        [int]$byContext[16384].ToolCalls | Should -Be 0
        [int]$byContext[16384].ContextOverflows | Should -Be 1
        $byContext[32768].FailureMode | Should -Be 'ContextOverflow'
        [int]$byContext[32768].Compactions | Should -BeGreaterThan 0
        [int]$byContext[32768].Hallucinations | Should -BeGreaterThan 0
        $byContext[65536].Outcome | Should -Be 'Success'
        [int]$byContext[65536].Compactions | Should -Be 0
        [int]$byContext[65536].PeakPromptTokens | Should -BeGreaterThan 0
        [double]::Parse($byContext[65536].PeakContextUse, [cultureinfo]::InvariantCulture) | Should -BeLessThan 0.5
    }
}

Describe 'The whole failure taxonomy' {
    It 'groups a sweep over every behaviour into one group per declared failure mode' {
        $behaviors = Join-Path $script:RepositoryRoot 'src/Cmdlets/Simulation/Behaviors'
        $declared = Get-ChildItem -LiteralPath $behaviors -Filter '*.json' |
            ForEach-Object { Get-Content -Raw -LiteralPath $_.FullName | ConvertFrom-Json }

        # -Timeout ends never-finishes; every other behaviour ends by itself well before it.
        $runs = @($declared | ForEach-Object { "sim/$($_.name)" } |
                Measure-ModelRun -Path $script:Simulator.SampleRepository -Task Init -OllamaHost $script:Simulator.BaseUri `
                    -ClaudePath $script:ClaudePath -OutputDirectory (Join-Path $TestDrive 'taxonomy') -MaxInterventions 1 -Timeout 15)

        $runs | Should -HaveCount $declared.Count
        $expected = $declared | Group-Object failureMode | Sort-Object Name | ForEach-Object { "$($_.Name)=$($_.Count)" }
        $got = $runs | Group-Object FailureMode | Sort-Object Name | ForEach-Object { "$($_.Name)=$($_.Count)" }
        $got | Should -Be $expected
        foreach ($behavior in $declared) {
            ($runs | Where-Object Model -EQ "sim/$($behavior.name)").FailureMode | Should -Be $behavior.failureMode -Because "sim/$($behavior.name) declares it"
        }
    }
}

Describe 'Help' {
    It 'Get-Help Measure-ModelRun -Examples shows examples of the command' {
        $help = Get-Help Measure-ModelRun -Examples
        $examples = @($help.Examples.Example)
        $examples.Count | Should -BeGreaterThan 0
        $examples | ForEach-Object { $_.Code | Should -Match 'Measure-ModelRun' }
    }
}
