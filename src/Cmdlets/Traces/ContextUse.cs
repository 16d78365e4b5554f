using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace LocalModels.Traces;

/// <summary>
/// How a run used the model's context, from the prompt tokens each request reported and Claude Code's own context
/// lines. Past num_ctx Ollama does not fail: it drops the oldest messages (or cuts the prompt) and reports only what
/// it kept, so a prompt at <see cref="TruncationShare"/> of the context or more is where it was truncating. Claude Code
/// compacts when its window fills, and stops when a prompt cannot fit at all ("Prompt is too long", terminal reason
/// blocking_limit) or when compaction keeps refilling (rapid_refill_breaker).
/// </summary>
public sealed class ContextUse
{
    /// <summary>A prompt this close to the context (or over it) was truncated by the server.</summary>
    public const double TruncationShare = 0.95;

    /// <summary>Claude Code's synthetic answer when a prompt does not fit its window.</summary>
    public const string PromptTooLong = "Prompt is too long";

    /// <summary>Claude Code's synthetic answer when compaction frees no room (terminal reason rapid_refill_breaker).</summary>
    public const string CompactionThrashing = "Autocompact is thrashing";

    /// <summary>Claude Code's compaction error when there is nothing to compact yet: not a failure of the model.</summary>
    public const string NothingToCompact = "too_few_groups";

    private ContextUse(IReadOnlyList<ContextEvent> events, long? peak, int? contextLength, int compactions, int failedCompactions)
    {
        Events = events;
        PeakPromptTokens = peak;
        ContextLength = contextLength;
        Compactions = compactions;
        FailedCompactions = failedCompactions;
    }

    /// <summary>The largest prompt any request reported; null when the trace has no usage.</summary>
    public long? PeakPromptTokens { get; }

    /// <summary>The context the model ran with (loaded, else configured); null when unknown.</summary>
    public int? ContextLength { get; }

    /// <summary>PeakPromptTokens as a share of ContextLength (0..1, rounded to 3 places); null when either is unknown.</summary>
    public double? PeakContextUse => PeakPromptTokens is { } peak && ContextLength is > 0 ? Math.Round((double)peak / ContextLength.Value, 3) : null;

    /// <summary>Requests the server truncated, plus a prompt Claude Code refused to send.</summary>
    public int Overflows => Events.Count(e => e.Kind is ContextEventKind.Truncated or ContextEventKind.PromptTooLong);

    /// <summary>Successful compactions.</summary>
    public int Compactions { get; }

    /// <summary>Compactions whose summary failed (an empty answer, a tool call); not "nothing to compact yet".</summary>
    public int FailedCompactions { get; }

    /// <summary>Every context event, in trace order.</summary>
    public IReadOnlyList<ContextEvent> Events { get; }

    /// <summary>
    /// True when every event was a compaction Claude Code carried out: the conversation went on from a summary, as a
    /// long session does by design, and nothing was lost unseen or refused.
    /// </summary>
    public bool OnlyCompacted => Events.Count > 0 && Events.All(e => e.Kind == ContextEventKind.Compacted);

    /// <summary>The first event that meant the model no longer saw the whole conversation, or null.</summary>
    public ContextEvent? First => Events.Count == 0 ? null : Events.OrderBy(e => e.Turn).First();

    /// <summary>True for Claude Code's own "the prompt does not fit" answer (not an endpoint failure).</summary>
    public static bool IsPromptTooLong(TraceApiError error) =>
        error.Status is null && error.Message.TrimStart().StartsWith(PromptTooLong, StringComparison.Ordinal);

    /// <summary>True for Claude Code's own context answers (too long, compaction thrashing): context verdicts, not endpoint failures.</summary>
    public static bool IsContextMessage(TraceApiError error) =>
        IsPromptTooLong(error) || error.Status is null && error.Message.TrimStart().StartsWith(CompactionThrashing, StringComparison.Ordinal);

    /// <summary>Reads the context use of <paramref name="trace"/> against <paramref name="contextLength"/> (null: unknown).</summary>
    public static ContextUse Of(RunTrace trace, int? contextLength)
    {
        var events = new List<ContextEvent>();
        var window = contextLength is > 0 ? contextLength : null;
        if (window is { } context)
        {
            foreach (var prompt in trace.Prompts.Where(p => p.InputTokens >= context * TruncationShare))
                events.Add(new ContextEvent(ContextEventKind.Truncated, Math.Max(1, prompt.Turn), prompt.InputTokens, context, prompt.Subagent ? "subagent" : null));
        }
        foreach (var compaction in trace.Compactions.Where(c => c.Succeeded || c.Error != NothingToCompact))
            events.Add(new ContextEvent(compaction.Succeeded ? ContextEventKind.Compacted : ContextEventKind.CompactionFailed,
                compaction.AfterTurn, compaction.PreTokens, window, compaction.Error));
        var final = trace.FinalResult;
        var tooLong = trace.ApiErrors.Any(IsPromptTooLong) || final?.TerminalReason == "blocking_limit";
        if (tooLong)
            events.Add(new ContextEvent(ContextEventKind.PromptTooLong, trace.AssistantTurns + 1, null, window, final?.TerminalReason));
        if (final?.TerminalReason == "rapid_refill_breaker")
            events.Add(new ContextEvent(ContextEventKind.CompactionThrashing, trace.AssistantTurns, null, window, final.TerminalReason));

        // The largest prompt, 0 read as unknown; a loop, as this runs once per imported run.
        long? peak = null;
        foreach (var prompt in trace.Prompts)
            if (peak is null || prompt.InputTokens > peak) peak = prompt.InputTokens;
        if (peak == 0) peak = null;
        return new ContextUse(events, peak, window,
            trace.Compactions.Count(c => c.Succeeded),
            trace.Compactions.Count(c => !c.Succeeded && c.Error != NothingToCompact));
    }

    /// <summary>One line naming the turn: "turn 3: prompt 16,380 of 16,384 tokens, the oldest messages were dropped".</summary>
    public static string Describe(ContextEvent e)
    {
        var of = e.ContextLength is { } c ? $" of {N(c)}" : "";
        return e.Kind switch
        {
            ContextEventKind.Truncated => $"turn {e.Turn}: {(e.Detail == "subagent" ? "a subagent's " : "")}prompt {N(e.PromptTokens ?? 0)}{of} tokens, the oldest messages were dropped",
            ContextEventKind.PromptTooLong => $"turn {e.Turn}: Claude Code's prompt did not fit its {(e.ContextLength is { } w ? N(w) + "-token " : "")}window (\"{PromptTooLong}\"), nothing was sent",
            ContextEventKind.Compacted => $"turn {e.Turn}: Claude Code compacted the conversation{(e.PromptTokens is { } p ? $" at {N(p)}{of} tokens" : "")}, the model went on from a summary",
            ContextEventKind.CompactionFailed => $"turn {e.Turn}: compaction failed ({e.Detail ?? "no summary"})",
            _ => $"turn {e.Turn}: compaction kept refilling the context ({e.Detail})",
        };
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}

/// <summary>What happened to the context at one turn.</summary>
public enum ContextEventKind
{
    /// <summary>The server reported a prompt at the context's size: it dropped messages or cut the prompt.</summary>
    Truncated,
    /// <summary>Claude Code refused to send a prompt larger than its window (blocking_limit).</summary>
    PromptTooLong,
    /// <summary>Claude Code replaced the conversation with the model's summary.</summary>
    Compacted,
    /// <summary>The model's summary was empty or a tool call.</summary>
    CompactionFailed,
    /// <summary>Claude Code stopped because compaction did not free room (rapid_refill_breaker).</summary>
    CompactionThrashing,
}

/// <summary>A context event's facts: kind, main-thread turn, prompt tokens and context when known.</summary>
public sealed record ContextEvent(ContextEventKind Kind, int Turn, long? PromptTokens, int? ContextLength, string? Detail);
