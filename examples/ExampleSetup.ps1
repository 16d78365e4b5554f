# Shared by the examples (dot-sourced): where Claude Code is, and whether an Ollama server answers.

function Get-ExampleClaudeParameter {
    <#
    .SYNOPSIS
        The -ClaudePath to pass on: the one given, else none when claude is on PATH, else the pinned CLI from 'npm ci'.
    #>
    [CmdletBinding()]
    [OutputType([hashtable])]
    param(
        [string] $ClaudePath
    )
    if (-not $ClaudePath -and -not (Get-Command -Name claude -CommandType Application -ErrorAction Ignore)) {
        $ClaudePath = [System.IO.Path]::Combine($PSScriptRoot, '..', 'node_modules', '.bin', 'claude')
    }
    if ($ClaudePath) { @{ ClaudePath = $ClaudePath } } else { @{} }
}

function Get-OllamaState {
    <#
    .SYNOPSIS
        Whether Ollama answers at the address (empty: OLLAMA_HOST or localhost), with its models when it does.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [string] $OllamaHost
    )
    try {
        # A model Ollama cannot describe is not the question here (-ErrorAction); a server that does not answer is.
        $models = @(Get-OllamaModel -OllamaHost $OllamaHost -ErrorAction SilentlyContinue)
        [pscustomobject]@{ Answers = $true; Models = $models }
    }
    catch {
        if ($_.FullyQualifiedErrorId -notmatch '^(OllamaNotRunning|OllamaTimeout),') { throw }
        Write-Verbose -Message "No Ollama: $($_.Exception.Message)"
        [pscustomobject]@{ Answers = $false; Models = @() }
    }
}
