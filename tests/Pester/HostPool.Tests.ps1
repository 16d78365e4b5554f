#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# One sweep across several Ollama hosts: three simulators in this session, each with its own models, and the REAL
# Claude Code CLI. Same scenarios as tests/LocalModels.Tests/Runner/HostPoolEndToEndTests.cs, through pwsh.

BeforeAll {
    . $PSScriptRoot/Common.ps1
    # Each host lacks one of the three models: explorer is on 1 and 2, nested-params on 1 and 3, refuses on 2 and 3.
    $script:Simulators = @(1..3 | ForEach-Object { Start-OllamaSimulator -DelayScale 0.05 })
    $script:Having = @{
        'sim/explorer:latest'      = @($script:Simulators[0].BaseUri, $script:Simulators[1].BaseUri)
        'sim/nested-params:latest' = @($script:Simulators[0].BaseUri, $script:Simulators[2].BaseUri)
        'sim/refuses:latest'       = @($script:Simulators[1].BaseUri, $script:Simulators[2].BaseUri)
    }
    foreach ($model in $script:Having.Keys) {
        $script:Simulators.BaseUri | Where-Object { $_ -notin $script:Having[$model] } |
            ForEach-Object { Remove-OllamaModel -Name $model -OllamaHost $_ -Confirm:$false }
    }
    $script:Repository = Join-Path $TestDrive 'wordtally'
    Copy-Item -LiteralPath $script:Simulators[0].SampleRepository -Destination $script:Repository -Recurse
}

AfterAll {
    Get-OllamaSimulator | Where-Object Port -In $script:Simulators.Port | Stop-OllamaSimulator -Confirm:$false
}

Describe 'New-OllamaHostPool' {
    It 'asks each host once and says what it has' {
        $pool = $script:Simulators | New-OllamaHostPool

        $pool.Count | Should -Be 3
        $pool.Addresses | Should -Be $script:Simulators.BaseUri
        $pool.Hosts | ForEach-Object {
            $_.Available | Should -BeTrue
            $_.Simulated | Should -BeTrue
            $_.ModelCount | Should -Be @($_.Models -split ', ').Count
        }
        $pool.Hosts[0].Models | Should -Match 'sim/explorer:latest'
        $pool.Hosts[0].Models | Should -Not -Match 'sim/refuses'
    }

    It 'keeps a host that does not answer, marked unavailable, with a warning' {
        $pool = New-OllamaHostPool "$($script:Simulators[0].BaseUri),http://127.0.0.1:9" -WarningVariable warned -WarningAction SilentlyContinue

        $pool.Count | Should -Be 2
        $pool.Hosts[1].Available | Should -BeFalse
        $pool.Hosts[1].Error | Should -Not -BeNullOrEmpty
        "$warned" | Should -Match '127\.0\.0\.1:9'
    }
}

Describe 'Measure-ModelRun across a host pool' {
    BeforeEach {
        $script:Output = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
        $script:Pool = $script:Simulators | New-OllamaHostPool
        $script:Sweep = @{ Path = $script:Repository; OllamaHost = $script:Pool; ClaudePath = $script:ClaudePath; OutputDirectory = $script:Output }
    }

    It 'runs every planned run once, only on a host that has its model, into one results folder' {
        $runs = $script:Having.Keys | Measure-ModelRun @script:Sweep -Repeat 2

        $runs | Should -HaveCount 6
        @($runs | Group-Object Model, Repetition) | Should -HaveCount 6
        $runs | ForEach-Object { $script:Having[$_.Model] | Should -Contain $_.OllamaHost }
        @($runs.OllamaHost | Sort-Object -Unique).Count | Should -BeGreaterThan 1
        @(Get-Content (Join-Path $script:Output runs.jsonl)) | Should -HaveCount 6
        # Import-ModelRun over the folder says which host ran each run, from the sidecars.
        $imported = Import-ModelRun -Path $script:Output
        ($imported | Sort-Object RunId).OllamaHost | Should -Be ($runs | Sort-Object RunId).OllamaHost

        # -Resume: the sweep is done, whichever host ran what.
        $again = $script:Having.Keys | Measure-ModelRun @script:Sweep -Repeat 2 -Resume
        $again | Should -BeNullOrEmpty
        @(Get-Content (Join-Path $script:Output runs.jsonl)) | Should -HaveCount 6
    }

    It 'reports a model no host has, naming the hosts, and goes on' {
        $runs = 'sim/refuses', 'no-such-model:7b' | Measure-ModelRun @script:Sweep -ErrorVariable failed -ErrorAction SilentlyContinue

        $runs | Should -HaveCount 1
        $failed | Should -HaveCount 1
        $failed[0].FullyQualifiedErrorId | Should -Be 'OllamaModelNotFound,LocalModels.Commands.MeasureModelRunCommand'
        $failed[0].Exception.Message | Should -Match ([regex]::Escape($script:Simulators[2].BaseUri))
    }

    It 'finishes the work of a host stopped mid-sweep on the others, keeping its run' {
        $doomed = Start-OllamaSimulator -DelayScale 1
        try {
            $hosts = @($script:Simulators[0].BaseUri, $script:Simulators[1].BaseUri, $doomed.BaseUri)
            $shell = [powershell]::Create([System.Management.Automation.Runspaces.InitialSessionState]::CreateDefault2())
            try {
                $null = $shell.AddCommand('Import-Module').AddParameter('Name', $script:ModuleManifest).Invoke()
                $shell.Commands.Clear()
                $null = $shell.AddCommand('Measure-ModelRun').AddParameter('Model', 'sim/explorer').AddParameter('Repeat', 4)
                $parameters = @{ Path = $script:Repository; OllamaHost = $hosts; ClaudePath = $script:ClaudePath; OutputDirectory = $script:Output }
                foreach ($pair in $parameters.GetEnumerator()) { $null = $shell.AddParameter($pair.Key, $pair.Value) }
                $async = $shell.BeginInvoke()
                $simulator = $null
                $null = [LocalModels.Simulation.SimulatorRegistry]::TryGet($doomed.Port, [ref] $simulator)
                $deadline = (Get-Date).AddSeconds(60)
                while ((Get-Date) -lt $deadline -and -not $async.IsCompleted -and -not ($simulator.Server.Requests | Where-Object Path -EQ '/v1/messages')) {
                    Start-Sleep -Milliseconds 20
                }
                Stop-OllamaSimulator -Port $doomed.Port -Confirm:$false
                $async.AsyncWaitHandle.WaitOne([timespan]::FromSeconds(90)) | Should -BeTrue
                $runs = $shell.EndInvoke($async)
                $warnings = $shell.Streams.Warning
            }
            finally {
                $shell.Dispose()
            }
        }
        finally {
            Get-OllamaSimulator | Where-Object Port -EQ $doomed.Port | Stop-OllamaSimulator -Confirm:$false
        }

        $lost = @($runs | Where-Object OllamaHost -EQ $doomed.BaseUri)
        $lost | Should -HaveCount 1
        $lost[0].ExitReason | Should -Be 'host unavailable'
        $lost[0].FailureMode | Should -Be 'EndpointError'
        $lost[0].ErrorMessage | Should -Match ([regex]::Escape($doomed.BaseUri))
        "$warnings" | Should -Match ([regex]::Escape($doomed.BaseUri))
        $measured = @($runs | Where-Object OllamaHost -NE $doomed.BaseUri)
        $measured.Repetition | Sort-Object | Should -Be @(1, 2, 3, 4)
        @(Get-Content (Join-Path $script:Output runs.jsonl)) | Should -HaveCount 5
    }
}

Describe 'New-DevstralModelfile with a host pool' {
    It 'makes the alias on every host, saying which' {
        $pool = $script:Simulators | New-OllamaHostPool

        $null = New-DevstralModelfile -ContextLength 32768 -OllamaHost $pool -WhatIf -WarningAction SilentlyContinue
        $absent = @()
        $pool.Addresses | ForEach-Object { $null = Get-OllamaModel -Name devstral-32k -OllamaHost $_ -ErrorAction SilentlyContinue -ErrorVariable +absent }
        $absent | Should -HaveCount 3
        $made = New-DevstralModelfile -ContextLength 32768 -OllamaHost $pool -Confirm:$false -WarningAction SilentlyContinue

        $made | Should -HaveCount 3
        $made.OllamaHost | Should -Be $pool.Addresses
        $made | ForEach-Object { $_.Created | Should -BeTrue }
        $pool.Addresses | ForEach-Object { (Get-OllamaModel -Name devstral-32k -OllamaHost $_).ConfiguredContextLength | Should -Be 32768 }
    }
}
