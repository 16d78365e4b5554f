using System.Collections.Generic;
using System.Linq;
using LocalModels.Traces;

namespace LocalModels.Classification;

/// <summary>
/// Decides how a run went from its trace facts and context. Every rule in <see cref="SignalDetectors"/> runs; the
/// winner follows <see cref="FailureModePrecedence"/>; every signal found stays on the verdict. Reads facts only:
/// never the model's name, never a particular wording of our own simulator.
/// </summary>
public static class RunClassifier
{
    public static RunVerdict Classify(RunTrace trace, RunContext context) => Classify(trace, context, ClassificationThresholds.Default);

    public static RunVerdict Classify(RunTrace trace, RunContext context, ClassificationThresholds thresholds) =>
        Classify(new RunFacts(trace, context), thresholds);

    /// <summary>The verdict on facts already derived (an import reuses their context use for the run's columns).</summary>
    internal static RunVerdict Classify(RunFacts facts, ClassificationThresholds thresholds)
    {
        var signals = Detect(facts, thresholds);
        var outcome = Outcome(facts, signals);
        if (outcome == RunOutcome.Failed && signals.Count == 0) signals.Add(SignalDetectors.Fallback(facts));
        if (outcome == RunOutcome.Stopped && signals.Count == 0)
            signals.Add(new FailureSignal(FailureMode.Timeout, $"stopped after {RunFacts.Say(facts.Duration)} without a cause in the trace"));

        var sorted = FailureModePrecedence.Sort(signals);
        var mode = outcome switch
        {
            RunOutcome.Success => FailureMode.None,
            // Invented content written after the context overflowed is the overflow's doing.
            RunOutcome.CompletedWithHallucinations => Find(sorted, FailureMode.ContextOverflow) is not null ? FailureMode.ContextOverflow : FailureMode.HallucinatedContent,
            _ => sorted.Count > 0 ? sorted[0].Mode : FailureMode.None,
        };
        var evidence = mode == FailureMode.None
            ? SuccessEvidence(facts, sorted)
            : Find(sorted, mode)!.Evidence;
        return new RunVerdict(outcome, mode, sorted, evidence);
    }

    private static List<FailureSignal> Detect(RunFacts f, ClassificationThresholds t)
    {
        var signals = new List<FailureSignal>();
        signals.AddRange(SignalDetectors.Endpoint(f));
        signals.AddRange(SignalDetectors.Limits(f));
        Add(signals, SignalDetectors.MemoryThrash(f, t));
        Add(signals, SignalDetectors.ContextOverflow(f));
        Add(signals, SignalDetectors.Silent(f));
        Add(signals, SignalDetectors.Refuses(f));
        Add(signals, SignalDetectors.NestedParams(f));
        Add(signals, SignalDetectors.HallucinatedTools(f));
        Add(signals, SignalDetectors.HallucinatedParams(f));
        Add(signals, SignalDetectors.StuckOnSubagent(f));
        Add(signals, SignalDetectors.NarratedTools(f));
        Add(signals, SignalDetectors.ContextStall(f, t));
        Add(signals, SignalDetectors.HallucinatedContent(f, t));
        return signals;
    }

    private static void Add(List<FailureSignal> signals, FailureSignal? signal)
    {
        if (signal is not null && Find(signals, signal.Mode) is null) signals.Add(signal);
    }

    /// <summary>The first signal of <paramref name="mode"/>, or null.</summary>
    private static FailureSignal? Find(IReadOnlyList<FailureSignal> signals, FailureMode mode)
    {
        for (var i = 0; i < signals.Count; i++)
            if (signals[i].Mode == mode) return signals[i];
        return null;
    }

    private static RunOutcome Outcome(RunFacts f, IReadOnlyList<FailureSignal> signals)
    {
        var context = f.Context;
        if (context.Cancelled || context.TimedOut || context.StoppedBy is not null || f.Trace.FinalResult?.TerminalReason == "max_turns")
            return RunOutcome.Stopped;
        var infra = Find(signals, FailureMode.NoToolSupport) is not null || Find(signals, FailureMode.EndpointError) is not null;
        if (f.DeliverableProduced == true)
        {
            // A made-up deliverable (nothing read first, or most of it false) is no completion; a few slips are.
            if (Find(signals, FailureMode.HallucinatedContent) is { } content)
                return content.Facts.Fabricated ? RunOutcome.Failed : RunOutcome.CompletedWithHallucinations;
            return f.Interventions > 0 ? RunOutcome.CompletedAfterIntervention : RunOutcome.Success;
        }
        // No deliverable to check and nothing says it failed: a run that ended cleanly with output succeeded. A
        // compaction Claude Code carried out says nothing of the kind: it is how a long session goes on.
        var failing = signals.Count == 1 && signals[0].Mode == FailureMode.ContextOverflow && f.ContextUse.OnlyCompacted ? 0 : signals.Count;
        if (f.DeliverableProduced is null && failing == 0 && !infra && f.HasModelOutput && f.Trace.FinalResult?.IsError != true)
            return RunOutcome.Success;
        return RunOutcome.Failed;
    }

    private static string SuccessEvidence(RunFacts f, IReadOnlyList<FailureSignal> recovered)
    {
        var lines = f.Context.Deliverable is { Exists: true, Lines: > 0 } d ? $" ({d.Lines} lines)" : "";
        var what = f.DeliverableProduced == true
            ? $"wrote {f.DeliverableName}{lines} after {f.ExploringBeforeDeliverable} exploring calls"
            : $"completed with {f.Trace.ToolCallCount} tool calls";
        var also = recovered.Count > 0 ? $"; recovered from {string.Join(", ", recovered.Select(s => s.Mode).Distinct())}" : "";
        return what + also;
    }
}
