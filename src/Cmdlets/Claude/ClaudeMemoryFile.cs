namespace LocalModels.Claude;

/// <summary>Claude Code's project memory file: what /init writes and what the verifier checks by default.</summary>
public static class ClaudeMemoryFile
{
    public const string Name = "CLAUDE.md";
}
