# The PowerShell examples of README.md and docs/*.md, extracted from the documents themselves, and what each one
# is documented to do. Documentation.Tests.ps1 runs every example as written against the simulator and checks it
# with the entry below; an example with no entry, or an entry whose example is gone, fails that suite, so a
# documented command cannot silently break or go untested.

# The documents whose examples are run, in reading order.
$script:DocumentedFiles = 'README.md', 'docs/ollama.md', 'docs/running-and-measuring.md', 'docs/failure-modes.md', 'docs/simulator.md', 'docs/scaling.md'

function Get-DocumentedExample {
    <#
    .SYNOPSIS
        Every PowerShell statement in a document's ```powershell blocks and in the Example column of its tables
        (inline code in the last cell), in document order, one statement each as the parser splits them.
    #>
    param([Parameter(Mandatory)] [string] $RepositoryRoot, [Parameter(Mandatory)] [string] $File)

    $text = [System.IO.File]::ReadAllText([System.IO.Path]::Combine($RepositoryRoot, $File))
    $sources = [System.Collections.Generic.List[object]]::new()
    foreach ($block in [regex]::Matches($text, '(?ms)^```powershell\r?\n(.*?)^```')) {
        $sources.Add([pscustomobject]@{ Offset = $block.Index; Code = $block.Groups[1].Value })
    }
    # A table row whose last cell is a single inline example that runs a command: | `Name` | what | `example` |
    foreach ($row in [regex]::Matches($text, '(?m)^\|[^\r\n]*\|\s*`([^`\r\n]+)`\s*\|\s*$')) {
        $code = $row.Groups[1].Value.Replace('\|', '|')
        if ($code -cmatch '\b[A-Z][a-z]+-[A-Z][A-Za-z]+\b') { $sources.Add([pscustomobject]@{ Offset = $row.Index; Code = $code }) }
    }
    foreach ($source in $sources | Sort-Object Offset) {
        $tokens = $null
        $errors = $null
        $ast = [System.Management.Automation.Language.Parser]::ParseInput($source.Code, [ref] $tokens, [ref] $errors)
        if ($errors.Count -gt 0) { throw "$File has an example that does not parse: $($errors[0].Message) in: $($source.Code)" }
        foreach ($statement in $ast.EndBlock.Statements) {
            [pscustomobject]@{ File = $File; Text = ConvertTo-ExampleKey $statement.Extent.Text }
        }
    }
}

function ConvertTo-ExampleKey([string] $Text) {
    # One line, single spaces: how the entries below name an example, however the document breaks its lines.
    ($Text -replace '\s*\r?\n\s*', ' ').Trim()
}

# What each example must do. Keys are the examples' text (see ConvertTo-ExampleKey). Fields:
#   Check      { param($Output) ... }  Pester assertions on what the example wrote (and the session after it;
#              '. $script:Scope { $var }' reads the example's own variables).
#   Before / After  run around the example, in the test's scope (e.g. arranging which models a server holds).
#   Instead + Why   the text that is run instead, and why the documented text cannot run as is here.
#   NotHere    the example is not run (needs a real terminal, Ollama or the build itself); says how it is covered.
#   AllowedErrorId  the example may end with this error id here (an optional app this machine lacks).
$script:DocumentedExpectations = @{
    'Install-PSResource LocalModels' = @{
        NotHere = 'installs from the PowerShell Gallery, which a test cannot reach: Install.Tests.ps1 publishes out/LocalModels to a local file gallery and installs it by name'
    }
    'Import-Module LocalModels' = @{
        NotHere = 'imports the module a gallery installed: Install.Tests.ps1 installs it by name from a local file gallery and imports it'
    }
    'npm ci' = @{
        NotHere = 'a build step (Claude Code and Chart.js for the build): test.sh runs it first, and Common.ps1 uses the claude it installs'
    }
    'dotnet build -c Release' = @{
        NotHere = 'builds the module under test: test.sh builds first, and Common.ps1 refuses to run without out/LocalModels'
    }
    'Import-Module ./out/LocalModels/LocalModels.psd1' = @{
        Before = { Push-Location $script:RepositoryRoot }
        After  = { Pop-Location }
        Check  = {
            (Get-Module LocalModels).ModuleBase | Should -Be ([System.IO.Path]::Combine($script:RepositoryRoot, 'out', 'LocalModels'))
        }
    }
    'Get-Command -Module LocalModels' = @{
        Check = {
            param($Output)
            # The README's Cmdlets table names every command the module has.
            $listed = [regex]::Matches([System.IO.File]::ReadAllText("$script:RepositoryRoot/README.md"), '(?m)^\| `([A-Z][a-z]+-[A-Za-z]+)` \|') |
                ForEach-Object { $_.Groups[1].Value }
            @($Output.Name | Sort-Object) | Should -Be @($listed | Sort-Object)
        }
    }
    'Get-Help Measure-ModelRun -Examples' = @{
        Check = {
            param($Output)
            $Output[0].Name | Should -Be 'Measure-ModelRun'
            @($Output[0].examples.example).Count | Should -BeGreaterThan 1
        }
    }
    'Get-OllamaModel | Where-Object SupportsTools' = @{
        Check = {
            param($Output)
            $Output.Name | Should -Contain 'devstral-small-2:latest'
            $Output.Name | Should -Not -Contain 'deepseek-r1:32b'
            $Output | ForEach-Object { $_.SupportsTools | Should -BeTrue }
        }
    }
    'New-DevstralModelfile | Test-ClaudeLocal' = @{
        Check = {
            param($Output)
            $Output | Should -HaveCount 8
            $Output | ForEach-Object { $_.Model | Should -Be 'devstral-64k' }
            # Simulated weights need no memory: the Quick start must not stop on the memory check (issue 11, item 2).
            $Output | Where-Object Status -NE Pass | Should -BeNullOrEmpty
            ($Output | Where-Object Check -EQ Memory).Message | Should -BeLike 'Simulated:*'
        }
    }
    'Invoke-ClaudeLocal -Model devstral-64k' = @{
        NotHere = 'interactive: hands the terminal to claude. Covered by InvokeClaudeLocalFakeClaudeTests (environment, arguments, exit code) and the -Prompt example of docs/running-and-measuring.md (same preflight and model, headless)'
    }
    "'devstral-64k', 'qwen3-coder:30b' | Measure-ModelRun -Path ~/src/myrepo -Task Init -MaxInterventions 1 | Export-Csv runs.csv" = @{
        Check = {
            param($Output)
            $Output | Should -BeNullOrEmpty
            $rows = Import-Csv ./runs.csv
            $rows.Model | Should -Be 'devstral-64k', 'qwen3-coder:30b'
            $rows | ForEach-Object { $_.Simulated | Should -Be 'True' }
            # devstral-64k has its 64K; qwen3-coder:30b as pulled sets no num_ctx, runs at the server default (4096)
            # and loses its task, as it would on Ollama.
            $rows[0].Outcome | Should -Be 'Success'
            $rows[0].FailureMode | Should -Be 'None'
            $rows[1].Outcome | Should -Be 'Failed'
            $rows[1].FailureMode | Should -Be 'ContextOverflow'
            # The repository itself is never modified: no CLAUDE.md was written into it.
            '~/src/myrepo/CLAUDE.md' | Should -Not -Exist
        }
    }
    '16384, 32768, 65536, 131072 | New-DevstralModelfile | Measure-ModelRun -Path ./repo -Task Init | Export-Csv sweep.csv' = @{
        Check = { param($Output) Assert-Sweep $Output }
    }
    '16384,32768,65536,131072 | New-DevstralModelfile | Measure-ModelRun -Path ./repo -Task Init | Export-Csv sweep.csv' = @{
        Check = { param($Output) Assert-Sweep $Output }
    }
    "'devstral-64k', 'qwen3-coder:30b' | Measure-ModelRun -Path ./repo -Task Init -Repeat 3 | Export-ModelRunReport report.html" = @{
        Check = {
            # The report of the six runs: both models, and why qwen3-coder:30b (no num_ctx, 4096) failed.
            './report.html' | Should -Exist
            $html = Get-Content ./report.html -Raw
            $html | Should -Match '<html'
            $html | Should -Match 'devstral-64k'
            $html | Should -Match 'qwen3-coder:30b'
            $html | Should -Match 'ContextOverflow'
        }
    }
    'Import-ModelRun ./results | Export-ModelRunReport report.md' = @{
        # ./results: a folder of measured runs, here the reader's two (a good one and a hallucinating one).
        Before = { if (-not (Test-Path ./results)) { Copy-Item -Path ./runs -Destination ./results -Recurse } }
        Check  = {
            './report.md' | Should -Exist
            $markdown = Get-Content ./report.md -Raw
            $markdown | Should -Match 'sim/explorer'
            $markdown | Should -Match 'sim/lazy-hallucinating'
            $markdown | Should -Match 'HallucinatedContent'
        }
    }
    '$sim = Start-OllamaSimulator -DelayScale 0.05' = @{
        Check = {
            $sim = . $script:Scope { $sim }
            $sim.DelayScale | Should -Be 0.05
            $sim.SampleRepository | Should -Exist
        }
    }
    'Get-OllamaModel -OllamaHost $sim.BaseUri -Name sim/*' = @{
        Check = {
            param($Output)
            $Output.Name | Should -Contain 'sim/explorer:latest'
            $Output | ForEach-Object { $_.Name | Should -BeLike 'sim/*' }
        }
    }
    "'sim/explorer', 'sim/nested-params', 'sim/context-stall' | Measure-ModelRun -Path `$sim.SampleRepository -Task Init -OllamaHost `$sim.BaseUri | Group-Object FailureMode" = @{
        Check = {
            param($Output)
            @($Output.Name | Sort-Object) | Should -Be @('ContextStall', 'NestedParams', 'None')
            $Output | ForEach-Object { $_.Count | Should -Be 1 }
        }
    }
    'Stop-OllamaSimulator -Port $sim.Port' = @{
        Check = {
            $port = . $script:Scope { $sim.Port }
            (Get-OllamaSimulator).Port | Should -Not -Contain $port
        }
    }
    'Get-OllamaModel -Loaded' = @{
        Before = {
            # Loaded models appear after a request; this one is loaded the way a request would load it.
            $server = $null
            [void] [LocalModels.Simulation.SimulatorRegistry]::TryGet(([uri] $env:OLLAMA_HOST).Port, [ref] $server)
            $server.LoadModel('qwen3:0.6b')
        }
        Check  = {
            param($Output)
            $loaded = $Output | Where-Object Name -EQ 'qwen3:0.6b'
            $loaded | Should -HaveCount 1
            $loaded.ContextLength | Should -BeGreaterThan 0
            $loaded.Processor | Should -Not -BeNullOrEmpty
        }
    }
    'New-DevstralModelfile' = @{
        Check = {
            param($Output)
            $Output.Name | Should -Be 'devstral-64k'
            $Output.BaseModel | Should -Be 'devstral-small-2'
            (Get-OllamaModel devstral-64k).ConfiguredContextLength | Should -Be 65536
        }
    }
    'New-OllamaModel -BaseModel qwen3-coder:30b -ContextLength 65536' = @{
        Check = {
            param($Output)
            $Output.Name | Should -Be 'qwen3-coder-30b-64k'
            (Get-OllamaModel qwen3-coder-30b-64k).ConfiguredContextLength | Should -Be 65536
        }
    }
    '16384, 65536 | New-DevstralModelfile -ModelfilePath ./modelfiles' = @{
        Check = { param($Output) Assert-WrittenModelfile $Output 16384, 65536 }
    }
    '16384, 32768, 65536, 131072 | New-DevstralModelfile -ModelfilePath ./modelfiles' = @{
        Check = { param($Output) Assert-WrittenModelfile $Output 16384, 32768, 65536, 131072 }
    }
    'Remove-OllamaModel devstral-16k' = @{
        Instead = 'Remove-OllamaModel devstral-16k -Confirm:$false'
        Why     = 'it asks first (ConfirmImpact High), and a test has nobody to answer: the check proves it would ask'
        Before  = { if (-not (Get-OllamaModel devstral-16k -ErrorAction SilentlyContinue)) { New-DevstralModelfile 16384 | Out-Null } }
        Check   = {
            Get-OllamaModel devstral-16k -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $attribute = (Get-Command Remove-OllamaModel).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
            $attribute.ConfirmImpact | Should -Be 'High'
        }
    }
    'Install-OllamaModel devstral-small-2' = @{
        Check = {
            param($Output)
            $Output.Name | Should -Be 'devstral-small-2:latest'
            (Get-OllamaModel devstral-small-2).SupportsTools | Should -BeTrue
        }
    }
    'Get-OllamaContext devstral-64k' = @{
        Check = {
            param($Output)
            $Output.Model | Should -Be 'devstral-64k'
            $Output.EffectiveContextLength | Should -Be 65536
            $Output.Source | Should -Be 'Model'
        }
    }
    'Get-OllamaContext' = @{
        Check = {
            param($Output)
            $Output | Should -HaveCount 1
            # The server-wide row is labelled, not an empty Model column (issue 11, item 10).
            ($Output | Out-String -Width 200) | Should -Match '(?m)^\(server-wide\)'
        }
    }
    'Set-OllamaContext 65536 -Scope Server -WhatIf' = @{
        Check = { param($Output) $Output | Should -BeNullOrEmpty }
    }
    'Set-OllamaContext 65536 -Model qwen3-coder:30b -InPlace' = @{
        Check = {
            param($Output)
            $Output.Model | Should -Be 'qwen3-coder:30b'
            $Output.NewValue | Should -Be 65536
            (Get-OllamaModel qwen3-coder:30b).ConfiguredContextLength | Should -Be 65536
        }
    }
    'Set-OllamaContext 65536 -Scope Server' = @{
        Instead = 'Set-OllamaContext 65536 -Scope Server -WhatIf'
        Why     = "it changes this machine's Ollama service (a systemd drop-in here); PlatformConfigurationTests and PlatformCmdletTests write it on a fake platform"
        Check   = { param($Output) $Output | Should -BeNullOrEmpty }
    }
    'Set-OllamaContext 65536 -Scope Server -Target DesktopApp' = @{
        Instead        = 'Set-OllamaContext 65536 -Scope Server -Target DesktopApp -WhatIf'
        Why            = "it changes the desktop app's own setting (macOS and Windows); PlatformCmdletTests covers it on a fake platform"
        AllowedErrorId = 'DesktopAppSettingUnavailable'
        Check          = { param($Output) $Output | Should -BeNullOrEmpty }
    }
    'Test-ClaudeLocal devstral-64k' = @{
        Check = {
            param($Output)
            $Output.Check | Should -Be 'OllamaReachable', 'OllamaVersion', 'ModelPresent', 'ToolsCapability', 'NativeContext', 'ContextLength', 'Memory', 'ClaudeCode'
            $Output | Where-Object Status -EQ Fail | Should -BeNullOrEmpty
        }
    }
    'New-DevstralModelfile | Test-ClaudeLocal -Quiet' = @{
        Check = { param($Output) $Output | Should -Be $true }
    }
    '$env:OLLAMA_HOST = (Start-OllamaSimulator).BaseUri' = @{
        Check = {
            (Get-OllamaSimulator).BaseUri | Should -Contain $env:OLLAMA_HOST
            (Get-OllamaModel devstral-small-2).OllamaHost | Should -Be $env:OLLAMA_HOST
        }
    }
    'Get-OllamaSimulator | Stop-OllamaSimulator' = @{
        Check = { Get-OllamaSimulator | Should -BeNullOrEmpty }
    }
    'Invoke-ClaudeLocal devstral-64k' = @{
        NotHere = 'interactive: hands the terminal to claude. Covered by InvokeClaudeLocalFakeClaudeTests (environment, arguments, exit code, $LASTEXITCODE) and the -Prompt example of docs/running-and-measuring.md'
    }
    '$LASTEXITCODE' = @{
        NotHere = "the interactive run's exit code: InvokeClaudeLocalFakeClaudeTests checks it is returned and set as `$LASTEXITCODE, and the -Prompt example below sets it too"
    }
    "Invoke-ClaudeLocal qwen3-coder:30b --append-system-prompt 'Answer briefly.'" = @{
        NotHere = 'interactive; InvokeClaudeLocalFakeClaudeTests checks that extra arguments reach claude unchanged'
    }
    "Invoke-ClaudeLocal devstral-64k -Prompt 'Add a --version flag' -Timeout 1200" = @{
        Check = {
            param($Output)
            $Output.Model | Should -Be 'devstral-64k'
            $Output.Simulated | Should -BeTrue
            $Output.ExitCode | Should -Be 0
            $LASTEXITCODE | Should -Be 0
            # In place: the current folder is where it worked.
            './CLAUDE.md' | Should -Exist
        }
    }
    'Get-OllamaModel | Where-Object SupportsTools | Measure-ModelRun -Path ./repo -Repeat 3 -Timeout 1800 | Where-Object Completed' = @{
        # Every tool-capable model three times: on a server holding two such models, so the check stays affordable:
        # qwen3:0.6b as pulled (no num_ctx: the server default, 4096; its native 40960 is too small for Claude Code
        # too) and devstral-64k (devstral-small-2 at 65536).
        Before = {
            $script:SmallServer = Start-OllamaSimulator -Empty
            $script:SavedHost = $env:OLLAMA_HOST
            $env:OLLAMA_HOST = $script:SmallServer.BaseUri
            Install-OllamaModel qwen3:0.6b, devstral-small-2 | Out-Null
            New-DevstralModelfile | Out-Null
        }
        After  = {
            $env:OLLAMA_HOST = $script:SavedHost
            Stop-OllamaSimulator -Port $script:SmallServer.Port
        }
        Check  = {
            param($Output)
            @(Get-OllamaModel | Where-Object SupportsTools | ForEach-Object Name | Sort-Object) |
                Should -Be @('devstral-64k:latest', 'devstral-small-2:latest', 'qwen3:0.6b')
            # Only the model with a working context completes: devstral-small-2 and qwen3:0.6b as pulled run at 4096
            # and lose their task every time.
            $Output | Should -HaveCount 3
            $Output | ForEach-Object { $_.Model | Should -Be 'devstral-64k:latest'; $_.Completed | Should -BeTrue }
            $Output.Repetition | Should -Be 1, 2, 3
        }
    }
    'Measure-ModelRun qwen3-coder:30b, devstral-64k -Path ./repo -MaxInterventions 1 | Group-Object FailureMode' = @{
        Check = {
            param($Output)
            # qwen3-coder:30b as pulled runs at the server default (4096) and loses its task; devstral-64k works.
            @($Output.Name | Sort-Object) | Should -Be 'ContextOverflow', 'None'
            $Output | ForEach-Object { $_.Count | Should -Be 1 }
            $overflow = $Output | Where-Object Name -EQ 'ContextOverflow'
            $overflow.Group.Model | Should -Be 'qwen3-coder:30b'
            $overflow.Group.Outcome | Should -Be 'Failed'
            $none = $Output | Where-Object Name -EQ 'None'
            $none.Group.Model | Should -Be 'devstral-64k'
            $none.Group.Outcome | Should -Be 'Success'
        }
    }
    "Measure-ModelRun devstral-64k -Path ./repo -Task Prompt -Prompt 'Write tests for src/count.ts' -MaxTurns 40" = @{
        Check = {
            param($Output)
            $Output.Task | Should -Be 'Prompt'
            $Output.Prompt | Should -Be 'Write tests for src/count.ts'
            $Output.Simulated | Should -BeTrue
        }
    }
    'Measure-ModelRun devstral-64k -Path ./repo -Repeat 10 -OutputDirectory ./runs -Resume' = @{
        # An interrupted sweep: eight of the ten repetitions are already in ./runs/runs.jsonl.
        Before = {
            $template = Get-Content ./runs/runs.jsonl -TotalCount 1 | ConvertFrom-Json
            $context = (Get-OllamaModel devstral-64k).ConfiguredContextLength
            $lines = foreach ($repetition in 1..8) {
                $template.Model = 'devstral-64k'
                $template.ContextLength = $context
                $template.Repetition = $repetition
                $template.Task = 'Init'
                $template | ConvertTo-Json -Compress -Depth 3
            }
            Add-Content ./runs/runs.jsonl -Value $lines
        }
        Check  = {
            param($Output)
            $Output.Repetition | Should -Be 9, 10
            @(Get-Content ./runs/runs.jsonl | ConvertFrom-Json | Where-Object Model -EQ 'devstral-64k').Count | Should -Be 10
        }
    }
    'Import-ModelRun ./runs -RepositoryPath ~/src/jupyterlab-latex | Group-Object FailureMode -NoElement' = @{
        Check = {
            param($Output)
            @($Output.Name | Sort-Object) | Should -Be @('HallucinatedContent', 'None')
            ($Output | Measure-Object Count -Sum).Sum | Should -Be 2
        }
    }
    'Get-ChildItem ~/.claude/projects -Recurse -Filter *.jsonl | Import-ModelRun | Select-Object Model, Outcome, FailureMode, ToolSequence, Evidence' = @{
        Check = {
            param($Output)
            $Output | Should -HaveCount 2
            $Output[0].PSObject.Properties.Name | Should -Be 'Model', 'Outcome', 'FailureMode', 'ToolSequence', 'Evidence'
            @($Output.Model | Sort-Object) | Should -Be @('sim/explorer', 'sim/lazy-hallucinating')
        }
    }
    'Import-ModelRun ~/.claude/projects | Group-Object FailureMode' = @{
        Check = {
            param($Output)
            # A bare transcript has no repository to check the deliverable against, so both runs are judged on the trace alone.
            ($Output | Measure-Object Count -Sum).Sum | Should -Be 2
            @($Output.Group.Model | Sort-Object) | Should -Be @('sim/explorer', 'sim/lazy-hallucinating')
        }
    }
    'Get-ModelFailureMode' = @{
        Check = {
            param($Output)
            $Output | Should -HaveCount 16
            $Output.Precedence | Should -Be (1..16)
            Assert-ReadableTaxonomy $Output
        }
    }
    'Get-ModelFailureMode | Format-Table' = @{
        Check = {
            param($Output)
            $lines = ($Output | Out-String -Width 160) -split '\r?\n'
            $lines | Should -Contain ' 1 NoToolSupport       Pick a model whose capabilities include tools (Get-OllamaModel shows them; Test-ClaudeLocal checks before a run).'
        }
    }
    'Get-ModelFailureMode Hallucinated* | Format-List' = @{
        Check = {
            param($Output)
            $text = $Output | Out-String -Width 200
            foreach ($name in 'HallucinatedTools', 'HallucinatedParams', 'HallucinatedContent') { $text | Should -Match "Name\s+: $name" }
            $text | Should -Match 'Fix\s+: '
        }
    }
    'Get-ModelFailureMode Hallucinated*' = @{
        Check = { param($Output) $Output.Name | Should -Be 'HallucinatedTools', 'HallucinatedParams', 'HallucinatedContent' }
    }
    'Import-ModelRun ./runs | Get-ModelFailureMode | Sort-Object Precedence -Unique | Select-Object Name, Fix' = @{
        Check = {
            param($Output)
            $Output.Name | Should -Be 'HallucinatedContent'
            $Output.Fix | Should -Not -BeNullOrEmpty
        }
    }
    '$sim = Start-OllamaSimulator' = @{
        Check = {
            (. $script:Scope { $sim }).BaseUri | Should -BeLike 'http://127.0.0.1:*'
        }
    }
    'Get-OllamaSimulator' = @{
        Check = { param($Output) $Output.Port | Should -Contain (. $script:Scope { $sim }).Port }
    }
    'Get-OllamaModel -OllamaHost $sim.BaseUri -Name sim/explorer' = @{
        Check = { param($Output) $Output.Name | Should -Be 'sim/explorer:latest' }
    }
    'Stop-OllamaSimulator' = @{
        # Bare, as docs/simulator.md shows it: stops the only simulator running (issue 11, item 5).
        Check = { Get-OllamaSimulator | Should -BeNullOrEmpty }
    }
    'Measure-ModelRun devstral-64k -Path ./repo -Repeat 3' = @{
        Check = {
            param($Output)
            $Output.Repetition | Should -Be 1, 2, 3
            $Output | ForEach-Object { $_.Model | Should -Be 'devstral-64k'; $_.Simulated | Should -BeTrue }
        }
    }
    # The README's Cmdlets table.
    'Get-OllamaSimulator | New-OllamaHostPool' = @{
        Check = {
            param($Output)
            $Output | Should -HaveCount 1
            $pool = $Output[0]
            $pool.Addresses | Should -Be (Get-OllamaSimulator).BaseUri
            $pool.Hosts | ForEach-Object { $_.Available | Should -BeTrue; $_.Simulated | Should -BeTrue; $_.ModelCount | Should -BeGreaterThan 0 }
        }
    }
    # docs/scaling.md
    '$sims = 1..3 | ForEach-Object { Start-OllamaSimulator -DelayScale 0.05 }' = @{
        Check = { (. $script:Scope { $sims }).Port | ForEach-Object { (Get-OllamaSimulator).Port | Should -Contain $_ } }
    }
    '$pool = $sims | New-OllamaHostPool' = @{
        Check = {
            $pool = . $script:Scope { $pool }
            $sims = . $script:Scope { $sims }
            $pool.Addresses | Should -Be $sims.BaseUri
            $pool.Hosts.Available | Should -Be $true, $true, $true
        }
    }
    '$pool.Hosts | Format-Table OllamaHost, Available, Version, ModelCount' = @{
        Check = {
            param($Output)
            $text = $Output | Out-String
            (. $script:Scope { $sims }).BaseUri | ForEach-Object { $text | Should -Match ([regex]::Escape($_)) }
        }
    }
    "'sim/explorer', 'sim/nested-params', 'sim/refuses' | Measure-ModelRun -Path `$sims[0].SampleRepository -OllamaHost `$pool -Repeat 2 -OutputDirectory ./sweep | Group-Object OllamaHost" = @{
        Check = {
            param($Output)
            ($Output | Measure-Object -Property Count -Sum).Sum | Should -Be 6
            $Output.Count | Should -BeGreaterThan 1 -Because 'the runs were spread across the servers'
            $Output.Name | ForEach-Object { (. $script:Scope { $sims }).BaseUri | Should -Contain $_ }
            @($Output.Group | Group-Object Model, Repetition) | Should -HaveCount 6
        }
    }
    "'sim/explorer', 'sim/nested-params', 'sim/refuses' | Measure-ModelRun -Path `$sims[0].SampleRepository -OllamaHost `$pool -Repeat 2 -OutputDirectory ./sweep -Resume" = @{
        Check = {
            param($Output)
            $Output | Should -BeNullOrEmpty
            @(Get-Content ./sweep/runs.jsonl) | Should -HaveCount 6
        }
    }
    '$sims | Stop-OllamaSimulator' = @{
        Check = { (. $script:Scope { $sims }).Port | ForEach-Object { (Get-OllamaSimulator).Port | Should -Not -Contain $_ } }
    }
    "`$pool = New-OllamaHostPool 'mac-studio.local:11434', 'gpu-box:11434', 'localhost:11434'" = @{
        NotHere = 'names machines a test cannot reach: HostPool.Tests.ps1 builds a pool of three simulators with New-OllamaHostPool and checks what each host has'
    }
    '16384, 32768, 65536 | New-DevstralModelfile -OllamaHost $pool' = @{
        NotHere = 'needs the machines above: HostPool.Tests.ps1 makes an alias on each of three simulators with New-DevstralModelfile -OllamaHost and checks each server has it'
    }
    "'devstral-16k', 'devstral-32k', 'devstral-64k' | Measure-ModelRun -Path ~/src/myrepo -OllamaHost `$pool -Repeat 3 -OutputDirectory ./sweep" = @{
        NotHere = 'needs the machines above: HostPoolEndToEndTests and HostPool.Tests.ps1 check the same sweep on three simulators (each run once, only where its model is, a server lost mid-sweep, Ctrl+C, -Resume)'
    }
    "`$machines = 'mac-studio.local', 'gpu-box'" = @{
        NotHere = 'names machines for SSH remoting: Examples.Tests.ps1 runs the remote-sweep example script with -Simulated: the same measurement in a process per machine, gathered and imported'
    }
    'Invoke-Command -HostName $machines -ScriptBlock { Measure-ModelRun devstral-64k -Path ~/src/myrepo -Repeat 3 -OutputDirectory ~/sweep | Out-Null }' = @{
        NotHere = 'SSH remoting to other machines: Examples.Tests.ps1 runs the remote-sweep example script with -Simulated, whose script block is the one sent to each machine'
    }
    'foreach ($machine in $machines) { scp -r "${machine}:sweep" "./gathered/$machine" }' = @{
        NotHere = 'copies from other machines: Examples.Tests.ps1 checks that the remote-sweep example script gathers each machine''s folder into one of its own'
    }
    'Import-ModelRun ./gathered/* | Export-ModelRunReport report.html' = @{
        NotHere = 'reads the folders gathered above: Examples.Tests.ps1 checks that Import-ModelRun over the folders the remote-sweep example script gathers gives each machine''s runs'
    }
}

function Assert-Sweep($Output) {
    $Output | Should -BeNullOrEmpty
    $rows = Import-Csv ./sweep.csv
    $rows.ContextLength | Should -Be '16384', '32768', '65536', '131072'
    $rows.Model | Should -Be 'devstral-16k', 'devstral-32k', 'devstral-64k', 'devstral-128k'
    $rows | ForEach-Object { $_.Simulated | Should -Be 'True' }
}

function Assert-WrittenModelfile($Output, [int[]] $ContextLength) {
    # A -ModelfilePath without a trailing slash is a folder for several models (issue 11, item 1).
    './modelfiles' | Should -Exist
    (Get-Item ./modelfiles).PSIsContainer | Should -BeTrue
    $Output | Should -HaveCount $ContextLength.Count
    foreach ($definition in $Output) {
        $definition.ModelfilePath | Should -Be ([System.IO.Path]::Combine((Get-Location).ProviderPath, 'modelfiles', "$($definition.Name).Modelfile"))
        Get-Content $definition.ModelfilePath | Should -Contain "PARAMETER num_ctx $($definition.ContextLength)"
    }
    $Output.ContextLength | Should -Be $ContextLength
}

function Assert-ReadableTaxonomy($Output) {
    # The default view wraps between words at the window's width, and every Description and Fix reads whole
    # (issue 11, item 14): joining the wrapped lines gives the text back.
    $text = $Output | Out-String -Width 100
    $lines = $text -split '\r?\n'
    $lines | ForEach-Object { $_.Length | Should -BeLessOrEqual 100 }
    $flat = ($lines | ForEach-Object { $_.Trim() }) -join ' '
    foreach ($mode in $Output) {
        $flat.Contains($mode.Description) | Should -BeTrue -Because "$($mode.Name)'s description reads whole"
        $flat.Contains("Fix: $($mode.Fix)") | Should -BeTrue -Because "$($mode.Name)'s fix reads whole"
    }
    $lines | Should -Contain ' 1  NoToolSupport'
}
