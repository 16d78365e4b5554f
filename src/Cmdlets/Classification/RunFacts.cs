using System;
using System.Collections.Generic;
using System.Linq;
using LocalModels.Claude;
using LocalModels.Traces;

namespace LocalModels.Classification;

/// <summary>
/// Facts derived once from a trace and its context, in the terms the failure rules speak: the run's tool list,
/// exploring calls, whether the deliverable exists, what the model said per turn.
/// </summary>
internal sealed class RunFacts
{
    public RunFacts(RunTrace trace, RunContext context)
    {
        Trace = trace;
        Context = context;
        RunTools = trace.InitTools.Count == 0 ? Array.Empty<string>() : trace.InitTools.Distinct(StringComparer.Ordinal).ToList();
        // Plain loops: these run for every run of an import, often before the JIT has optimized anything.
        var mainCalls = new List<TraceToolCall>(trace.ToolCalls.Count);
        var exploring = 0;
        foreach (var call in trace.ToolCalls)
        {
            if (call.ParentToolUseId is null) mainCalls.Add(call);
            if (IsSuccessfulExploring(call)) exploring++;
        }
        MainCalls = mainCalls;
        ExploringCalls = exploring;
        var mainTexts = new List<TraceText>();
        foreach (var text in trace.Texts)
            if (text.ParentToolUseId is null && !text.IsThinking && !string.IsNullOrWhiteSpace(text.Text)) mainTexts.Add(text);
        MainTexts = mainTexts;
        DeliverableName = context.Deliverable is { Path: { Length: > 0 } path } ? System.IO.Path.GetFileName(path) : ClaudeMemoryFile.Name;
        DeliverableProduced = context.Deliverable is { } verification
            ? verification.Exists
            : trace.DeliverableWrite is { Succeeded: true } || trace.DeliverableEdit is { Succeeded: true } ? true : null;
        // By time when the trace has timestamps: a transcript's subagent files are read after the main file.
        ExploringBeforeDeliverable = (trace.DeliverableWrite ?? trace.DeliverableEdit) is { } write
            ? write.At is { } writtenAt
                ? Math.Max(write.ExploringCallsBefore, ExploringBy(trace, writtenAt))
                : write.ExploringCallsBefore
            : ExploringCalls;
        Duration = context.Duration > TimeSpan.Zero ? context.Duration : trace.Duration ?? TimeSpan.Zero;
        Interventions = Math.Max(context.Interventions, Nudges(trace, DeliverableProduced));
        ContextUse = ContextUse.Of(trace, context.ContextLength);
    }

    public RunTrace Trace { get; }
    public RunContext Context { get; }

    /// <summary>The tools the run offered (init list); empty when the trace does not say.</summary>
    public IReadOnlyList<string> RunTools { get; }

    public IReadOnlyList<TraceToolCall> MainCalls { get; }

    /// <summary>Non-empty, non-thinking main-thread texts: what the model said to the user.</summary>
    public IReadOnlyList<TraceText> MainTexts { get; }

    /// <summary>Successful Read/Bash/Glob/Grep-like calls, subagents included.</summary>
    public int ExploringCalls { get; }

    public int ExploringBeforeDeliverable { get; }

    public string DeliverableName { get; }

    /// <summary>True/false when known (a verification, or a Write of it in the trace); null when nothing says.</summary>
    public bool? DeliverableProduced { get; }

    public TimeSpan Duration { get; }

    /// <summary>Prompt sizes against the context, truncations and compactions.</summary>
    public ContextUse ContextUse { get; }

    /// <summary>Nudges such as "Continue": the runner's count, or the later prompts a transcript shows (see <see cref="Nudges"/>).</summary>
    public int Interventions { get; }

    /// <summary>
    /// The later prompts of a transcript that nudged the model toward its deliverable: those before it was written,
    /// or all when it never was. A run that owed no deliverable (a conversation in ~/.claude/projects) was not
    /// nudged by its next questions, and neither was a run by the requests that followed its deliverable.
    /// </summary>
    private static int Nudges(RunTrace trace, bool? deliverableProduced)
    {
        if (deliverableProduced is null) return 0;
        if (trace.DeliverableWrite is not { Succeeded: true } && trace.DeliverableEdit is not { Succeeded: true } || trace.DeliverableWriteTurn is not { } writtenIn)
            return trace.UserPrompts.Count;
        var before = 0;
        foreach (var prompt in trace.UserPrompts)
            if (prompt.Turn < writtenIn) before++;
        return before;
    }

    /// <summary>Finds the tools a text narrates among the run's tools and every Claude Code tool a model may know.</summary>
    public ToolNarration Narration => _narration ??= RunTools.Count == 0
        ? ToolNarration.KnownTools
        : ToolNarration.For(RunTools.Concat(ToolNames.KnownClaudeCodeTools).Distinct(StringComparer.Ordinal).ToList());

    private ToolNarration? _narration;
    private HashSet<string>? _mainCallMessages;

    /// <summary>True when the API message <paramref name="messageId"/> holds a main-thread tool call.</summary>
    public bool HasMainCallIn(string messageId)
    {
        if (_mainCallMessages is null)
        {
            _mainCallMessages = new HashSet<string>(StringComparer.Ordinal);
            foreach (var call in MainCalls)
                if (call.MessageId is { } id) _mainCallMessages.Add(id);
        }
        return _mainCallMessages.Contains(messageId);
    }

    public bool HasModelOutput => Trace.ToolCallCount > 0 || MainTexts.Count > 0;

    /// <summary>Tool calls whose input wraps the real parameters: {"tool_name": X, "parameters": {...}} and kin.</summary>
    public static bool IsNested(TraceToolCall call)
    {
        var keys = call.InputKeys;
        if (keys.Count is < 2 or > 4) return false;
        bool wrapper = false, payload = false;
        foreach (var key in keys)
        {
            if (key is "tool_name" or "name" or "tool" or "function" or "tool_code") wrapper = true;
            else if (key is "parameters" or "arguments" or "args" or "input" or "tool_input" or "params") payload = true;
            else if (key is not ("type" or "id")) return false;
        }
        return wrapper && payload;
    }

    private static bool IsSuccessfulExploring(TraceToolCall call) => call.Result is { IsError: false } && ToolNames.IsExploring(call.Name);

    /// <summary>Successful exploring calls made by <paramref name="at"/>.</summary>
    private static int ExploringBy(RunTrace trace, DateTimeOffset at)
    {
        var count = 0;
        foreach (var call in trace.ToolCalls)
            if (IsSuccessfulExploring(call) && call.At <= at) count++;
        return count;
    }

    /// <summary>"3m05s", "45s": durations as people say them, for evidence.</summary>
    public static string Say(TimeSpan duration) =>
        duration.TotalHours >= 1 ? $"{(int)duration.TotalHours}h{duration.Minutes:00}m"
        : duration.TotalMinutes >= 1 ? $"{(int)duration.TotalMinutes}m{duration.Seconds:00}s"
        : $"{Math.Max(0, (int)Math.Round(duration.TotalSeconds))}s";
}
