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
    # Get-OllamaModel reports a server that does not answer as a non-terminating error, as it does a model Ollama
    # cannot describe; only the first is the question here. A bad -OllamaHost still stops the script.
    $problems = @()
    $models = @(Get-OllamaModel -OllamaHost $OllamaHost -ErrorAction SilentlyContinue -ErrorVariable problems)
    $unreachable = @($problems | Where-Object { $_.FullyQualifiedErrorId -match '^(OllamaNotRunning|OllamaTimeout),' })
    if ($unreachable.Count -gt 0) {
        Write-Verbose -Message "No Ollama: $($unreachable[0].Exception.Message)"
        return [pscustomobject]@{ Answers = $false; Models = @() }
    }
    [pscustomobject]@{ Answers = $true; Models = $models }
}
