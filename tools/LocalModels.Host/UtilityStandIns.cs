namespace LocalModels.Host;

/// <summary>
/// Minimal stand-ins for the Microsoft.PowerShell.Utility cmdlets the examples use, which the NuGet engine does not
/// carry. Real pwsh has the real cmdlets; this host is only the fallback on machines without pwsh.
/// </summary>
internal static class UtilityStandIns
{
    public static readonly (string Name, string Body)[] Functions =
    {
        ("Write-Host", "param([Parameter(ValueFromRemainingArguments)]$Object, $ForegroundColor, [switch]$NoNewline) $Host.UI.WriteLine(($Object -join ' '))"),
        ("Write-Warning", "[CmdletBinding()] param([Parameter(Position = 0)][string]$Message) $PSCmdlet.WriteWarning($Message)"),
        ("Write-Information", "[CmdletBinding()] param([Parameter(Position = 0)][Alias('Msg')][object]$MessageData, [string[]]$Tags) $Host.UI.WriteLine([string]$MessageData)"),
        ("Write-Verbose", "[CmdletBinding()] param([Parameter(Position = 0)][string]$Message) $PSCmdlet.WriteVerbose($Message)"),
    };
}
