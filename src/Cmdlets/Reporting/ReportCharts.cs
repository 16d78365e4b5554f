using System;
using System.Collections.Generic;
using System.Linq;
using LocalModels.Classification;

namespace LocalModels.Reporting;

/// <summary>The report's charts: time and tokens/s per model, outcomes per model, and by context when it varies.</summary>
internal static class ReportCharts
{
    public static IReadOnlyList<ChartSpec> Of(IReadOnlyList<ModelSummary> models, IReadOnlyList<ContextRow> context)
    {
        var labels = models.Select(m => m.Model).ToList();
        var charts = new List<ChartSpec>
        {
            new()
            {
                Id = "chart-time",
                Title = "Time per model (median, min, max)",
                Labels = labels,
                YTitle = "seconds",
                Datasets = new[]
                {
                    Series("median", models.Select(m => (double?)m.MedianTime.TotalSeconds)),
                    Series("min", models.Select(m => (double?)m.MinTime.TotalSeconds)),
                    Series("max", models.Select(m => (double?)m.MaxTime.TotalSeconds)),
                },
            },
            new()
            {
                Id = "chart-tokens",
                Title = "Output tokens per second (median)",
                Labels = labels,
                YTitle = "tokens/s",
                Datasets = new[] { Series("tokens/s", models.Select(m => m.TokensPerSecond)) },
            },
            new()
            {
                Id = "chart-outcome",
                Title = "Outcome per model",
                Labels = labels,
                Stacked = true,
                YTitle = "runs",
                Datasets = Enum.GetValues(typeof(RunOutcome)).Cast<RunOutcome>()
                    .Where(outcome => models.Any(m => m.Runs.Any(r => r.Outcome == outcome)))
                    .Select(outcome =>
                    {
                        var series = Series(outcome.ToString(), models.Select(m => (double?)m.Runs.Count(r => r.Outcome == outcome)));
                        series.Color = OutcomeColor(outcome);
                        return series;
                    })
                    .ToList(),
            },
        };
        if (context.Count > 0) charts.Add(Context(context));
        return charts;
    }

    /// <summary>Per context length: each model's completed share (bars) and its peak context use (lines, right axis).</summary>
    private static ChartSpec Context(IReadOnlyList<ContextRow> rows)
    {
        var contexts = rows.Select(r => r.ContextLength).Distinct().OrderBy(c => c).ToList();
        var models = rows.Select(r => r.Model).Distinct(StringComparer.Ordinal).ToList();
        ContextRow? At(string model, int context) => rows.FirstOrDefault(r => r.Model == model && r.ContextLength == context);
        var datasets = models.Select(model => Series(model + ": completed %", contexts.Select(c => At(model, c)?.SuccessRate * 100))).ToList();
        datasets.AddRange(models
            .Where(model => rows.Any(r => r.Model == model && r.PeakContextUse is not null))
            .Select(model => new ChartSeries
            {
                Label = model + ": peak context use %",
                Data = contexts.Select(c => At(model, c)?.PeakContextUse * 100).ToList(),
                Type = "line",
                YAxisId = "y2",
            }));
        return new ChartSpec
        {
            Id = "chart-context",
            Title = "Outcome and context use by context length",
            Labels = contexts.Select(c => ReportText.Context(c)).ToList(),
            XTitle = "context length",
            YTitle = "completed %",
            Y2Title = datasets.Any(d => d.YAxisId == "y2") ? "peak context use %" : "",
            Datasets = datasets,
        };
    }

    private static string OutcomeColor(RunOutcome outcome) => outcome switch
    {
        RunOutcome.Success => "#2e7d32",
        RunOutcome.CompletedAfterIntervention => "#9ccc65",
        RunOutcome.CompletedWithHallucinations => "#f9a825",
        RunOutcome.Failed => "#c62828",
        _ => "#757575",
    };

    private static ChartSeries Series(string label, IEnumerable<double?> data) => new() { Label = label, Data = data.ToList() };
}
