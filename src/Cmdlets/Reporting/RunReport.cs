using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using LocalModels.Errors;

namespace LocalModels.Reporting;

/// <summary>
/// Everything a report shows, computed once from the runs: the summary, the taxonomy, the context table, the
/// head-to-head, the deliverables and the charts. The HTML and Markdown writers only lay it out.
/// </summary>
internal sealed class RunReport
{
    private RunReport(string title, IReadOnlyList<ModelRun> runs, IReadOnlyList<ModelSummary> models, HeadToHead? headToHead)
    {
        Title = title;
        Runs = runs;
        Models = models;
        Taxonomy = TaxonomyRow.Of(runs);
        Context = ContextRow.Of(runs);
        HeadToHead = headToHead;
        Deliverables = ReportDeliverable.Of(models);
        Charts = ReportCharts.Of(models, Context);
        OrderedRuns = runs.OrderBy(r => r.Model, StringComparer.OrdinalIgnoreCase).ThenBy(r => r.ContextLength)
            .ThenBy(r => r.Repetition).ThenBy(r => r.StartTime).ToList();
    }

    public const string DefaultTitle = "Local models in Claude Code";

    public string Title { get; }
    public IReadOnlyList<ModelRun> Runs { get; }
    public IReadOnlyList<ModelSummary> Models { get; }
    public IReadOnlyList<TaxonomyRow> Taxonomy { get; }
    public IReadOnlyList<ContextRow> Context { get; }
    public HeadToHead? HeadToHead { get; }
    public IReadOnlyList<ReportDeliverable> Deliverables { get; }
    public IReadOnlyList<ChartSpec> Charts { get; }
    /// <summary>The runs table's order: by model, then context, then repetition.</summary>
    public IReadOnlyList<ModelRun> OrderedRuns { get; }
    /// <summary>"8 runs of 4 models, from 2026-03-01 09:15 +00:00."</summary>
    public string Scope
    {
        get
        {
            var text = $"{Runs.Count} {(Runs.Count == 1 ? "run" : "runs")} of {Models.Count} {(Models.Count == 1 ? "model" : "models")}";
            if (FirstStart is { } start && start != default) text += ", from " + start.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture);
            return text + ".";
        }
    }

    public const string SimulatedNote = "these runs used the module's Ollama simulator, not real models.";

    public bool Simulated => Runs.Count > 0 && Runs.All(r => r.Simulated);
    public DateTimeOffset? FirstStart => Runs.Count == 0 ? null : Runs.Min(r => r.StartTime);

    /// <summary>The report of <paramref name="runs"/>; <paramref name="compare"/> is null or the two models of the head-to-head (matched without regard to case).</summary>
    public static RunReport Build(IReadOnlyList<ModelRun> runs, string? title = null, IReadOnlyList<string>? compare = null)
    {
        if (runs.Count == 0)
            throw new LocalModelsException("NoRunsToReport", ErrorKind.InvalidData,
                "No ModelRun reached the report. Pipe in the output of Measure-ModelRun or Import-ModelRun (for example Import-ModelRun ./results | Export-ModelRunReport report.html).");
        var models = ModelSummary.Of(runs);
        HeadToHead? headToHead = null;
        if (compare is not null)
        {
            if (compare.Count != 2 || string.Equals(compare[0], compare[1], StringComparison.OrdinalIgnoreCase))
                throw new LocalModelsException("CompareNeedsTwoModels", ErrorKind.InvalidArgument,
                    "-Compare takes two different models, for example -Compare devstral-64k, qwen3-coder:30b.", compare);
            headToHead = new HeadToHead(Find(models, compare[0]), Find(models, compare[1]));
        }
        return new RunReport(string.IsNullOrWhiteSpace(title) ? DefaultTitle : title!.Trim(), runs, models, headToHead);
    }

    private static ModelSummary Find(IReadOnlyList<ModelSummary> models, string name) =>
        models.FirstOrDefault(m => string.Equals(m.Model, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new LocalModelsException("CompareModelNotFound", ErrorKind.ObjectNotFound,
            $"-Compare names '{name}', which none of the runs used. The runs' models are: {string.Join(", ", models.Select(m => m.Model))}.", name);
}
