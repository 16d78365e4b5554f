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
