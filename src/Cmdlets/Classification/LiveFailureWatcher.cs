using System;
using System.Collections.Generic;
using System.Linq;
using LocalModels.Ollama;
using LocalModels.Traces;

namespace LocalModels.Classification;

/// <summary>
/// Spots a run that has CLEARLY failed while it streams, so -StopOnFailure can end it early instead of waiting for
/// the time limit. Conservative on purpose: only failures a model does not recover from in practice (the same
/// validation error again and again, turns of narrated tool calls, a long silence, an API error). The runner calls
/// <see cref="Observe"/> after each line and on a timer; the first non-null answer is the signal to stop with.
/// </summary>
public sealed class LiveFailureWatcher
{
    private readonly DateTimeOffset _startedAt;

    public LiveFailureWatcher(DateTimeOffset startedAt) => _startedAt = startedAt;

    /// <summary>Stop when the same tool error (same tool, same message) comes back this many times. Default 3.</summary>
    public int RepeatedErrorLimit { get; set; } = 3;

    /// <summary>Stop after this many turns that narrate tool calls in text while no tool call was ever made. Default 2.</summary>
    public int NarratedTurnLimit { get; set; } = 2;

    /// <summary>Stop when the model has produced nothing for this long (since its last output, or since the start). Default 5 minutes.</summary>
    public TimeSpan NoOutputLimit { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>With the model spilled to system RAM at least <see cref="MemoryThrashCpuPercent"/>, stop after this long without output. Default 2 minutes.</summary>
    public TimeSpan MemoryThrashNoOutputLimit { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Share of the model in system RAM that counts as spilled. Default 25.</summary>
    public int MemoryThrashCpuPercent { get; set; } = 25;

    /// <summary>Returns the decisive failure signal, or null while the run may still succeed.</summary>
    public FailureSignal? Observe(RunTrace trace, DateTimeOffset now, IReadOnlyList<MemorySample> samples)
    {
        if (trace is null) throw new ArgumentNullException(nameof(trace));
        var facts = new RunFacts(trace, new RunContext { Duration = now - _startedAt, MemorySamples = samples ?? Array.Empty<MemorySample>() });

        var endpoint = SignalDetectors.Endpoint(facts).FirstOrDefault();
        if (endpoint is not null) return endpoint;

        if (RepeatedError(trace) is { } repeated) return repeated;

        if (trace.ToolCallCount == 0 && NarratingTurns(facts) >= NarratedTurnLimit && SignalDetectors.NarratedTools(facts) is { } narrated)
            return narrated;

        var lastOutput = trace.LastModelOutputAt ?? _startedAt;
        var quiet = now - lastOutput;
        var spilled = samples is { Count: > 0 } ? samples.Max(s => s.CpuPercent) : 0;
        if (spilled >= MemoryThrashCpuPercent && quiet >= MemoryThrashNoOutputLimit)
            return new FailureSignal(FailureMode.MemoryThrash,
                $"{spilled}% of the model in system RAM and no model output for {RunFacts.Say(quiet)}");
        if (quiet >= NoOutputLimit)
            return trace.LastModelOutputAt is null
                ? new FailureSignal(FailureMode.Silent, $"no model output in the first {RunFacts.Say(quiet)}")
                : new FailureSignal(FailureMode.ContextStall, $"no model output for {RunFacts.Say(quiet)} after {trace.ToolCallCount} tool calls");
        return null;
    }

    private FailureSignal? RepeatedError(RunTrace trace)
    {
        var groups = trace.ToolCalls
            .Where(c => c.Result is { IsError: true })
            .GroupBy(c => (Tool: ToolNames.Canonical(c.Name), c.Result!.Content))
            .FirstOrDefault(g => g.Count() >= RepeatedErrorLimit);
        if (groups is null) return null;
        var sample = groups.First();
        var content = sample.Result!.Content;
        var mode = RunFacts.IsNested(sample) ? FailureMode.NestedParams
            : ToolErrorText.UnknownTool(content) is not null && !ToolErrorText.IsDisabledTool(content) ? FailureMode.HallucinatedTools
            : ToolErrorText.IsValidationError(content) ? FailureMode.HallucinatedParams
            : ToolNames.IsSubagent(sample.Name) ? FailureMode.StuckOnSubagent
            : (FailureMode?)null;
        if (mode is null) return null;
        var issue = ToolErrorText.IsValidationError(content)
            ? string.Join("; ", ToolErrorText.ValidationIssues(content).Take(3))
            : TextPatterns.Short(content.Replace("<tool_use_error>", "").Replace("</tool_use_error>", ""), 100);
        return new FailureSignal(mode.Value, $"{groups.Count()} × the same error on {sample.Name}: {issue}");
    }

    private static int NarratingTurns(RunFacts facts) =>
        facts.MainTexts
            .Where(t => facts.Narration.Find(t.Text).Count > 0)
            .Select(t => t.MessageId ?? t.Text)
            .Distinct()
            .Count();
}
