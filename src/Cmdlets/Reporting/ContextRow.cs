using System;
using System.Collections.Generic;
using System.Linq;
using LocalModels.Classification;

namespace LocalModels.Reporting;

/// <summary>One model at one context length: the field report's "Context | Result | What Happened", measured.</summary>
internal sealed class ContextRow
{
    private ContextRow(string model, int contextLength, IReadOnlyList<ModelRun> runs)
    {
        Model = model;
        ContextLength = contextLength;
        Runs = runs;
        CompletedRuns = runs.Count(r => r.Completed);
        var durations = runs.Select(r => r.Duration).ToList();
        MedianTime = Median.Of(durations);
        MinTime = durations.Min();
        MaxTime = durations.Max();
        PeakContextUse = runs.Max(r => r.PeakContextUse);
        PeakPromptTokens = runs.Max(r => r.PeakPromptTokens);
        ContextOverflows = runs.Sum(r => r.ContextOverflows);
        Compactions = runs.Sum(r => r.Compactions);
        FailedCompactions = runs.Sum(r => r.FailedCompactions);
        Outcomes = runs.GroupBy(r => r.Outcome).OrderByDescending(g => g.Count()).Select(g => g.Key).ToList();
        FailureModes = runs.Where(r => r.FailureMode != FailureMode.None).Select(r => r.FailureMode).Distinct().ToList();
    }

    public string Model { get; }
    public int ContextLength { get; }
    public IReadOnlyList<ModelRun> Runs { get; }
    public int CompletedRuns { get; }
    public double SuccessRate => (double)CompletedRuns / Runs.Count;
    public TimeSpan MedianTime { get; }
    public TimeSpan MinTime { get; }
    public TimeSpan MaxTime { get; }
    public double? PeakContextUse { get; }
    public long? PeakPromptTokens { get; }
    public int ContextOverflows { get; }
    public int Compactions { get; }
    public int FailedCompactions { get; }
    public IReadOnlyList<RunOutcome> Outcomes { get; }
    public IReadOnlyList<FailureMode> FailureModes { get; }

    public string ResultText => Runs.Count == 1 ? Outcomes[0].ToString() : $"{CompletedRuns}/{Runs.Count} completed";

    public string TimeText => ReportText.DurationRange(MedianTime, MinTime, MaxTime, Runs.Count);

    public string PeakContextText =>
        PeakContextUse is null ? ReportText.Missing
        : PeakPromptTokens is { } tokens ? $"{ReportText.Percent(PeakContextUse)} ({ReportText.Integer(tokens)} tokens)"
        : ReportText.Percent(PeakContextUse);

    /// <summary>Failure modes, then what the context did: overflows and compactions, failed ones called out.</summary>
    public string WhatHappenedText
    {
        get
        {
            var parts = new List<string>();
            parts.Add(FailureModes.Count == 0 ? "Completed" : string.Join(", ", FailureModes));
            if (ContextOverflows > 0) parts.Add($"{ContextOverflows} overflow(s)");
            if (Compactions > 0) parts.Add($"{Compactions} compaction(s)" + (FailedCompactions > 0 ? $", {FailedCompactions} failed" : ""));
            return string.Join("; ", parts);
        }
    }

    /// <summary>The context table, or nothing when every run had the same context (there is nothing to compare).</summary>
    public static IReadOnlyList<ContextRow> Of(IReadOnlyList<ModelRun> runs)
    {
        var withContext = runs.Where(r => r.ContextLength is not null).ToList();
        if (withContext.Select(r => r.ContextLength).Distinct().Count() < 2) return Array.Empty<ContextRow>();
        return withContext
            .GroupBy(r => (Model: r.Model.ToLowerInvariant(), Context: r.ContextLength!.Value))
            .Select(g => new ContextRow(g.First().Model, g.Key.Context, g.ToList()))
            .OrderBy(row => row.Model, StringComparer.Ordinal).ThenBy(row => row.ContextLength)
            .ToList();
    }
}
