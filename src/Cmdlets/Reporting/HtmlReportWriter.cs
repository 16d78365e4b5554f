using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text;
using System.Text.Json;

namespace LocalModels.Reporting;

/// <summary>
/// The report as one self-contained HTML page. Everything that came from a run is HTML-encoded; chart data travels
/// as JSON in a non-executable block; and a Content-Security-Policy lets only the page's own two scripts run and
/// fetch nothing, so even a CLAUDE.md full of markup cannot script the page or reach the network.
/// </summary>
internal sealed class HtmlReportWriter
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    private readonly RunReport _report;
    private readonly string _reportDirectory;
    private readonly StringBuilder _html = new();

    private HtmlReportWriter(RunReport report, string reportDirectory)
    {
        _report = report;
        _reportDirectory = reportDirectory;
    }

    /// <summary>The page for <paramref name="report"/>; links to traces are relative to <paramref name="reportDirectory"/>, where it is written.</summary>
    public static string Write(RunReport report, string reportDirectory) => new HtmlReportWriter(report, reportDirectory).Page();

    private string Page()
    {
        var chartJs = ReportAssets.ChartJs;
        var script = ReportAssets.Script;
        var policy = $"default-src 'none'; script-src {ReportAssets.HashSource(chartJs)} {ReportAssets.HashSource(script)}; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";
        _html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"").Append(Encode(policy)).Append("\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(Encode(_report.Title)).Append("</title>\n<style>\n").Append(ReportAssets.Style).Append("</style>\n</head>\n<body>\n");
        Header();
        Summary();
        Charts();
        Taxonomy();
        Context();
        Compare();
        Deliverables();
        RunsTable();
        _html.Append("<script type=\"application/json\" id=\"report-data\">")
            // System.Text.Json escapes <, > and & inside strings, so no value can close this element.
            .Append(JsonSerializer.Serialize(new { charts = _report.Charts }, Json))
            .Append("</script>\n<script>").Append(chartJs).Append("</script>\n<script>").Append(script).Append("</script>\n</body>\n</html>\n");
        return _html.ToString();
    }

    private void Header()
    {
        _html.Append("<header>\n<h1>").Append(Encode(_report.Title)).Append("</h1>\n<p class=\"meta\">").Append(Encode(_report.Scope)).Append("</p>\n");
        if (_report.Simulated) _html.Append("<p class=\"simulated\">Simulated: ").Append(Encode(RunReport.SimulatedNote)).Append("</p>\n");
        _html.Append("<nav><a href=\"#summary\">Summary</a><a href=\"#charts\">Charts</a><a href=\"#taxonomy\">Failure taxonomy</a>");
        if (_report.Context.Count > 0) _html.Append("<a href=\"#context\">Context length</a>");
        if (_report.HeadToHead is not null) _html.Append("<a href=\"#compare\">Head to head</a>");
        _html.Append("<a href=\"#deliverables\">Deliverables</a><a href=\"#runs\">Runs</a></nav>\n</header>\n");
    }

    private void Summary()
    {
        Section("summary", "Results summary");
        Table("summary-table", new[] { "Model", "Completed", "Quality", "Hallucinations", "Time", "Interventions", "Peak memory", "CPU/GPU", "Tokens/s", "Failure mode" },
            _report.Models.Select(m => new[]
            {
                Strong(m.Model), Encode(m.CompletedText), Encode(m.QualityText), Encode(m.HallucinationsText), Encode(m.TimeText),
                Encode(ReportText.Integer(m.Interventions)), Encode(ReportText.Bytes(m.PeakMemoryBytes)), Encode(Or(m.ProcessorSplit)),
                Encode(ReportText.Number(m.TokensPerSecond)), Encode(m.FailureText),
            }),
            _report.Models.Select(m => m.CompletedRuns == m.Runs.Count ? "completed" : m.CompletedRuns == 0 ? "failed" : ""));
        _html.Append("<p class=\"meta\">Time is the median run");
        if (_report.Models.Any(m => m.Runs.Count > 1)) _html.Append(" (min – max over repeated runs); Completed counts completed runs of all runs");
        _html.Append(". Quality grades the deliverable from its grounding and coverage.</p>\n</section>\n");
    }

    private void Charts()
    {
        Section("charts", "Charts");
        _html.Append("<div class=\"charts\">\n");
        foreach (var chart in _report.Charts.Where(c => c.Id != "chart-context")) Canvas(chart);
        _html.Append("</div>\n</section>\n");
    }

    private void Taxonomy()
    {
        Section("taxonomy", "Failure taxonomy");
        if (_report.Taxonomy.Count == 0)
        {
            _html.Append("<p>No run failed.</p>\n</section>\n");
            return;
        }
        Table("taxonomy-table", new[] { "Failure mode", "Runs", "Models", "Evidence (one run)", "Typical cause" },
            _report.Taxonomy.Select(row => new[]
            {
                Strong(row.Mode.ToString()), Encode(ReportText.Integer(row.Count)), Encode(string.Join(", ", row.Models)),
                "<q>" + Encode(row.Example.Evidence) + "</q> <span class=\"meta\">(" + Encode(row.Example.Model) + ", " + Encode(row.Example.RunId) + ")</span>",
                Encode(row.Cause),
            }),
            classes: null, cellClasses: new[] { "", "num", "", "evidence", "" });
        _html.Append("</section>\n");
    }

    private void Context()
    {
        if (_report.Context.Count == 0) return;
        Section("context", "Context length");
        Table("context-table", new[] { "Model", "Context", "Result", "Time", "Peak context use", "What happened" },
            _report.Context.Select(row => new[]
            {
                Strong(row.Model), Encode(ReportText.Context(row.ContextLength)), Encode(row.ResultText), Encode(row.TimeText),
                Encode(row.PeakContextText), Encode(row.WhatHappenedText),
            }),
            _report.Context.Select(row => row.CompletedRuns == row.Runs.Count ? "completed" : row.CompletedRuns == 0 ? "failed" : ""));
        _html.Append("<div class=\"charts\">\n");
        foreach (var chart in _report.Charts.Where(c => c.Id == "chart-context")) Canvas(chart);
        _html.Append("</div>\n</section>\n");
    }

    private void Compare()
    {
        if (_report.HeadToHead is not { } duel) return;
        Section("compare", duel.First.Model + " vs " + duel.Second.Model);
        Table("compare-table", new[] { "Aspect", duel.First.Model, duel.Second.Model }.Select(Encode).ToArray(),
            duel.Aspects.Select(a => new[] { Strong(a.Aspect), Encode(a.First), Encode(a.Second) }), headersEncoded: true);
        _html.Append("</section>\n");
    }

    private void Deliverables()
    {
        Section("deliverables", "Deliverables side by side");
        if (_report.Deliverables.Count == 0)
        {
            _html.Append("<p>No run left a deliverable.</p>\n</section>\n");
            return;
        }
        _html.Append("<p class=\"meta\">Each model's best run. <mark class=\"invented\">Marked</mark> names do not exist in the repository.</p>\n<div class=\"deliverables\">\n");
        foreach (var deliverable in _report.Deliverables)
        {
            var run = deliverable.Run;
            _html.Append("<article class=\"deliverable\" data-model=\"").Append(Encode(deliverable.Model)).Append("\">\n<h3>").Append(Encode(deliverable.Model)).Append("</h3>\n<p class=\"meta\">")
                .Append(Encode($"{run.DeliverableLines} lines · Quality {(run.Quality == QualityGrade.None ? ReportText.Missing : run.Quality.ToString())}"
                    + (run.Grounding is null ? "" : " · grounding " + ReportText.Percent(run.Grounding))
                    + (run.Coverage is null ? "" : " · coverage " + ReportText.Percent(run.Coverage))
                    + " · run " + run.RunId)).Append("</p>\n");
            if (!string.IsNullOrEmpty(run.MissingFacts)) _html.Append("<p class=\"meta\">Missing: ").Append(Encode(run.MissingFacts)).Append("</p>\n");
            if (deliverable.Invented.Count > 0)
                _html.Append("<p>Invented: ").Append(string.Join(", ", deliverable.Invented.Select(name => "<mark class=\"invented\">" + Encode(name) + "</mark>"))).Append("</p>\n");
            if (deliverable.Text is null)
            {
                _html.Append("<p>The file is no longer at <code>").Append(Encode(run.DeliverablePath)).Append("</code>.</p>\n</article>\n");
                continue;
            }
            _html.Append("<pre>");
            foreach (var (text, invented) in deliverable.Segments())
                _html.Append(invented ? "<mark class=\"invented\">" + Encode(text) + "</mark>" : Encode(text));
            if (deliverable.Truncated) _html.Append("\n… (cut at ").Append(ReportDeliverable.MaxBytes / 1024).Append(" KB)");
            _html.Append("</pre>\n</article>\n");
        }
        _html.Append("</div>\n</section>\n");
    }

    private void RunsTable()
    {
        Section("runs", "Runs");
        var runs = _report.OrderedRuns;
        Table("runs-table", new[] { "Model", "Context", "#", "Outcome", "Failure mode", "Time", "Tool calls", "Tool sequence", "Evidence", "Trace" },
            runs.Select(run =>
            {
                var link = ReportLinks.To(_reportDirectory, run.TracePath);
                return new[]
                {
                    Encode(run.Model), Encode(ReportText.Context(run.ContextLength)), Encode(ReportText.Integer(run.Repetition)), Encode(run.Outcome.ToString()),
                    Encode(run.FailureMode.ToString()), Encode(ReportText.Duration(run.Duration)), Encode(ReportText.Integer(run.ToolCalls)),
                    Encode(run.ToolSequence), Encode(run.Evidence),
                    link is null ? ReportText.Missing : "<a href=\"" + Encode(link) + "\" title=\"" + Encode(run.TracePath) + "\">" + Encode(run.RunId.Length > 0 ? run.RunId : "trace") + "</a>",
                };
            }),
            runs.Select(run => run.Completed ? "completed" : "failed"),
            new[] { "", "num", "num", "", "", "num", "num", "sequence", "evidence", "" });
        _html.Append("</section>\n");
    }

    private void Section(string id, string title) =>
        _html.Append("<section id=\"").Append(id).Append("\">\n<h2>").Append(Encode(title)).Append("</h2>\n");

    private void Canvas(ChartSpec chart) =>
        _html.Append("<figure class=\"chart\"><canvas id=\"").Append(chart.Id).Append("\" role=\"img\" aria-label=\"").Append(Encode(chart.Title)).Append("\"></canvas></figure>\n");

    /// <summary>Cells must already be encoded HTML; headers are encoded here unless <paramref name="headersEncoded"/>.</summary>
    private void Table(string id, IReadOnlyList<string> headers, IEnumerable<string[]> rows, IEnumerable<string>? classes = null,
        IReadOnlyList<string>? cellClasses = null, bool headersEncoded = false)
    {
        _html.Append("<table id=\"").Append(id).Append("\">\n<thead><tr>");
        foreach (var header in headers) _html.Append("<th>").Append(headersEncoded ? header : Encode(header)).Append("</th>");
        _html.Append("</tr></thead>\n<tbody>\n");
        using var rowClass = (classes ?? Enumerable.Empty<string>()).GetEnumerator();
        foreach (var row in rows)
        {
            var cls = rowClass.MoveNext() ? rowClass.Current : "";
            _html.Append(cls.Length > 0 ? "<tr class=\"" + cls + "\">" : "<tr>");
            for (var i = 0; i < row.Length; i++)
            {
                var cellClass = cellClasses is not null && i < cellClasses.Count ? cellClasses[i] : "";
                _html.Append(cellClass.Length > 0 ? "<td class=\"" + cellClass + "\">" : "<td>").Append(row[i]).Append("</td>");
            }
            _html.Append("</tr>\n");
        }
        _html.Append("</tbody>\n</table>\n");
    }

    private static string Strong(string text) => "<strong>" + Encode(text) + "</strong>";

    private static string Or(string text) => text.Length == 0 ? ReportText.Missing : text;

    /// <summary>HTML-encodes text for element content and quoted attributes (&lt; &gt; &amp; &quot; &#39;).</summary>
    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
