using System;
using System.Collections.Generic;
using System.Linq;

namespace LocalModels.Traces;

/// <summary>
/// The facts of one Claude Code run, read from its stream-json output or its session transcript: what the
/// classifier and the run metrics are computed from. Built incrementally, line by line, so a live run and a
/// saved trace give the same facts. Memory is bounded whatever the trace size: texts and tool calls are kept up
/// to a cap (<see cref="TraceLimits"/>), and counters carry the totals beyond it.
/// </summary>
public sealed class RunTrace
{
    public TraceFormat Format { get; internal set; }
    public string? SessionId { get; internal set; }
    public string? Model { get; internal set; }
    public string? ClaudeCodeVersion { get; internal set; }
    public string? WorkingDirectory { get; internal set; }
    public string? PermissionMode { get; internal set; }

    /// <summary>Where Claude Code took its API key from (stream-json init's apiKeySource): "none" when only the module's token was used.</summary>
    public string? ApiKeySource { get; internal set; }

    /// <summary>Tool names as the init line lists them (Claude Code's own names, e.g. Task for Agent).
    /// Empty when the trace does not say (most transcripts): the classifier then treats the tool list as unknown.</summary>
    public List<string> InitTools { get; } = new();

    /// <summary>Subagent types the init line offers (e.g. Explore, general-purpose).</summary>
    public List<string> InitAgents { get; } = new();

    /// <summary>Tool calls in order, main thread and subagents (see <see cref="TraceToolCall.ParentToolUseId"/>),
    /// up to <see cref="TraceLimits.MaxKeptToolCalls"/>; <see cref="ToolCallCount"/> counts them all.</summary>
    public List<TraceToolCall> ToolCalls { get; } = new();

    /// <summary>Assistant text and thinking blocks, each cut at <see cref="TraceLimits.MaxTextChars"/>; the most recent
    /// <see cref="TraceLimits.MaxKeptTexts"/> are kept (older ones are dropped, counted in <see cref="TextBlocks"/>).</summary>
    public List<TraceText> Texts { get; } = new();

    /// <summary>The task prompt: the first plain user prompt, when the trace carries it (transcripts do).</summary>
    public string? Prompt { get; internal set; }

    /// <summary>
    /// Plain user prompts after the first, as they appear in a transcript: a "Continue" nudge, or a conversation's next
    /// request (see <see cref="TraceUserPrompt.Turn"/>).
    /// </summary>
    public List<TraceUserPrompt> UserPrompts { get; } = new();

    /// <summary>Times Claude Code re-asked after an answer with no visible output (a silent model's mark).</summary>
    public int EmptyResponseRetries { get; internal set; }

    /// <summary>Result lines; a background subagent can add a second one.</summary>
    public List<TraceResult> Results { get; } = new();

    /// <summary>Synthetic assistant messages reporting an API error ("API Error: 400 ...").</summary>
    public List<TraceApiError> ApiErrors { get; } = new();

    /// <summary>The last write of the deliverable file (CLAUDE.md by default) the trace shows, with its content.</summary>
    public TraceFileWrite? DeliverableWrite { get; internal set; }

    /// <summary>
    /// The last edit (Edit, MultiEdit) of a deliverable that already existed, as /init improves one: it shows the file
    /// is there, not all it says (Content is the edit's new text only).
    /// </summary>
    public TraceFileWrite? DeliverableEdit { get; internal set; }

    public int ApiRetries { get; internal set; }
    public int TotalLines { get; internal set; }
    public int MalformedLines { get; internal set; }

    /// <summary>Lines of kinds no verdict reads (Claude Code's bookkeeping), passed over without being parsed.</summary>
    public int SkimmedLines { get; internal set; }

    /// <summary>Lines over the reader's bounds, skipped without being read (see <see cref="TraceLimits.MaxLineBytes"/> and <see cref="TraceLimits.MaxLineTokens"/>).</summary>
    public int OversizedLines { get; internal set; }

    /// <summary>Distinct assistant API messages in the main thread: the model's turns.</summary>
    public int AssistantTurns { get; internal set; }

    /// <summary>Every tool call seen, kept or not.</summary>
    public int ToolCallCount { get; internal set; }

    /// <summary>Tool results flagged is_error.</summary>
    public int ToolErrors { get; internal set; }

    /// <summary>Every text and thinking block seen, kept or not.</summary>
    public int TextBlocks { get; internal set; }

    /// <summary>
    /// False for a session in which no model was asked anything: a transcript of local commands alone (/model,
    /// /config, /clear) or of session titles alone (summary lines), with no request, answer, result or error. Such a
    /// file holds no run to judge. A stream-json
    /// trace always asked (claude -p sends its prompt), even when the model never answered.
    /// </summary>
    public bool AskedTheModel =>
        Format != TraceFormat.Transcript || InitTools.Count > 0
        || AssistantTurns > 0 || TextBlocks > 0 || ToolCallCount > 0 || Results.Count > 0 || EmptyResponseRetries > 0 || ApiErrors.Count > 0
        || Prompt is { } prompt && !prompt.TrimStart().StartsWith("<", StringComparison.Ordinal);

    /// <summary>The final stop_reason of the last main-thread assistant message (transcripts only carry it).</summary>
    public string? LastStopReason { get; internal set; }

    public DateTimeOffset? FirstEventAt { get; internal set; }
    public DateTimeOffset? LastEventAt { get; internal set; }

    /// <summary>When the model last produced content (text, thinking or a tool call).</summary>
    public DateTimeOffset? LastModelOutputAt { get; internal set; }

    /// <summary>Token totals from per-message usage (transcripts: final usage, one count per message id).</summary>
    public long MessageInputTokens { get; internal set; }
    public long MessageOutputTokens { get; internal set; }

    /// <summary>Total duration the transcript's cost-state line reports, in milliseconds (0 when absent).</summary>
    public long CostStateDurationMs { get; internal set; }

    /// <summary>The prompt tokens each model request reported, in order (up to <see cref="TraceLimits.MaxKeptToolCalls"/>).</summary>
    public List<TracePrompt> Prompts { get; } = new();

    /// <summary>Claude Code's compactions of the conversation, successful or failed, in order.</summary>
    public List<TraceCompaction> Compactions { get; } = new();

    /// <summary>The main-thread turn during which the deliverable was last written or edited; null when it was not.</summary>
    public int? DeliverableWriteTurn { get; internal set; }

    public TraceResult? FinalResult
    {
        get => Results.Count == 0 ? null : Results[Results.Count - 1];
    }

    public IEnumerable<TraceToolCall> MainThreadToolCalls => ToolCalls.Where(call => call.ParentToolUseId is null);

    /// <summary>Input tokens: the result lines' totals, else per-message usage (a transcript, or a run cut short).</summary>
    public long InputTokens => Results.Count > 0 ? Results.Sum(r => r.InputTokens) : MessageInputTokens;

    public long OutputTokens => Results.Count > 0 ? Results.Sum(r => r.OutputTokens) : MessageOutputTokens;

    /// <summary>True when the trace has a result line (stream-json that ran to its end; transcripts never do).</summary>
    public bool HasEnded => Results.Count > 0;

    /// <summary>
    /// How long the run took by its own account: the result lines' duration_ms (summed: a background subagent adds a
    /// second result), else the transcript's cost-state total, else the span of timestamps; null when nothing says.
    /// </summary>
    public TimeSpan? Duration
    {
        get
        {
            var fromResults = Results.Sum(r => r.DurationMs);
            var span = FirstEventAt is { } first && LastEventAt is { } last && last > first ? last - first : (TimeSpan?)null;
            if (fromResults > 0) return TimeSpan.FromMilliseconds(Math.Max(fromResults, span?.TotalMilliseconds ?? 0));
            if (CostStateDurationMs > 0) return TimeSpan.FromMilliseconds(CostStateDurationMs);
            return span;
        }
    }
}

/// <summary>Which Claude Code output a trace was read from; detected per file from the lines themselves.</summary>
public enum TraceFormat
{
    Unknown,
    /// <summary><c>claude -p --output-format stream-json --verbose</c>: init and result lines, snake_case.</summary>
    StreamJson,
    /// <summary>A session transcript under ~/.claude/projects: camelCase, isSidechain, no init or result lines.</summary>
    Transcript,
}

/// <summary>One tool_use block and, once it arrives, its tool_result.</summary>
public sealed class TraceToolCall
{
    public string Id { get; internal set; } = "";
    public string Name { get; internal set; } = "";

    /// <summary>Top-level keys of the input object, in order. The values are not kept: no verdict reads them but the two below.</summary>
    public IReadOnlyList<string> InputKeys { get; internal set; } = Array.Empty<string>();

    /// <summary>
    /// For a subagent call (Agent, Task): the input's subagent_type, cut at <see cref="TraceLimits.MaxSubagentTypeChars"/>;
    /// null for other calls, or when not given as a string.
    /// </summary>
    public string? SubagentType { get; internal set; }

    /// <summary>Set for calls made inside a subagent: the id of the Agent call that started it (or "agent:&lt;id&gt;").</summary>
    public string? ParentToolUseId { get; internal set; }

    /// <summary>The API message the call belongs to (a message can hold text and several calls).</summary>
    public string? MessageId { get; internal set; }

    public DateTimeOffset? At { get; internal set; }

    /// <summary>The main-thread assistant turn (1-based) the call belongs to; for a subagent's call, the turn that started it.</summary>
    public int Turn { get; internal set; }

    public TraceToolResult? Result { get; internal set; }
}

/// <summary>One model request: its main-thread turn, the prompt tokens the server reported, and whether a subagent made it.</summary>
public sealed record TracePrompt(int Turn, long InputTokens, bool Subagent, DateTimeOffset? At);

/// <summary>
/// A compaction Claude Code ran after <paramref name="AfterTurn"/> main-thread turns: succeeded (with the prompt size
/// it started from, when the trace says), or failed with Claude Code's reason (e.g. "summarization produced empty
/// response"; "too_few_groups" means there was nothing to compact yet).
/// </summary>
public sealed record TraceCompaction(int AfterTurn, bool Succeeded, string? Error, long? PreTokens);

/// <summary>
/// A tool call's result. <paramref name="Content"/> is its text, cut at <see cref="TraceLimits.MaxToolResultChars"/>, for
/// the results verdicts read: errors, subagents' answers, and any text naming a tool Claude Code does not know
/// ("No such tool available"). A successful call's output is checked (invalid UTF-8 makes its line malformed, as
/// any text does) but not kept: Content is empty.
/// </summary>
public sealed record TraceToolResult(bool IsError, string Content, DateTimeOffset? At);

/// <summary>A user prompt after the first; Turn is how many main-thread assistant turns came before it.</summary>
public sealed record TraceUserPrompt(string Text, int Turn);

/// <summary>One text or thinking block; Turn is the main-thread assistant turn (1-based) it belongs to.</summary>
public sealed record TraceText(string Text, bool IsThinking, string? ParentToolUseId, string? MessageId, DateTimeOffset? At, int Turn = 0);

public sealed record TraceApiError(string Message, int? Status, string? ErrorType);

/// <summary>A write of the deliverable file: where, what (cut at <see cref="TraceLimits.MaxDeliverableChars"/>), and whether it succeeded.</summary>
public sealed record TraceFileWrite(string FilePath, string Content, bool Succeeded, int ExploringCallsBefore, DateTimeOffset? At = null);

/// <summary>The facts of a result line. Classify by IsError and TerminalReason, never by Subtype.</summary>
public sealed record TraceResult(
    string? Subtype,
    bool IsError,
    string? TerminalReason,
    string? StopReason,
    int NumTurns,
    long DurationMs,
    long InputTokens,
    long OutputTokens,
    string ResultText,
    int? ApiErrorStatus,
    string Errors);

/// <summary>The bounds that keep a trace's memory small whatever the file size.</summary>
public static class TraceLimits
{
    /// <summary>Lines longer than this (UTF-8 bytes) are skipped and counted, not parsed: 16 MB.</summary>
    public const int MaxLineBytes = 16 * 1024 * 1024;

    /// <summary>
    /// Lines holding more JSON names and values than this are skipped and counted too: a 16 MB line of tiny values
    /// would otherwise need hundreds of megabytes to read. Claude Code's largest lines hold a few thousand.
    /// </summary>
    public const int MaxLineTokens = 2 * 1024 * 1024;
    public const int MaxTextChars = 4000;
    public const int MaxKeptTexts = 400;
    public const int MaxKeptToolCalls = 5000;
    public const int MaxToolResultChars = 2000;

    /// <summary>A subagent call's subagent_type is cut here: types are names ("Explore", "general-purpose").</summary>
    public const int MaxSubagentTypeChars = 200;

    /// <summary>
    /// Ids and tool names a trace keeps for each call and text (tool, message and agent ids, tool names) are cut here:
    /// Claude Code's are a few dozen characters, and a hostile trace's megabyte names would otherwise be kept for each
    /// of thousands of calls. Both sides of a match (a call's id and its result's) are cut alike.
    /// </summary>
    public const int MaxIdChars = 256;
    public const int MaxDeliverableChars = 1024 * 1024;
    public const int MaxKeptPrompts = 50;

    internal static string Cut(string text, int max) => text.Length <= max ? text : text.Substring(0, max) + "…";
}
