using System.Globalization;

namespace LocalModels.Configuration;

/// <summary>
/// What Claude Code 2.1.328 needs from a model's context, measured with its /context view: its first request
/// already holds about 14.5k tokens (system prompt, tool schemas, skills), and it keeps a fixed 33k buffer free for
/// auto-compaction. Below the first number no request fits at all; below the sum no work fits before compaction.
/// </summary>
public static class ClaudeCodeContextNeeds
{
    /// <summary>Tokens in Claude Code's first request before any work.</summary>
    public const int FirstRequestTokens = 14500;

    /// <summary>The buffer Claude Code keeps free for auto-compaction.</summary>
    public const int AutoCompactBufferTokens = 33000;

    /// <summary>Below this no work fits between the first request and the compaction buffer.</summary>
    public const int WorkingMinimum = FirstRequestTokens + AutoCompactBufferTokens;

    /// <summary>Null when <paramref name="contextLength"/> is enough; otherwise why not, with the numbers.</summary>
    public static string? Shortfall(int contextLength)
    {
        var given = contextLength.ToString("N0", CultureInfo.InvariantCulture);
        if (contextLength < FirstRequestTokens)
            return $"A context of {given} tokens cannot hold Claude Code's first request (about {FirstRequestTokens:N0} tokens of system prompt and tool schemas): every request would be truncated.";
        if (contextLength < WorkingMinimum)
            return $"A context of {given} tokens leaves no room for work: Claude Code's first request takes about {FirstRequestTokens:N0} tokens and it keeps {AutoCompactBufferTokens:N0} free for auto-compaction, so it needs more than {WorkingMinimum:N0} (65536 is the field report's working minimum).";
        return null;
    }
}
