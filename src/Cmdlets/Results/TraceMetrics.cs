using System;
using System.Collections.Generic;
using System.Linq;
using LocalModels.Classification;
using LocalModels.Traces;
using LocalModels.Verification;

namespace LocalModels.Results;

/// <summary>
/// The one mapping from a trace, a deliverable check and a verdict to a <see cref="ModelRun"/>'s measured columns.
/// Measure-ModelRun and Import-ModelRun both fill ModelRun through it, so a live run and an imported trace of the
/// same run give the same numbers.
/// </summary>
public static class TraceMetrics
{
    /// <summary>Sequences longer than this are shortened: repeats folded ("Read ×5"), then the middle elided.</summary>
    public const int MaxSequenceSteps = 40;

    /// <summary>
    /// Fills the trace-derived columns: Model (when empty), Turns, ToolCalls, ToolSequence, ToolErrors, ToolSet, tokens,
    /// tok/s, Duration (when <paramref name="duration"/> is null: from the trace), ExitReason, IsError, ErrorMessage,
    /// ClaudeCodeVersion, SessionId, StartTime (when unset).
    /// </summary>
    public static void ApplyTrace(ModelRun run, RunTrace trace, TimeSpan? duration = null)
    {
        if (string.IsNullOrEmpty(run.Model)) run.Model = trace.Model ?? "";
        var final = trace.FinalResult;
        var resultTurns = 0;
        foreach (var result in trace.Results) resultTurns = checked(resultTurns + result.NumTurns);
        run.Turns = Math.Max(trace.AssistantTurns, resultTurns);
        run.ToolCalls = trace.ToolCallCount;
        run.ToolSequence = ToolSequence(trace);
        run.ToolErrors = trace.ToolErrors;
        run.ToolSet = string.Join(",", trace.InitTools);
        run.InputTokens = trace.InputTokens;
        run.OutputTokens = trace.OutputTokens;
        var measured = duration ?? trace.Duration;
        if (measured is { } d) run.Duration = d;
        run.OutputTokensPerSecond = run.Duration.TotalSeconds > 0 && run.OutputTokens > 0
            ? Math.Round(run.OutputTokens / run.Duration.TotalSeconds, 2)
            : null;
        run.ExitReason = final?.TerminalReason ?? (trace.ApiErrors.Count > 0 ? "api_error" : trace.LastStopReason ?? "");
        run.IsError = final?.IsError ?? trace.ApiErrors.Count > 0;
        run.ErrorMessage = ErrorMessage(trace);
        run.ClaudeCodeVersion = trace.ClaudeCodeVersion ?? "";
        run.SessionId = trace.SessionId ?? "";
        if (run.StartTime == default && trace.FirstEventAt is { } start) run.StartTime = start;
    }

    /// <summary>
    /// Fills PeakPromptTokens, PeakContextUse, ContextOverflows, Compactions, FailedCompactions; the context is the
    /// one the model ran with (loaded, else configured), null when unknown.
    /// </summary>
    public static void ApplyContext(ModelRun run, RunTrace trace, int? contextLength) => ApplyContext(run, ContextUse.Of(trace, contextLength));

    /// <summary>Fills the same columns from a context use already read (the classifier's, on import).</summary>
    internal static void ApplyContext(ModelRun run, ContextUse use)
    {
        run.PeakPromptTokens = use.PeakPromptTokens;
        run.PeakContextUse = use.PeakContextUse;
        run.ContextOverflows = use.Overflows;
        run.Compactions = use.Compactions;
        run.FailedCompactions = use.FailedCompactions;
    }

    /// <summary>
    /// Fills DeliverablePath, DeliverableExists, DeliverableLines, Hallucinations, HallucinationList, and the grade:
    /// Quality, Grounding, Coverage, CoveredFacts, MissingFacts (None and empty when there was no repository to
    /// measure against).
    /// </summary>
    public static void ApplyDeliverable(ModelRun run, DeliverableVerification? deliverable)
    {
        if (deliverable is null) return;
        run.DeliverablePath = deliverable.Path;
        run.DeliverableExists = deliverable.Exists;
        run.DeliverableLines = deliverable.Lines;
        run.Hallucinations = deliverable.Hallucinations.Count;
        run.HallucinationList = string.Join("; ", deliverable.Hallucinations);
        var quality = deliverable.Exists ? deliverable.Quality ?? QualityMeasure.NoDeliverable : QualityMeasure.NoDeliverable;
        run.Quality = quality.Grade;
        run.Grounding = quality.Grounding;
        run.Coverage = quality.Coverage;
        run.CoveredFacts = string.Join("; ", quality.CoveredFacts);
        run.MissingFacts = string.Join("; ", quality.MissingFacts);
    }

    /// <summary>Fills Outcome, FailureMode, Signals (modes joined by ", "), Evidence, Completed.</summary>
    public static void ApplyVerdict(ModelRun run, RunVerdict verdict)
    {
        run.Outcome = verdict.Outcome;
        run.FailureMode = verdict.FailureMode;
        // Names, not a list of modes: generic code over an enum is compiled afresh in every process, unoptimized.
        var names = new List<string>(verdict.Signals.Count);
        foreach (var signal in verdict.Signals)
        {
            var name = ModeName(signal.Mode);
            if (!names.Contains(name)) names.Add(name);
        }
        run.Signals = names.Count switch
        {
            0 => "",
            1 => names[0],
            _ => string.Join(", ", names),
        };
        run.Evidence = verdict.Evidence;
        run.Completed = verdict.Outcome is RunOutcome.Success or RunOutcome.CompletedAfterIntervention or RunOutcome.CompletedWithHallucinations;
    }

    /// <summary>
    /// The mode's name, one string per mode: most runs have one signal, and an import of thousands formatted an enum
    /// for each and kept a copy of its name per run.
    /// </summary>
    private static string ModeName(FailureMode mode) =>
        (int)mode >= 0 && (int)mode < ModeNames.Length ? ModeNames[(int)mode] : mode.ToString();

    private static readonly string[] ModeNames = NamesByValue();

    // A loop over the non-generic list: LINQ over the enum's values is generic code compiled afresh in every process.
    private static string[] NamesByValue()
    {
        var last = 0;
        foreach (FailureMode mode in Enum.GetValues(typeof(FailureMode))) last = Math.Max(last, (int)mode);
        var names = new string[last + 1];
        for (var value = 0; value <= last; value++) names[value] = ((FailureMode)value).ToString();
        return names;
    }

    /// <summary>Main-thread tool names in order, "Bash → Read → Write"; long runs fold repeats ("Read ×5").</summary>
    public static string ToolSequence(RunTrace trace)
    {
        var names = new List<string>(trace.ToolCalls.Count);
        foreach (var call in trace.ToolCalls)
            if (call.ParentToolUseId is null) names.Add(call.Name);
        var more = trace.ToolCallCount - trace.ToolCalls.Count;
        if (names.Count <= MaxSequenceSteps && more <= 0) return string.Join(" → ", names);
        var folded = new List<string>();
        for (var i = 0; i < names.Count;)
        {
            var j = i;
            while (j < names.Count && names[j] == names[i]) j++;
            folded.Add(j - i > 1 ? $"{names[i]} ×{j - i}" : names[i]);
            i = j;
        }
        if (folded.Count > MaxSequenceSteps)
        {
            var head = folded.Take(MaxSequenceSteps / 2);
            var tail = folded.Skip(folded.Count - MaxSequenceSteps / 2);
            folded = head.Concat(new[] { $"… {folded.Count - MaxSequenceSteps} more …" }).Concat(tail).ToList();
        }
        if (more > 0) folded.Add($"… +{more} calls not kept");
        return string.Join(" → ", folded);
    }

    private static string ErrorMessage(RunTrace trace)
    {
        if (trace.ApiErrors.Count > 0) return TextPatterns.Short(trace.ApiErrors[trace.ApiErrors.Count - 1].Message, 300);
        if (trace.FinalResult is { IsError: true } result)
            return TextPatterns.Short(result.Errors.Length > 0 ? result.Errors : result.ResultText, 300);
        return "";
    }
}
