using System;
using System.Collections.Generic;
using System.Linq;
using LocalModels.Classification;

namespace LocalModels.Reporting;

/// <summary>One model's row of the Results Summary: its runs reduced to the field report's columns.</summary>
internal sealed class ModelSummary
{
    private ModelSummary(string model, IReadOnlyList<ModelRun> runs)
    {
        Model = model;
        Runs = runs;
        var durations = runs.Select(r => r.Duration).ToList();
        MedianTime = Median.Of(durations);
        MinTime = durations.Min();
        MaxTime = durations.Max();
        CompletedRuns = runs.Count(r => r.Completed);
        var grades = runs.Select(r => r.Quality).Where(g => g != QualityGrade.None).ToList();
        Quality = Median.Lower(grades) ?? QualityGrade.None;
        LowestQuality = grades.Count > 0 ? grades.Min() : QualityGrade.None;
        HighestQuality = grades.Count > 0 ? grades.Max() : QualityGrade.None;
        Hallucinations = runs.Sum(r => r.Hallucinations);
        RunsWithHallucinations = runs.Count(r => r.Hallucinations > 0);
        Interventions = runs.Sum(r => r.Interventions);
        var peak = runs.Where(r => r.MemoryBytes is not null).OrderByDescending(r => r.MemoryBytes).FirstOrDefault();
        PeakMemoryBytes = peak?.MemoryBytes;
        ProcessorSplit = peak?.Processor ?? "";
        TokensPerSecond = Median.Of(runs.Where(r => r.OutputTokensPerSecond is not null).Select(r => r.OutputTokensPerSecond!.Value));
        OutputLines = Median.Of(runs.Where(r => r.DeliverableExists).Select(r => (double)r.DeliverableLines));
        ToolCalls = Median.Of(runs.Select(r => (double)r.ToolCalls)) ?? 0;
        ToolErrors = runs.Sum(r => r.ToolErrors);
        FailureModes = runs.Where(r => r.FailureMode != FailureMode.None)
            .GroupBy(r => r.FailureMode).OrderByDescending(g => g.Count()).ThenBy(g => g.Key)
            .Select(g => g.Key).ToList();
        Signals = runs.SelectMany(r => r.Signals.Split(new[] { ", " }, StringSplitOptions.RemoveEmptyEntries))
            .Distinct().ToList();
    }

    public string Model { get; }
    public IReadOnlyList<ModelRun> Runs { get; }
    public int CompletedRuns { get; }
    public double SuccessRate => Runs.Count == 0 ? 0 : (double)CompletedRuns / Runs.Count;
    public TimeSpan MedianTime { get; }
    public TimeSpan MinTime { get; }
    public TimeSpan MaxTime { get; }
    public QualityGrade Quality { get; }
    public QualityGrade LowestQuality { get; }
    public QualityGrade HighestQuality { get; }
    public int Hallucinations { get; }
    public int RunsWithHallucinations { get; }
    public int Interventions { get; }
    public long? PeakMemoryBytes { get; }
    /// <summary>Where the model sat at its peak, as `ollama ps` says it: "100% GPU", "41%/59% CPU/GPU".</summary>
    public string ProcessorSplit { get; }
    public double? TokensPerSecond { get; }
    public double? OutputLines { get; }
    public double ToolCalls { get; }
    public int ToolErrors { get; }
    /// <summary>The failure modes its runs ended in, most frequent first.</summary>
    public IReadOnlyList<FailureMode> FailureModes { get; }
    /// <summary>Every mode any run showed signs of, winning or not (tool confusion shows here).</summary>
    public IReadOnlyList<string> Signals { get; }

    public string CompletedText => Runs.Count == 1 ? (CompletedRuns == 1 ? "Yes" : "No") : $"{CompletedRuns}/{Runs.Count}";

    public string QualityText =>
        Quality == QualityGrade.None ? ReportText.Missing
        : LowestQuality != HighestQuality ? $"{Quality} ({LowestQuality} – {HighestQuality})"
        : Quality.ToString();

    public string HallucinationsText =>
        Hallucinations == 0 ? "None"
        : Runs.Count == 1 ? ReportText.Integer(Hallucinations)
        : $"{Hallucinations} in {RunsWithHallucinations}/{Runs.Count} runs";

    public string TimeText => ReportText.DurationRange(MedianTime, MinTime, MaxTime, Runs.Count);

    public string FailureText => FailureModes.Count == 0 ? "None" : string.Join(", ", FailureModes);

    public static IReadOnlyList<ModelSummary> Of(IEnumerable<ModelRun> runs) =>
        runs.GroupBy(r => r.Model, StringComparer.OrdinalIgnoreCase)
            .Select(g => new ModelSummary(g.First().Model, g.ToList()))
            // Best first, as the field report ranks them: most completions, then quality, then speed.
            .OrderByDescending(s => s.SuccessRate).ThenByDescending(s => s.Quality).ThenBy(s => s.MedianTime)
            .ThenBy(s => s.Model, StringComparer.Ordinal)
            .ToList();
}
