namespace LocalModels.Claude;

/// <summary>A Claude Code executable found on this machine and what `claude --version` printed (null if it would not say).</summary>
public sealed record ClaudeInstallation(string Path, string? Version);
