using System;
using System.Collections.Generic;
using System.Linq;

namespace LocalModels.Traces;

/// <summary>
/// The facts of one Claude Code run, read from its stream-json output or its session transcript: what the
/// classifier and the run metrics are computed from. Built incrementally, line by line, so a live run and a
/// saved trace give the same facts.
/// </summary>
public sealed class RunTrace
{
    public string? SessionId { get; internal set; }
    public string? Model { get; internal set; }
    public string? ClaudeCodeVersion { get; internal set; }
    public string? WorkingDirectory { get; internal set; }
    public string? PermissionMode { get; internal set; }

    /// <summary>Tool names as the init line lists them (Claude Code's own names, e.g. Task for Agent).</summary>
    public List<string> InitTools { get; } = new();

    /// <summary>Every tool call in order, main thread and subagents (see <see cref="TraceToolCall.ParentToolUseId"/>).</summary>
    public List<TraceToolCall> ToolCalls { get; } = new();

    /// <summary>Assistant text and thinking blocks in order.</summary>
    public List<TraceText> Texts { get; } = new();

    /// <summary>Plain user prompts after the first (e.g. a "Continue" nudge), as they appear in a transcript.</summary>
    public List<string> UserPrompts { get; } = new();

    /// <summary>Result lines; a background subagent can add a second one.</summary>
    public List<TraceResult> Results { get; } = new();

    /// <summary>Synthetic assistant messages reporting an API error ("API Error: 400 ...").</summary>
    public List<TraceApiError> ApiErrors { get; } = new();

    public int ApiRetries { get; internal set; }
    public int TotalLines { get; internal set; }
    public int MalformedLines { get; internal set; }

    /// <summary>Distinct assistant API messages in the main thread: the model's turns.</summary>
    public int AssistantTurns { get; internal set; }

    public DateTimeOffset? FirstEventAt { get; internal set; }
    public DateTimeOffset? LastEventAt { get; internal set; }

    /// <summary>When the model last produced content (text, thinking or a tool call).</summary>
    public DateTimeOffset? LastModelOutputAt { get; internal set; }

    public TraceResult? FinalResult => Results.Count == 0 ? null : Results[Results.Count - 1];

    public IEnumerable<TraceToolCall> MainThreadToolCalls => ToolCalls.Where(call => call.ParentToolUseId is null);

    public int ToolErrors => ToolCalls.Count(call => call.Result?.IsError == true);

    public long InputTokens => Results.Sum(r => r.InputTokens);

    public long OutputTokens => Results.Sum(r => r.OutputTokens);
}

/// <summary>One tool_use block and, once it arrives, its tool_result.</summary>
public sealed class TraceToolCall
{
    public string Id { get; internal set; } = "";
    public string Name { get; internal set; } = "";

    /// <summary>The input object as raw JSON text.</summary>
    public string InputJson { get; internal set; } = "{}";

    /// <summary>Set for calls made inside a subagent: the id of the Agent call that started it.</summary>
    public string? ParentToolUseId { get; internal set; }

    public DateTimeOffset? At { get; internal set; }
    public TraceToolResult? Result { get; internal set; }
}

public sealed record TraceToolResult(bool IsError, string Content, DateTimeOffset? At);

public sealed record TraceText(string Text, bool IsThinking, string? ParentToolUseId, string? MessageId, DateTimeOffset? At);

public sealed record TraceApiError(string Message, int? Status, string? ErrorType);

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
