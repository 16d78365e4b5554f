using System.Globalization;

namespace LocalModels.Configuration;

/// <summary>
/// What a context leaves Claude Code 2.1.328 to work with, told the real window (CLAUDE_CODE_MAX_CONTEXT_TOKENS):
/// its first request already holds about 14.5K tokens (system prompt, tool schemas, skills), and it compacts when
/// the conversation comes within a fixed 33K buffer of the window. What is left between the two is the working room.
/// </summary>
public static class ClaudeCodeContextBudget
{
    /// <summary>Tokens in Claude Code's context before any work (its /context at start).</summary>
    public const int FirstRequestTokens = 14_500;

    /// <summary>Claude Code's auto-compact buffer: it compacts at about the window minus this.</summary>
    public const int AutoCompactBuffer = 33_000;

    /// <summary>Below this no work fits between the first request and the compaction buffer.</summary>
    public const int WorkingMinimum = FirstRequestTokens + AutoCompactBuffer;

    /// <summary>Tokens the conversation can grow by before Claude Code compacts; zero or less: none at all.</summary>
    public static int WorkingRoom(int contextLength) => contextLength - FirstRequestTokens - AutoCompactBuffer;

    /// <summary>"65,536 − 14,500 (first request) − 33,000 (auto-compact buffer) = 18,036 tokens".</summary>
    public static string Explain(int contextLength) =>
        $"{N(contextLength)} − {N(FirstRequestTokens)} (Claude Code's first request) − {N(AutoCompactBuffer)} (its auto-compact buffer) = {N(WorkingRoom(contextLength))} tokens of working room";

    /// <summary>Null when <paramref name="contextLength"/> leaves working room; otherwise why not, with the numbers.</summary>
    public static string? Shortfall(int contextLength)
    {
        if (contextLength < FirstRequestTokens)
            return $"A context of {N(contextLength)} tokens cannot hold Claude Code's first request (about {N(FirstRequestTokens)} tokens of system prompt and tool schemas): every request would be truncated.";
        if (contextLength < WorkingMinimum)
            return $"A context of {N(contextLength)} tokens leaves no room for work: Claude Code's first request takes about {N(FirstRequestTokens)} tokens and it keeps {N(AutoCompactBuffer)} free for auto-compaction, so it needs more than {N(WorkingMinimum)} (65536 is the field report's working minimum).";
        return null;
    }

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
