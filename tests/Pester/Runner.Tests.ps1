#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Invoke-ClaudeLocal and Measure-ModelRun with the REAL Claude Code CLI (node_modules/.bin/claude after npm ci)
# against the module's own simulator. Same scenarios as tests/LocalModels.Tests/Runner.

BeforeAll {
    . $PSScriptRoot/Common.ps1
    $script:Simulator = Start-OllamaSimulator
    $script:HostUri = $script:Simulator.BaseUri.TrimEnd('/')

    function script:Get-TreeHash([string] $Root) {
        $files = Get-ChildItem -LiteralPath $Root -Recurse -File -Force | Sort-Object FullName
        ($files | ForEach-Object {
            $relative = [System.IO.Path]::GetRelativePath($Root, $_.FullName)
            "$relative=$((Get-FileHash -LiteralPath $_.FullName -Algorithm SHA256).Hash)"
        }) -join "`n"
    }

    function script:Copy-SampleRepository {
        $target = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
        Copy-Item -LiteralPath $script:Simulator.SampleRepository -Destination $target -Recurse
        $target
    }

    # Every process a run starts inherits its CLAUDE_CONFIG_DIR, which lies in the output directory. Linux only:
    # elsewhere there is no /proc to read environments from, and the check finds nothing.
    function script:Get-RunProcessId([string] $Output) {
        if (-not [System.IO.Directory]::Exists('/proc')) { return }
        foreach ($directory in [System.IO.Directory]::EnumerateDirectories('/proc')) {
            $id = [System.IO.Path]::GetFileName($directory)
            if ($id -notmatch '^\d+$') { continue }
            # A process can end between the listing and the read: its environ is then gone, which is no failure.
            $environ = try { [System.IO.File]::ReadAllText("$directory/environ") } catch [System.IO.IOException], [System.UnauthorizedAccessException] { '' }
            if ($environ.Contains($Output)) { [int] $id }
        }
    }

    # The /v1/messages requests the simulator received since a point in time, with their headers.
    function script:Get-MessageRequest([datetimeoffset] $Since) {
        $running = $null
        if (-not [LocalModels.Simulation.SimulatorRegistry]::TryGet($script:Simulator.Port, [ref] $running)) { throw 'The simulator is not running.' }
        $running.Server.Requests | Where-Object { $_.Path -eq '/v1/messages' -and $_.ReceivedAt -ge $Since }
    }
}

AfterAll {
    if ($script:Simulator) { $script:Simulator | Stop-OllamaSimulator -Confirm:$false }
}

Describe 'Measure-ModelRun' {
    BeforeEach {
        $script:Repository = Copy-SampleRepository
        $script:Output = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
        $script:Common = @{ OllamaHost = $script:HostUri; ClaudePath = $script:ClaudePath; OutputDirectory = $script:Output }
    }

    It 'writes CLAUDE.md in a disposable copy, never in the repository, and records the run' {
        $before = Get-TreeHash $script:Repository
        $run = Measure-ModelRun -Model sim/explorer:latest -Path $script:Repository @script:Common

        $run | Should -HaveCount 1
        $run.Completed | Should -BeTrue
        $run.Simulated | Should -BeTrue
        $run.ToolSequence | Should -Match '^Bash .* Write$'
        $run.DeliverablePath | Should -Exist
        Join-Path $script:Repository CLAUDE.md | Should -Not -Exist
        Get-TreeHash $script:Repository | Should -Be $before
        $run.TracePath | Should -Exist
        @(Get-Content (Join-Path $script:Output runs.jsonl)) | Should -HaveCount 1
        @(Import-Csv (Join-Path $script:Output runs.csv)) | Should -HaveCount 1
    }

    It 'kills every process of a run that reaches its time limit' {
        # 15 s: on a loaded machine Claude Code can take several seconds to print its first line.
        $run = Measure-ModelRun -Model sim/never-finishes:latest -Path $script:Repository -Timeout 15 @script:Common

        $run.TimedOut | Should -BeTrue
        $run.ExitReason | Should -Be 'timeout'
        $run.FailureMode | Should -Be 'Timeout'
        $run.Completed | Should -BeFalse
        $run.ExitCode | Should -Be 137
        @(Get-RunProcessId $script:Output) | Should -HaveCount 0
    }

    It 'records a model without tools with the server message and skips unknown models' {
        $runs = 'sim/no-tools:latest', 'no-such-model:7b' | Measure-ModelRun -Path $script:Repository @script:Common -ErrorVariable failures -ErrorAction SilentlyContinue

        $runs | Should -HaveCount 1
        $runs.IsError | Should -BeTrue
        $runs.ErrorMessage | Should -Match 'does not support tools'
        $runs.FailureMode | Should -Be 'NoToolSupport'
        $failures[0].FullyQualifiedErrorId | Should -Be 'OllamaModelNotFound,LocalModels.Commands.MeasureModelRunCommand'
    }

    It 'nudges a run that stopped mid-task with Continue' {
        $run = Measure-ModelRun -Model sim/needs-intervention:latest -Path $script:Repository -MaxInterventions 2 @script:Common

        $run.Interventions | Should -Be 1
        $run.Completed | Should -BeTrue
    }

    It 'keeps finished runs when stopped midway and -Resume completes the sweep without duplicates' {
        $jsonl = Join-Path $script:Output runs.jsonl
        # The sweep runs in a second runspace of this process so that it can be stopped as Ctrl+C would stop it.
        $shell = [powershell]::Create([System.Management.Automation.Runspaces.InitialSessionState]::CreateDefault2())
        try {
            # Two invocations, not one batch of statements: a stopped batch still finishes on a worker thread, which
            # can fail after Dispose and take the whole process down.
            $null = $shell.AddCommand('Import-Module').AddParameter('Name', $script:ModuleManifest).Invoke()
            $shell.Commands.Clear()
            $null = $shell.AddCommand('Measure-ModelRun').AddParameter('Model', 'sim/explorer:latest').AddParameter('Path', $script:Repository).AddParameter('Repeat', 3)
            foreach ($pair in $script:Common.GetEnumerator()) { $null = $shell.AddParameter($pair.Key, $pair.Value) }
            $async = $shell.BeginInvoke()
            $deadline = (Get-Date).AddSeconds(60)
            while ((Get-Date) -lt $deadline -and -not $async.IsCompleted) {
                $secondStarted = (Test-Path $jsonl) -and @(Get-Content $jsonl).Count -eq 1 -and
                @(Get-ChildItem $script:Output -Filter '*-r2-*.stream.jsonl' | Where-Object Length -GT 0).Count -gt 0
                if ($secondStarted) { break }
                Start-Sleep -Milliseconds 20
            }
            $async.IsCompleted | Should -BeFalse -Because 'the sweep is stopped while its second run is under way'
            $shell.Stop()
        }
        finally {
            $shell.Dispose()
        }

        # Run 1 finished; run 2, stopped mid-way, is kept as a cancelled run with what it had measured.
        $recorded = @(Get-Content $jsonl | ConvertFrom-Json)
        $recorded | Should -HaveCount 2
        $recorded[1].Repetition | Should -Be 2
        $recorded[1].FailureMode | Should -Be 'Cancelled'
        $resumed = Measure-ModelRun -Model sim/explorer:latest -Path $script:Repository -Repeat 3 -Resume @script:Common
        $resumed.Repetition | Should -Be @(2, 3)
        $finished = @(Get-Content $jsonl | ConvertFrom-Json | Where-Object FailureMode -NE 'Cancelled')
        $finished.Repetition | Should -Be @(1, 2, 3)
    }

    It 'resumes a model by any spelling Ollama gives it' {
        $null = Measure-ModelRun -Model sim/explorer:latest -Path $script:Repository @script:Common
        $again = Measure-ModelRun -Model sim/explorer -Path $script:Repository -Resume @script:Common

        $again | Should -BeNullOrEmpty
        @(Get-Content (Join-Path $script:Output runs.jsonl)) | Should -HaveCount 1
    }

    It 'leaves a folder that Import-ModelRun reads as one run per measured run, judged as it was live' {
        $measured = 'sim/explorer', 'sim/needs-intervention:latest' | Measure-ModelRun -Path $script:Repository -MaxInterventions 1 @script:Common
        $imported = Import-ModelRun -LiteralPath $script:Output -RepositoryPath $script:Repository

        $imported | Should -HaveCount 2
        foreach ($run in $imported) {
            $live = @($measured | Where-Object RunId -eq $run.RunId)
            $live | Should -HaveCount 1
            $run.Simulated | Should -BeTrue
            $run.Model | Should -Be $live[0].Model
            $run.ContextLength | Should -Be $live[0].ContextLength
            $run.Interventions | Should -Be $live[0].Interventions
            $run.FailureMode | Should -Be $live[0].FailureMode
            $run.Outcome | Should -Be $live[0].Outcome
        }
    }

    It 'takes models and their context from New-DevstralModelfile' {
        $run = 65536 | New-DevstralModelfile -OllamaHost $script:HostUri |
            Measure-ModelRun -Path $script:Repository -ClaudePath $script:ClaudePath -OutputDirectory $script:Output -MaxTurns 20

        $run.Model | Should -Be 'devstral-64k'
        $run.ContextLength | Should -Be 65536
    }

    It 'passes no cloud credential to Claude Code and leaves the session environment alone' {
        $saved = @{}
        $fake = @{ ANTHROPIC_API_KEY = 'sk-ant-fake'; AWS_SECRET_ACCESS_KEY = 'fake-secret'; CLAUDE_CODE_OAUTH_TOKEN = 'fake-oauth' }
        foreach ($name in $fake.Keys) { $saved[$name] = [Environment]::GetEnvironmentVariable($name); [Environment]::SetEnvironmentVariable($name, $fake[$name]) }
        try {
            $started = [datetimeoffset]::Now
            $run = Measure-ModelRun -Model sim/explorer:latest -Path $script:Repository @script:Common
            $run.Completed | Should -BeTrue
            $requests = @(Get-MessageRequest -Since $started)
            $requests.Count | Should -BeGreaterThan 0
            foreach ($request in $requests) {
                $request.Headers['Authorization'] | Should -Be 'Bearer ollama'
                $request.Headers.Values | Where-Object { $_ -like '*fake*' } | Should -BeNullOrEmpty
            }
            foreach ($name in $fake.Keys) { [Environment]::GetEnvironmentVariable($name) | Should -Be $fake[$name] }
        } finally {
            foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
        }
    }

    It 'refuses bad input with an error id' {
        { Measure-ModelRun m -Path (Join-Path $TestDrive nope) @script:Common -ErrorAction Stop } |
            Should -Throw -ErrorId 'RepositoryNotFound,LocalModels.Commands.MeasureModelRunCommand'
        { Measure-ModelRun m -Path $script:Repository -Task Prompt @script:Common -ErrorAction Stop } |
            Should -Throw -ErrorId 'PromptRequired,LocalModels.Commands.MeasureModelRunCommand'
        { Measure-ModelRun m -Path $script:Repository -Timeout 0 @script:Common -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidTimeout,LocalModels.Commands.MeasureModelRunCommand'
        { Measure-ModelRun m -Path $script:Repository -OllamaHost $script:HostUri -OutputDirectory $script:Output -ClaudePath (Join-Path $TestDrive no-claude) -ErrorAction Stop } |
            Should -Throw -ErrorId 'ClaudeNotFound,LocalModels.Commands.MeasureModelRunCommand'
    }
}

Describe 'Invoke-ClaudeLocal' {
    It 'hands claude a local environment and returns its exit code' -Skip:$IsWindows {
        $fake = Join-Path $TestDrive claude
        $dump = Join-Path $TestDrive dump
        Set-Content -LiteralPath $fake -Value "#!/bin/sh`nenv > '$dump.env'`nprintf '%s\n' `"`$@`" > '$dump.args'`nexit 7"
        chmod +x $fake
        $savedKey = $env:AWS_ACCESS_KEY_ID
        $env:AWS_ACCESS_KEY_ID = 'AKIAFAKE'
        try {
            $code = Invoke-ClaudeLocal -Model devstral-64k -OllamaHost http://127.0.0.1:1 -ClaudePath $fake -Force --append-system-prompt 'be brief'
            $code | Should -Be 7
            $LASTEXITCODE | Should -Be 7
            $environment = Get-Content "$dump.env"
            $environment | Should -Contain 'ANTHROPIC_AUTH_TOKEN=ollama'
            $environment | Should -Contain 'ANTHROPIC_BASE_URL=http://127.0.0.1:1'
            $environment | Where-Object { $_ -like 'AWS_ACCESS_KEY_ID=*' } | Should -BeNullOrEmpty
            $arguments = @(Get-Content "$dump.args")
            $arguments[0..4] | Should -Be @('--model', 'devstral-64k', '--append-system-prompt', 'be brief', '--settings')
            # The module's settings come last, so no settings file can change the endpoint, token, headers or key helper.
            $settings = $arguments[5] | ConvertFrom-Json
            $settings.env.ANTHROPIC_BASE_URL | Should -Be 'http://127.0.0.1:1'
            $settings.env.ANTHROPIC_CUSTOM_HEADERS | Should -Be ''
            $settings.apiKeyHelper | Should -Be ''
            $environment | Where-Object { $_ -like 'IS_SANDBOX=*' } | Should -BeNullOrEmpty
            $env:AWS_ACCESS_KEY_ID | Should -Be 'AKIAFAKE'
        } finally {
            $env:AWS_ACCESS_KEY_ID = $savedKey
        }
    }

    It 'runs a prompt headless in place and returns a measured run' {
        $repository = Copy-SampleRepository
        Push-Location $repository
        try {
            $run = Invoke-ClaudeLocal -Model sim/explorer:latest -OllamaHost $script:HostUri -ClaudePath $script:ClaudePath -Prompt '/init'
        } finally {
            Pop-Location
        }
        $run.Completed | Should -BeTrue
        $run.Task | Should -Be 'Prompt'
        Join-Path $repository CLAUDE.md | Should -Exist
    }

    It 'stops before claude starts when the model has no tools' {
        { Invoke-ClaudeLocal -Model sim/no-tools:latest -OllamaHost $script:HostUri -ClaudePath $script:ClaudePath -Prompt hi -ErrorAction Stop } |
            Should -Throw -ErrorId 'ModelLacksTools,LocalModels.Commands.InvokeClaudeLocalCommand'
    }
}
