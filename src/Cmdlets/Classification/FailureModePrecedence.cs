using System;
using System.Collections.Generic;

namespace LocalModels.Classification;

/// <summary>
/// Which failure mode names a run when several apply. The rule is causal: the mode that explains the others wins.
/// <list type="number">
/// <item>NoToolSupport, EndpointError: the model never ran (or the server broke); nothing else in the trace means anything.</item>
/// <item>Cancelled: a person stopped the run; the partial trace is not a fair judgement of the model.</item>
/// <item>DiskLimit: the module stopped the run because its commands were filling the disk; whatever else the trace
/// shows was cut short by that stop.</item>
/// <item>MemoryThrash: a model that does not fit produces nothing or next to nothing; silence, stalls and timeouts follow from it.</item>
/// <item>ContextOverflow: a context too small for the conversation, found before any failed tool call and before the
/// deliverable: the model no longer saw (all of) its task, so what it did next, silence, a refusal, a stall or
/// invented content, follows from it. Found later, it is not reported as a cause.</item>
/// <item>The model tried and its tool calls failed: NestedParams, HallucinatedTools, HallucinatedParams, StuckOnSubagent.
/// A refusal, stall or give-up that follows failed tool calls is explained by those failures (cogito:14b called tools
/// that do not exist, then said it could not access the files: HallucinatedTools, not Refuses). Among them, the wrapped
/// shape causes the "missing/unexpected parameter" errors (NestedParams first); inventing tool names means the tool
/// list was not read at all, wrong parameters that the schemas were not; a bad Agent call is itself a schema failure,
/// so StuckOnSubagent comes after them.</item>
/// <item>NarratedTools: the model tried, in text instead of tool calls; a model that gave up after schema errors often
/// narrates what it meant to do (mistral-small3.2), so it ranks after them.</item>
/// <item>Silent, Refuses: the model never tried (no output at all; declined with no tool call getting anything done).</item>
/// <item>ContextStall, HallucinatedContent: the outcome-level modes of a model that could use tools: stopped without the
/// deliverable, or wrote one that is made up.</item>
/// <item>Timeout: the limit was hit and nothing in the trace says why; a symptom, so any cause found outranks it.</item>
/// </list>
/// </summary>
public static class FailureModePrecedence
{
    /// <summary>Every failure mode, highest precedence first (None is not a failure and is not listed).</summary>
    public static IReadOnlyList<FailureMode> Order { get; } = new[]
    {
        FailureMode.NoToolSupport,
        FailureMode.EndpointError,
        FailureMode.Cancelled,
        FailureMode.DiskLimit,
        FailureMode.MemoryThrash,
        FailureMode.ContextOverflow,
        FailureMode.NestedParams,
        FailureMode.HallucinatedTools,
        FailureMode.HallucinatedParams,
        FailureMode.StuckOnSubagent,
        FailureMode.NarratedTools,
        FailureMode.Silent,
        FailureMode.Refuses,
        FailureMode.ContextStall,
        FailureMode.HallucinatedContent,
        FailureMode.Timeout,
    };

    /// <summary>0 for the highest precedence; None ranks last.</summary>
    public static int Rank(FailureMode mode)
    {
        var index = Array.IndexOf((FailureMode[])Order, mode);
        return index < 0 ? int.MaxValue : index;
    }

    /// <summary>The signals ordered by precedence (stable for signals of the same mode).</summary>
    public static IReadOnlyList<FailureSignal> Sort(IEnumerable<FailureSignal> signals)
    {
        // An insertion sort: a run has a handful of signals, and this runs for every run of an import.
        var sorted = new List<FailureSignal>(signals);
        for (var i = 1; i < sorted.Count; i++)
        {
            var signal = sorted[i];
            var rank = Rank(signal.Mode);
            var j = i - 1;
            for (; j >= 0 && Rank(sorted[j].Mode) > rank; j--) sorted[j + 1] = sorted[j];
            sorted[j + 1] = signal;
        }
        return sorted;
    }
}
