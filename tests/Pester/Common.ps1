# Shared by every *.Tests.ps1, dot-sourced in its top-level BeforeAll. Pester runs each test file in a script scope
# of its own, and a dot-sourced file's $script: is its caller's, so every block of that file sees these variables.
$script:RepositoryRoot = [System.IO.Path]::GetFullPath([System.IO.Path]::Combine($PSScriptRoot, '..', '..'))
# The BUILT module, never the sources: 'dotnet build LocalModels.sln' lays it out in out/LocalModels.
$script:ModuleManifest = [System.IO.Path]::Combine($script:RepositoryRoot, 'out', 'LocalModels', 'LocalModels.psd1')
# The pinned Claude Code CLI that 'npm ci' installs.
$script:ClaudePath = [System.IO.Path]::Combine($script:RepositoryRoot, 'node_modules', '.bin', 'claude')

if (-not [System.IO.File]::Exists($script:ModuleManifest)) {
    throw "The module is not built: $($script:ModuleManifest) is missing. Run 'dotnet build LocalModels.sln' first."
}
Import-Module $script:ModuleManifest -Force -ErrorAction Stop

# Runs a script file in this pwsh inside a real terminal (tmux, on a socket of its own, TERM xterm-256color) of the
# given size, until the screen shows $Until or a minute passes. Returns the screen (with its scrollback, wrapped
# lines joined) and the pane's title, which escape sequences in the output could have changed.
function Invoke-TerminalScript([string] $Script, [int] $Width, [int] $Height, [string] $Until) {
    $pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
    $socket = "lm-term-$([guid]::NewGuid().ToString('N').Substring(0, 8))"
    $term = $env:TERM
    $env:TERM = 'xterm-256color'
    try {
        & tmux -L $socket new-session -d -s run -x $Width -y $Height "'$pwsh' -NoProfile -NoLogo -File '$Script'; sleep 60"
        $screen = ''
        $deadline = [DateTime]::UtcNow.AddSeconds(60)
        while ([DateTime]::UtcNow -lt $deadline -and -not $screen.Contains($Until)) {
            Start-Sleep -Milliseconds 500
            $screen = (& tmux -L $socket capture-pane -p -J -S -200 -t run) -join "`n"
        }
        $title = (& tmux -L $socket display-message -p -t run '#{pane_title}') -join ''
    }
    finally {
        & tmux -L $socket kill-server 2>$null
        $env:TERM = $term
    }
    [pscustomobject]@{ Screen = $screen; Title = $title }
}

# Runs a script file in a child pwsh started as this one was (an apphost, or 'dotnet pwsh.dll' when it runs as a .NET
# tool), with -NoProfile -NonInteractive and the given changes to its environment. Bounded: a child that does not
# finish in time is killed with its children and the call throws, so the test fails cleanly. Returns the exit code and
# both output streams.
function Invoke-ChildPwsh {
    param(
        [Parameter(Mandatory)] [string] $Script,
        [string[]] $ArgumentList = @(),
        [hashtable] $Environment = @{},
        [string[]] $RemoveEnvironment = @(),
        [int] $TimeoutSeconds = 120
    )
    $process = [System.Environment]::ProcessPath
    $commandLine = if ([System.IO.Path]::GetFileNameWithoutExtension($process) -eq 'dotnet') { @($process, (Join-Path $PSHOME 'pwsh.dll')) } else { @($process) }
    $start = [System.Diagnostics.ProcessStartInfo]::new($commandLine[0])
    foreach ($argument in @($commandLine | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File', $Script) + $ArgumentList) {
        $start.ArgumentList.Add($argument)
    }
    foreach ($name in $Environment.Keys) { $start.Environment[$name] = $Environment[$name] }
    foreach ($name in $RemoveEnvironment) { $null = $start.Environment.Remove($name) }
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = $true
    $child = [System.Diagnostics.Process]::Start($start)
    $stderr = $child.StandardError.ReadToEndAsync()
    $stdout = $child.StandardOutput.ReadToEndAsync()
    if (-not $child.WaitForExit($TimeoutSeconds * 1000)) {
        $child.Kill($true)
        throw "The child pwsh running $Script did not finish in $TimeoutSeconds s."
    }
    [pscustomobject]@{ ExitCode = $child.ExitCode; Output = $stdout.Result; Errors = $stderr.Result }
}
