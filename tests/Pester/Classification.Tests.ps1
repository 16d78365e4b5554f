#Requires -Version 7.4
# Import-ModelRun and Get-ModelFailureMode against the reconstructed traces of the field report's cases.
BeforeAll {
    . $PSScriptRoot/Common.ps1
    $script:Reconstructed = Join-Path $script:RepositoryRoot 'tests/LocalModels.Tests/Samples/reconstructed'
}

Describe 'Import-ModelRun' {
    It 'labels <File> as <Mode>' -ForEach @(
        @{ File = 'devstral-small-2.success.stream.jsonl'; Mode = 'None'; Outcome = 'Success' }
        @{ File = 'qwen2.5-coder-32b.stuck-on-explore.stream.jsonl'; Mode = 'StuckOnSubagent'; Outcome = 'Failed' }
        @{ File = 'mistral-small3.2.invented-params.stream.jsonl'; Mode = 'HallucinatedParams'; Outcome = 'Failed' }
        @{ File = 'magistral-24b.narrates-tools.stream.jsonl'; Mode = 'NarratedTools'; Outcome = 'Failed' }
        @{ File = 'cogito-14b.hallucinated-tools.stream.jsonl'; Mode = 'HallucinatedTools'; Outcome = 'Failed' }
        @{ File = 'command-r-35b.nested-params.stream.jsonl'; Mode = 'NestedParams'; Outcome = 'Failed' }
        @{ File = 'functiongemma.refuses.stream.jsonl'; Mode = 'Refuses'; Outcome = 'Failed' }
        @{ File = 'rnj-1.silent.stream.jsonl'; Mode = 'Silent'; Outcome = 'Failed' }
        @{ File = 'qwen3-30b.write-only.stream.jsonl'; Mode = 'HallucinatedContent'; Outcome = 'Failed' }
    ) {
        $run = Import-ModelRun -LiteralPath (Join-Path $script:Reconstructed $File)
        $run.FailureMode | Should -Be $Mode
        $run.Outcome | Should -Be $Outcome
        $run.Evidence | Should -Not -BeNullOrEmpty
        $run.Simulated | Should -BeFalse
    }

    It 'imports every trace a wildcard matches' {
        $runs = Import-ModelRun -Path (Join-Path $script:Reconstructed 'cogito-*.jsonl')
        $runs.Count | Should -Be 3
    }

    It 'takes Get-ChildItem output from the pipeline' {
        $runs = Get-ChildItem -Path $script:Reconstructed -Filter '*.jsonl' | Import-ModelRun
        $runs.Count | Should -Be (Get-ChildItem -Path $script:Reconstructed -Filter '*.jsonl').Count
        ($runs | Group-Object FailureMode).Name | Should -Contain 'NestedParams'
    }

    It 'warns about malformed lines, naming the file and the count' {
        $file = Join-Path $TestDrive 'broken.jsonl'
        $lines = @(Get-Content (Join-Path $script:Reconstructed 'phi4-mini.invented-tools.stream.jsonl'))
        Set-Content -Path $file -Value ($lines + '{"type":"assistant","mess' + 'garbage')
        $run = Import-ModelRun -LiteralPath $file -WarningVariable warnings -WarningAction SilentlyContinue
        $run.FailureMode | Should -Be 'HallucinatedTools'
        $warnings.Count | Should -Be 1
        "$($warnings[0])" | Should -BeLike '*broken.jsonl*2 malformed*'
    }

    It 'reports a missing path as TraceNotFound' {
        { Import-ModelRun -Path (Join-Path $TestDrive 'missing-*.jsonl') -ErrorAction Stop } |
            Should -Throw -ErrorId 'TraceNotFound,LocalModels.Commands.ImportModelRunCommand'
    }

    It 'checks the deliverable against a repository copy' {
        $repo = Join-Path $TestDrive 'repo'
        New-Item -ItemType Directory -Path (Join-Path $repo 'src') -Force | Out-Null
        Set-Content -Path (Join-Path $repo 'src/index.ts') -Value 'export {}'
        Set-Content -Path (Join-Path $repo 'package.json') -Value '{"scripts":{"build":"tsc","watch":"tsc -w"}}'
        $run = Import-ModelRun -LiteralPath (Join-Path $script:Reconstructed 'granite4-32b.minimal-exploration.stream.jsonl') -RepositoryPath $repo
        $run.Outcome | Should -Be 'CompletedWithHallucinations'
        $run.HallucinationList | Should -BeLike '*missing file src/components/Toolbar.tsx*'
    }

    It 'grades the deliverable and says why: the claims that hold and the facts it covers or misses' {
        $repo = Join-Path $TestDrive 'graded'
        New-Item -ItemType Directory -Path (Join-Path $repo 'src') -Force | Out-Null
        Set-Content -Path (Join-Path $repo 'src/index.ts') -Value 'export {}'
        Set-Content -Path (Join-Path $repo 'package.json') -Value '{"scripts":{"build":"tsc","test":"node --test"}}'
        $run = Import-ModelRun -LiteralPath (Join-Path $script:Reconstructed 'granite4-32b.minimal-exploration.stream.jsonl') -RepositoryPath $repo
        $run.Quality | Should -BeIn @('Poor', 'Low', 'Good', 'Excellent')
        $run.Grounding | Should -BeLessThan 1
        $run.Coverage | Should -Not -BeNullOrEmpty
        ($run.CoveredFacts + '; ' + $run.MissingFacts) | Should -BeLike '*test command: npm test*'
        $unmeasured = Import-ModelRun -LiteralPath (Join-Path $script:Reconstructed 'granite4-32b.minimal-exploration.stream.jsonl')
        $unmeasured.Quality | Should -Be 'None'
    }

    It 'exports to CSV with one plain value per column' {
        $csv = Join-Path $TestDrive 'runs.csv'
        Import-ModelRun -Path $script:Reconstructed | Export-Csv -Path $csv -NoTypeInformation
        $rows = Import-Csv -Path $csv
        $rows[0].PSObject.Properties.Name | Should -Contain 'Evidence'
        $rows.FailureMode | Should -Contain 'NestedParams'
    }
}

Describe 'Get-ModelFailureMode' {
    It 'lists every mode with a fix' {
        $modes = Get-ModelFailureMode
        $modes.Count | Should -Be 16
        $modes | ForEach-Object { $_.Fix | Should -Not -BeNullOrEmpty }
        ($modes | Where-Object Name -eq 'ContextStall').Fix | Should -BeLike '*New-DevstralModelfile -ContextLength 131072*'
    }

    It 'filters by wildcard' {
        (Get-ModelFailureMode -Name 'Hallucinated*').Count | Should -Be 3
    }

    It 'reports an unknown name' {
        { Get-ModelFailureMode -Name 'Sleepy' -ErrorAction Stop } |
            Should -Throw -ErrorId 'FailureModeNotFound,LocalModels.Commands.GetModelFailureModeCommand'
    }

    It 'has help with examples' {
        $help = Get-Help Get-ModelFailureMode -Full
        $help.Synopsis | Should -BeLike 'Lists the failure taxonomy*'
        @($help.Examples.Example).Count | Should -BeGreaterThan 0
    }
}
