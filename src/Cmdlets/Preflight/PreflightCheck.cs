namespace LocalModels;

/// <summary>One check of Test-ClaudeLocal: is this machine and this model ready to run Claude Code?</summary>
public sealed class PreflightCheck
{
    public string Model { get; init; } = "";

    /// <summary>Short stable name, e.g. "OllamaReachable", "ToolsCapability", "Memory".</summary>
    public string Check { get; init; } = "";

    public PreflightStatus Status { get; init; }
    public string Message { get; init; } = "";

    /// <summary>What to do about a Warn or Fail; empty on Pass.</summary>
    public string Advice { get; init; } = "";

    public override string ToString() => $"{Status} {Check}: {Message}";
}
