#Requires -Version 7.4
# A new user's first hour, in real pwsh against the simulator (issue 11): what the documented examples alone
# cannot show, such as failure paths, several simulators, a console that prints rows as runs end, and a
# redirected benchmark.

BeforeAll {
    . $PSScriptRoot/Common.ps1
    $script:Simulator = Start-OllamaSimulator
    $script:HostUri = $script:Simulator.BaseUri
    # This pwsh (a framework-dependent pwsh runs under dotnet, so the process's own file name is not it).
    $script:Pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')

    function Invoke-ChildPwsh([string] $Script) {
        # A child pwsh with its output redirected, as `pwsh -File x > out.txt` has it.
        $file = Join-Path $TestDrive "child-$([guid]::NewGuid().ToString('N')).ps1"
        Set-Content -Path $file -Value $Script
        $start = [System.Diagnostics.ProcessStartInfo]::new($script:Pwsh)
        foreach ($argument in '-NoProfile', '-NonInteractive', '-File', $file) { $start.ArgumentList.Add($argument) }
        $start.RedirectStandardOutput = $true
        $start.RedirectStandardError = $true
        $start.UseShellExecute = $false
        [System.Diagnostics.Process]::Start($start)
    }
}

AfterAll {
    Get-OllamaSimulator | Stop-OllamaSimulator
}

Describe 'New-DevstralModelfile -ModelfilePath (item 1)' {
    BeforeEach {
        $folder = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
        New-Item -ItemType Directory -Path $folder | Out-Null
        Push-Location $folder
    }
    AfterEach { Pop-Location }

    It 'treats a path without an extension as a folder, with or without a trailing slash, in one folder after another' {
        16384, 65536 | New-DevstralModelfile -ModelfilePath ./modelfiles -OllamaHost $HostUri | Out-Null
        16384, 32768, 65536, 131072 | New-DevstralModelfile -ModelfilePath ./modelfiles/ -OllamaHost $HostUri -ErrorAction Stop | Out-Null
        (Get-ChildItem ./modelfiles).Name | Sort-Object | Should -Be 'devstral-128k.Modelfile', 'devstral-16k.Modelfile', 'devstral-32k.Modelfile', 'devstral-64k.Modelfile'
        Get-Content ./modelfiles/devstral-32k.Modelfile | Should -Contain 'PARAMETER num_ctx 32768'
    }

    It 'writes one named file for one model, and refuses to overwrite it with a second model' {
        $made = 16384, 65536 | New-DevstralModelfile -ModelfilePath ./devstral.Modelfile -OllamaHost $HostUri -ErrorVariable failures -ErrorAction SilentlyContinue
        $made.Name | Should -Be 'devstral-16k'
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'ModelfilePathConflict,LocalModels.Commands.NewDevstralModelfileCommand'
        Get-Content ./devstral.Modelfile | Should -Contain 'PARAMETER num_ctx 16384'
    }

    It 'says plainly when a folder path is taken by a file' {
        Set-Content -Path ./modelfiles -Value 'left over'
        { New-DevstralModelfile -ModelfilePath ./modelfiles/ -OllamaHost $HostUri -ErrorAction Stop } |
            Should -Throw -ErrorId 'ModelfileWriteFailed,LocalModels.Commands.NewDevstralModelfileCommand'
        $failure = New-DevstralModelfile -ModelfilePath ./modelfiles/ -OllamaHost $HostUri -ErrorAction SilentlyContinue -ErrorVariable failures
        $failures[0].Exception.Message | Should -Not -Match '\.\.'
        $failures[0].Exception.Message | Should -Match 'is a file'
    }
}

Describe 'The memory preflight on the simulator (item 2)' {
    It 'never stops a simulated model, and says what the real one would need' {
        $memory = New-OllamaModel -BaseModel qwen3-coder:30b -ContextLength 262144 -Name huge -OllamaHost $HostUri |
            Test-ClaudeLocal -OllamaHost $HostUri -ClaudePath $script:ClaudePath | Where-Object Check -EQ Memory
        $memory.Status | Should -Be 'Pass'
        $memory.Message | Should -Match '^Simulated: .*GiB'
    }

    It 'lists every id a failed preflight can stop Invoke-ClaudeLocal with' {
        $documented = [System.IO.File]::ReadAllText("$script:RepositoryRoot/docs/running-and-measuring.md")
        foreach ($id in 'OllamaNotRunning', 'OllamaVersionTooOld', 'OllamaModelNotFound', 'ModelLacksTools', 'InsufficientMemory', 'ClaudeNotFound') {
            $documented | Should -Match "``$id``"
        }
    }
}

Describe 'Results folders (item 3)' {
    It 'leaves no folder behind when no run starts, and -Resume continues the last folder that holds runs' {
        $folder = Join-Path $TestDrive 'sweeps'
        New-Item -ItemType Directory -Path $folder | Out-Null
        Push-Location $folder
        try {
            Measure-ModelRun no-such-model -Path $script:Simulator.SampleRepository -OllamaHost $HostUri -ClaudePath $script:ClaudePath -ErrorAction SilentlyContinue |
                Should -BeNullOrEmpty
            './localmodels-runs' | Should -Not -Exist

            $first = Measure-ModelRun sim/explorer -Path $script:Simulator.SampleRepository -OllamaHost $HostUri -ClaudePath $script:ClaudePath
            $first.Completed | Should -BeTrue
            # An empty folder newer than the real one (as older versions left) is not what -Resume continues.
            New-Item -ItemType Directory -Path './localmodels-runs/99991231-235959' | Out-Null
            $again = Measure-ModelRun sim/explorer -Path $script:Simulator.SampleRepository -OllamaHost $HostUri -ClaudePath $script:ClaudePath -Resume -Verbose 4>&1
            $again | Where-Object { $_ -is [LocalModels.ModelRun] } | Should -BeNullOrEmpty
            ($again | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message | Should -Contain "Skipping sim/explorer run 1: already in $([System.IO.Path]::GetDirectoryName($first.TracePath))$([System.IO.Path]::DirectorySeparatorChar)runs.jsonl (-Resume)."
        }
        finally {
            Pop-Location
        }
    }
}

Describe 'Stop-OllamaSimulator without a port (item 5)' {
    It 'names the ports instead of guessing when several run, and stops none of them' {
        $second = Start-OllamaSimulator
        try {
            { Stop-OllamaSimulator -ErrorAction Stop } | Should -Throw -ErrorId 'SimulatorAmbiguous,LocalModels.Commands.StopOllamaSimulatorCommand'
            (Get-OllamaSimulator).Port | Should -Contain $second.Port
            (Get-OllamaSimulator).Port | Should -Contain $script:Simulator.Port
        }
        finally {
            Stop-OllamaSimulator -Port $second.Port
        }
    }
}

Describe 'The simulator under its localhost name (item 6)' {
    It 'answers Get-OllamaModel and Test-ClaudeLocal at localhost' {
        $localhost = "http://localhost:$($script:Simulator.Port)"
        (Get-OllamaModel -OllamaHost $localhost -Name qwen3:0.6b).Name | Should -Be 'qwen3:0.6b'
        (Test-ClaudeLocal qwen3:0.6b -OllamaHost $localhost -ClaudePath $script:ClaudePath | Where-Object Check -EQ OllamaReachable).Status | Should -Be 'Pass'
    }
}

Describe 'Get-OllamaModel in an 80-column console' {
    It 'prints its table with one header line and no column squeezed out' {
        # macOS Terminal opens 80 columns wide; the simulator's model names are as long as real ones get.
        $lines = @((Get-OllamaModel -OllamaHost $HostUri | Out-String -Width 80) -split '\r?\n' | Where-Object { $_.Trim() })
        $lines[0] | Should -Match '^Name\s+Size \(GB\)\s+Params\s+Quant\s+Tools\s+Native\s+NumCtx$'
        $lines[1] | Should -Match '^-+( +-+){6}$'
        foreach ($line in $lines) { $line.Length | Should -BeLessOrEqual 80 }
        @($lines | Where-Object { $_ -match '^sim/explorer:latest\s' }) | Should -HaveCount 1 -Because 'a whole name is shown, not cut'
    }
}

Describe 'The run table in an 80-column terminal' {
    It 'shows every run''s context, time, outcome and failure mode whole' -Skip:$IsWindows {
        # A real terminal (tmux, on a socket of its own) 80 columns wide, as macOS Terminal opens, running this pwsh.
        $script = Join-Path $TestDrive 'table80.ps1'
        Set-Content -Path $script -Value @"
Import-Module '$script:ModuleManifest'
[LocalModels.ModelRun]@{ Model = 'devstral-small-2:24b'; ContextLength = 131072; Duration = [timespan]::FromSeconds(1023); Outcome = 'CompletedWithHallucinations'; FailureMode = 'HallucinatedContent'; Evidence = 'CLAUDE.md names files that do not exist' }
[LocalModels.ModelRun]@{ Model = 'qwen3-coder:30b'; ContextLength = 65536; Duration = [timespan]::FromMinutes(125); Outcome = 'CompletedAfterIntervention'; FailureMode = 'StuckOnSubagent' }
[LocalModels.ModelRun]@{ Model = 'gpt-oss:20b'; ContextLength = 40000; Duration = [timespan]::FromSeconds(45); Outcome = 'Failed'; FailureMode = 'HallucinatedParams' }
'table printed'
"@
        $screen = (Invoke-TerminalScript -Script $script -Width 80 -Height 30 -Until 'table printed').Screen
        $lines = @($screen -split "`n" | ForEach-Object TrimEnd | Where-Object { $_ })
        $lines | Should -Contain 'table printed' -Because "the script ran to its end. Screen:`n$screen"
        $lines[0] | Should -Match '^Model\s+Ctx\s+Time\s+Outcome\s+FailureMode$'
        @($lines -match '^devstral-small-2:2\u2026 128K 17m03s CompletedWithHallucinations HallucinatedContent$') | Should -HaveCount 1 -Because "Screen:`n$screen"
        @($lines -match '^qwen3-coder:30b\s+64K\s+2h05m CompletedAfterIntervention\s+StuckOnSubagent$') | Should -HaveCount 1 -Because "Screen:`n$screen"
        @($lines -match '^gpt-oss:20b\s+39K\s+45s Failed\s+HallucinatedParams$') | Should -HaveCount 1 -Because "Screen:`n$screen"
    }
}

Describe 'Advice for a missing model (item 8)' {
    It 'points a context alias at New-DevstralModelfile, not at a pull' {
        Get-OllamaModel devstral-96k -OllamaHost $HostUri -ErrorAction SilentlyContinue -ErrorVariable failures
        $failures[0].Exception.Message | Should -Match 'New-DevstralModelfile -ContextLength 98304'
        $failures[0].Exception.Message | Should -Not -Match 'Install-OllamaModel|ollama pull'
    }

    It 'says once that a model is not installed, and how to pull it' {
        $failure = { Invoke-ClaudeLocal nosuch -Prompt hi -OllamaHost $HostUri -ClaudePath $script:ClaudePath -ErrorAction Stop } | Should -Throw -PassThru
        $failure.FullyQualifiedErrorId | Should -Be 'OllamaModelNotFound,LocalModels.Commands.InvokeClaudeLocalCommand'
        ([regex]::Matches($failure.Exception.Message, 'not installed')).Count | Should -Be 1
        $failure.Exception.Message | Should -Match 'Install-OllamaModel nosuch'
    }

    It 'says once that the server does not answer' {
        $failure = { Invoke-ClaudeLocal nosuch -Prompt hi -OllamaHost http://127.0.0.1:9 -ClaudePath $script:ClaudePath -ErrorAction Stop } | Should -Throw -PassThru
        $failure.FullyQualifiedErrorId | Should -Be 'OllamaNotRunning,LocalModels.Commands.InvokeClaudeLocalCommand'
        $failure.Exception.Message | Should -Not -Match '\(OllamaNotRunning\)'
        ([regex]::Matches($failure.Exception.Message, 'not reachable|does not answer')).Count | Should -Be 1
    }
}

Describe 'Importing a file that is not a trace (item 11)' {
    It 'gives one warning for the file' {
        $file = Join-Path $TestDrive 'notes.jsonl'
        Set-Content -Path $file -Value 'not json', '{"neither": "a trace"}', 'nor this'
        $warnings = Import-ModelRun $file 3>&1 | Where-Object { $_ -is [System.Management.Automation.WarningRecord] }
        $warnings | Should -HaveCount 1
        $warnings[0].Message | Should -Match 'not a Claude Code stream-json trace'
    }
}

Describe 'The run table in a console (items 12 and 13)' {
    It 'prints a run''s row as soon as the run is emitted, before the next one' {
        $child = Invoke-ChildPwsh @"
Import-Module '$script:ModuleManifest'
& { [LocalModels.ModelRun]@{ Model = 'first-model'; Outcome = 'Success'; Evidence = 'first row' }; Start-Sleep -Seconds 60; [LocalModels.ModelRun]@{ Model = 'second-model' } }
"@
        try {
            $seen = [System.Collections.Generic.List[string]]::new()
            $deadline = [DateTime]::UtcNow.AddSeconds(30)
            while ([DateTime]::UtcNow -lt $deadline -and -not ($seen -match 'first-model')) {
                $read = $child.StandardOutput.ReadLineAsync()
                if (-not $read.Wait(30000)) { break }
                if ($null -eq $read.Result) { break }
                $seen.Add($read.Result)
            }
            ($seen -match 'first-model') | Should -Not -BeNullOrEmpty -Because 'a table waiting to size its columns would hold the row back until the next run (or Ctrl+C) comes'
            $child.HasExited | Should -BeFalse
        }
        finally {
            $child.Kill($true)
            $child.WaitForExit()
            $child.Dispose()
        }
    }

    It 'writes plain text with every column when the benchmark''s output is redirected' {
        $results = Join-Path $TestDrive 'benchmark'
        $child = Invoke-ChildPwsh @"
& '$script:RepositoryRoot/examples/Invoke-Benchmark.ps1' -Simulated -Model sim/explorer, sim/no-tools -OutputDirectory '$results' -ClaudePath '$script:ClaudePath'
"@
        try {
            $text = $child.StandardOutput.ReadToEndAsync()
            $child.WaitForExit(300000) | Should -BeTrue
            $output = $text.Result
        }
        finally {
            if (-not $child.HasExited) { $child.Kill($true) }
            $child.Dispose()
        }
        $output | Should -Not -Match "`e"
        $output | Should -Match 'Outcome\s+FailureMode\s+Tok/s\s+Quality\s+Evidence'
        foreach ($run in Import-Csv (Join-Path $results 'runs.csv')) {
            $output.Contains($run.Evidence) | Should -BeTrue -Because "the $($run.Model) row keeps its whole Evidence"
        }
    }
}

Describe 'Errors that do not stop a command (item 15)' {
    It 'lets -ErrorAction SilentlyContinue silence a server that is down, reported once for many names' {
        $result = 'a', 'b', 'c' | Get-OllamaModel -OllamaHost http://127.0.0.1:9 -ErrorAction SilentlyContinue -ErrorVariable failures
        $result | Should -BeNullOrEmpty
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'OllamaNotRunning,LocalModels.Commands.GetOllamaModelCommand'
    }

    It 'still stops Measure-ModelRun when the server is down' {
        { Measure-ModelRun sim/explorer -Path $script:Simulator.SampleRepository -OllamaHost http://127.0.0.1:9 -ClaudePath $script:ClaudePath -OutputDirectory (Join-Path $TestDrive 'down') -ErrorAction SilentlyContinue } |
            Should -Throw -ErrorId 'OllamaNotRunning,LocalModels.Commands.MeasureModelRunCommand'
    }
}

Describe './benchmark.sh on a machine with no Ollama and no pwsh on PATH' {
    It 'falls back to the simulator and measures it in the repository''s pinned pwsh' -Skip:$IsWindows {
        # As on a fresh machine: nothing answers at OLLAMA_HOST (port 9 is closed) and no pwsh is on PATH. Get-OllamaModel
        # reports the server as a non-terminating error, which the script must still read as "no Ollama".
        $results = Join-Path $TestDrive 'main-job'
        $start = [System.Diagnostics.ProcessStartInfo]::new('bash')
        foreach ($argument in [System.IO.Path]::Combine($script:RepositoryRoot, 'benchmark.sh'), '-Model', 'sim/explorer', '-OutputDirectory', $results) {
            $start.ArgumentList.Add($argument)
        }
        $start.Environment['OLLAMA_HOST'] = 'http://127.0.0.1:9'
        $start.Environment['PATH'] = (($env:PATH -split [System.IO.Path]::PathSeparator) |
                Where-Object { $_ -and -not (Test-Path -LiteralPath (Join-Path $_ 'pwsh')) }) -join [System.IO.Path]::PathSeparator
        $start.RedirectStandardOutput = $true
        $start.RedirectStandardError = $true
        $start.UseShellExecute = $false
        $child = [System.Diagnostics.Process]::Start($start)
        try {
            $output = $child.StandardOutput.ReadToEndAsync()
            $errors = $child.StandardError.ReadToEndAsync()
            $child.WaitForExit(300000) | Should -BeTrue -Because 'one simulated run takes seconds'
            $child.ExitCode | Should -Be 0 -Because $errors.Result
        }
        finally {
            if (-not $child.HasExited) { $child.Kill($true) }
            $child.Dispose()
        }
        $output.Result | Should -Match 'No Ollama answered'
        $rows = @(Import-Csv -LiteralPath (Join-Path $results 'runs.csv'))
        $rows | Should -HaveCount 1
        $rows[0].Model | Should -Be 'sim/explorer'
        $rows[0].Simulated | Should -Be 'True'
        Join-Path $results 'report.html' | Should -Exist
    }
}
