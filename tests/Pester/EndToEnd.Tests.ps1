#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# The failure taxonomy end to end: one Measure-ModelRun over every simulated behaviour, with the REAL Claude Code
# CLI, groups into exactly the failure modes the behaviours declare. Same scenario as
# tests/LocalModels.Tests/EndToEnd/TaxonomyEndToEndTests.cs.

BeforeAll {
    . $PSScriptRoot/Common.ps1
    # Scripted delays scaled down: the slow behaviours finish in seconds.
    $script:Simulator = Start-OllamaSimulator -DelayScale 0.01
    $script:HostUri = $script:Simulator.BaseUri.TrimEnd('/')
}

AfterAll {
    if ($script:Simulator) { $script:Simulator | Stop-OllamaSimulator -Confirm:$false }
}

Describe 'The failure taxonomy' {
    It 'groups a sweep over every behaviour into one group per declared failure mode' {
        $repository = Join-Path $TestDrive repository
        Copy-Item -LiteralPath $script:Simulator.SampleRepository -Destination $repository -Recurse
        $output = Join-Path $TestDrive runs
        $declared = Get-ChildItem -LiteralPath (Join-Path $script:RepositoryRoot 'src/Cmdlets/Simulation/Behaviors') -Filter *.json |
            ForEach-Object { Get-Content -Raw -LiteralPath $_.FullName | ConvertFrom-Json }

        # -Timeout ends never-finishes; every other behaviour ends by itself well before it.
        $runs = $declared | ForEach-Object { "sim/$($_.name)" } |
            Measure-ModelRun -Path $repository -OllamaHost $script:HostUri -ClaudePath $script:ClaudePath `
                -OutputDirectory $output -MaxInterventions 1 -Timeout 15

        $runs | Should -HaveCount $declared.Count
        $runs | ForEach-Object { $_.Simulated | Should -BeTrue }
        $expected = $declared | Group-Object failureMode | Sort-Object Name | ForEach-Object { "$($_.Name)=$($_.Count)" }
        $got = $runs | Group-Object FailureMode | Sort-Object Name | ForEach-Object { "$($_.Name)=$($_.Count)" }
        $got | Should -Be $expected
        foreach ($behaviour in $declared) {
            ($runs | Where-Object Model -eq "sim/$($behaviour.name)").FailureMode | Should -Be $behaviour.failureMode
        }
    }
}
