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

    /// <summary>Tokens the conversation can grow by before Claude Code compacts; zero or less: none at all.</summary>
    public static int WorkingRoom(int contextLength) => contextLength - FirstRequestTokens - AutoCompactBuffer;

    /// <summary>"65,536 − 14,500 (first request) − 33,000 (auto-compact buffer) = 18,036 tokens".</summary>
    public static string Explain(int contextLength) =>
        $"{N(contextLength)} − {N(FirstRequestTokens)} (Claude Code's first request) − {N(AutoCompactBuffer)} (its auto-compact buffer) = {N(WorkingRoom(contextLength))} tokens of working room";

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
