#Requires -Version 7.4
# Every PowerShell example in README.md and docs/*.md, taken from the documents themselves and run as written, in
# document order, against the module's simulator with the real Claude Code; each is checked for what the
# documents say it does (DocumentedExamples.ps1). Each document runs in a folder of its own that stands in for the
# reader's: ./repo and ~/src/<name> are copies of the sample repository (~ is a home folder inside the test
# drive), ./runs and ~/.claude/projects hold two measured runs, and OLLAMA_HOST points at a simulator, which is
# what a reader without Ollama would do. Examples that cannot run here are checked for the tests
# that cover them instead.

BeforeDiscovery {
    $root = [System.IO.Path]::GetFullPath([System.IO.Path]::Combine($PSScriptRoot, '..', '..'))
    . ([System.IO.Path]::Combine($PSScriptRoot, 'DocumentedExamples.ps1'))
    $documents = foreach ($file in $DocumentedFiles) {
        $examples = @(Get-DocumentedExample -RepositoryRoot $root -File $file)
        $numbered = for ($i = 0; $i -lt $examples.Count; $i++) { @{ File = $file; Text = $examples[$i].Text; Number = $i + 1 } }
        @{ File = $file; Examples = $numbered }
    }
}

BeforeAll {
    . $PSScriptRoot/Common.ps1
    . $PSScriptRoot/DocumentedExamples.ps1

    # Claude Code as a reader has it: on PATH (the pinned CLI that npm ci installs).
    $script:SavedPath = $env:PATH
    $env:PATH = [System.IO.Path]::GetDirectoryName($script:ClaudePath) + [System.IO.Path]::PathSeparator + $env:PATH
    $script:SavedHost = $env:OLLAMA_HOST
    $script:SavedTemp = $env:TMPDIR
    $script:FileSystem = Get-PSProvider FileSystem
    $script:SavedHome = $script:FileSystem.Home

    # Two measured runs (a good one and a hallucinating one) that the import examples read.
    $script:Fixture = Join-Path $TestDrive 'fixture'
    $fixtureServer = Start-OllamaSimulator
    try {
        # Measured on a copy that outlives the simulator, so importing the runs can check them against it again.
        $script:SampleCopy = Join-Path $TestDrive 'sample'
        Copy-Item -Path $fixtureServer.SampleRepository -Destination $script:SampleCopy -Recurse
        'sim/explorer', 'sim/lazy-hallucinating' |
            Measure-ModelRun -Path $script:SampleCopy -OllamaHost $fixtureServer.BaseUri -OutputDirectory $script:Fixture -ErrorAction Stop |
            Out-Null
    }
    finally {
        Stop-OllamaSimulator -Port $fixtureServer.Port
    }

    function Initialize-ReaderFolder([string] $Name) {
        # The reader's working folder and home, as the examples assume them.
        $work = Join-Path $TestDrive $Name
        $readerHome = Join-Path $work 'home'
        foreach ($repository in "$work/repo", "$readerHome/src/myrepo", "$readerHome/src/jupyterlab-latex") {
            New-Item -ItemType Directory -Path ([System.IO.Path]::GetDirectoryName($repository)) -Force | Out-Null
            Copy-Item -Path $script:SampleCopy -Destination $repository -Recurse
        }
        Copy-Item -Path $script:Fixture -Destination "$work/runs" -Recurse
        $projects = New-Item -ItemType Directory -Path "$readerHome/.claude/projects" -Force
        Get-ChildItem -Path $script:Fixture -Directory -Filter '*.claude' | ForEach-Object {
            Copy-Item -Path "$($_.FullName)/projects/*" -Destination $projects.FullName -Recurse
        }
        New-Item -ItemType Directory -Path "$work/tmp" | Out-Null
        @{ Work = $work; Home = $readerHome }
    }

    function Invoke-DocumentedExample([string] $Text, [psmoduleinfo] $Scope) {
        $expectation = $DocumentedExpectations[$Text]
        if (-not $expectation) { throw "No entry in DocumentedExamples.ps1 says what this documented example does: $Text" }
        if ($expectation.NotHere) {
            # Not run here (a real terminal, a gallery, the build itself): every test or script the entry names as
            # covering it must exist, so the reason cannot point at nothing.
            $repositoryRoot = [System.IO.Path]::GetFullPath([System.IO.Path]::Combine($PSScriptRoot, '..', '..'))
            $named = [regex]::Matches($expectation.NotHere, '[\w.]+\.(?:ps1|sh)\b|\b\w+Tests\b').Value | Sort-Object -Unique
            $named | Should -Not -BeNullOrEmpty -Because "'$Text' is not run here, so its entry must name what covers it"
            foreach ($name in $named) {
                $file = if ($name -match '\.(ps1|sh)$') { $name } else { "$name.cs" }
                @(Get-ChildItem -LiteralPath $repositoryRoot, "$repositoryRoot/tests" -Recurse:$false -File -Filter $file -ErrorAction SilentlyContinue) +
                    @(Get-ChildItem -LiteralPath "$repositoryRoot/tests" -Recurse -File -Filter $file) | Should -Not -BeNullOrEmpty -Because "'$Text' is covered by $name"
            }
            return
        }
        $code = if ($expectation.Instead) { $expectation.Instead } else { $Text }
        if ($expectation.Before) { . $expectation.Before }
        try {
            $output = $null
            $failure = $null
            try {
                # In the document's own scope, so its variables ($sim) carry from one example to the next.
                $output = @(. $Scope { param($code) . ([scriptblock]::Create($code)) } $code)
            }
            catch {
                $failure = $_
            }
            if ($failure) {
                $id = $failure.FullyQualifiedErrorId -replace ',.*$'
                if (-not $expectation.AllowedErrorId -or $id -ne $expectation.AllowedErrorId) {
                    throw "The documented example failed: $code`n$($failure.FullyQualifiedErrorId): $failure"
                }
                return
            }
            & $expectation.Check $output
        }
        finally {
            if ($expectation.After) { . $expectation.After }
        }
    }
}

AfterAll {
    Get-OllamaSimulator | Stop-OllamaSimulator
    $env:PATH = $script:SavedPath
    $env:OLLAMA_HOST = $script:SavedHost
    $env:TMPDIR = $script:SavedTemp
    $script:FileSystem.Home = $script:SavedHome
}

Describe 'Every documented example has a check' {
    It 'every example in the documents has an entry in DocumentedExamples.ps1' {
        $missing = foreach ($file in $DocumentedFiles) {
            Get-DocumentedExample -RepositoryRoot $script:RepositoryRoot -File $file |
                Where-Object { -not $DocumentedExpectations.ContainsKey($_.Text) } |
                ForEach-Object { "$($_.File): $($_.Text)" }
        }
        $missing | Should -BeNullOrEmpty -Because 'a documented command needs a check of what it does (or the reason it cannot run here)'
    }

    It 'every entry still names a documented example' {
        $documented = foreach ($file in $DocumentedFiles) { (Get-DocumentedExample -RepositoryRoot $script:RepositoryRoot -File $file).Text }
        $DocumentedExpectations.Keys | Where-Object { $_ -notin $documented } | Should -BeNullOrEmpty
    }

    It 'every example that is not run says how it is covered' {
        foreach ($entry in $DocumentedExpectations.GetEnumerator()) {
            if ($entry.Value.NotHere) { $entry.Value.NotHere | Should -Match 'Cover|check|test' -Because $entry.Key }
            elseif ($entry.Value.Instead) { $entry.Value.Why | Should -Not -BeNullOrEmpty -Because $entry.Key }
            else { $entry.Value.Check | Should -Not -BeNullOrEmpty -Because $entry.Key }
        }
    }
}

Describe '<File>' -ForEach $documents {
    BeforeAll {
        $reader = Initialize-ReaderFolder ($File -replace '[/.]', '-')
        $script:FileSystem.Home = $reader.Home
        $env:TMPDIR = "$($reader.Work)/tmp"
        # docs/simulator.md starts (and stops) its own simulator; the others assume a server at OLLAMA_HOST.
        if ($File -ne 'docs/simulator.md') { $env:OLLAMA_HOST = (Start-OllamaSimulator).BaseUri }
        # docs/running-and-measuring.md uses devstral-64k, which docs/ollama.md and the README's Quick start make.
        if ($File -eq 'docs/running-and-measuring.md') { New-DevstralModelfile | Out-Null }
        Push-Location $reader.Work
        $script:Scope = [psmoduleinfo]::new($true)
        . $script:Scope { $ErrorActionPreference = 'Stop' }
    }

    AfterAll {
        Pop-Location
        Get-OllamaSimulator | Stop-OllamaSimulator
        $env:OLLAMA_HOST = $script:SavedHost
    }

    It '<Number>: <Text>' -ForEach $Examples {
        Invoke-DocumentedExample -Text $Text -Scope $script:Scope
    }
}
