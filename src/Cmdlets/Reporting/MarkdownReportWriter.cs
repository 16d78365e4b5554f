using System;
using System.Linq;
using System.Text;

namespace LocalModels.Reporting;

/// <summary>
/// The report as GitHub-flavoured Markdown: the same tables as the page, for a README or a blog post. Every value
/// from a run is escaped (<see cref="MarkdownText"/>); deliverables sit in code fences no model text can close.
/// </summary>
internal sealed class MarkdownReportWriter
{
    private readonly RunReport _report;
    private readonly string _reportDirectory;
    private readonly StringBuilder _md = new();

    private MarkdownReportWriter(RunReport report, string reportDirectory)
    {
        _report = report;
        _reportDirectory = reportDirectory;
    }

    public static string Write(RunReport report, string reportDirectory) => new MarkdownReportWriter(report, reportDirectory).Document();

    private string Document()
    {
        _md.Append("# ").Append(MarkdownText.Cell(_report.Title)).Append("\n\n");
        _md.Append(MarkdownText.Cell(_report.Scope)).Append(_report.Simulated ? " **Simulated**: " + RunReport.SimulatedNote : "").Append("\n\n");
        Summary();
        Taxonomy();
        Context();
        Compare();
        Deliverables();
        Runs();
        return _md.ToString();
    }

    private void Summary()
    {
        _md.Append("## Results summary\n\n")
            .Append(MarkdownText.Header("Model", "Completed", "Quality", "Hallucinations", "Time", "Interventions", "Peak memory", "CPU/GPU", "Tokens/s", "Failure mode")).Append('\n');
        foreach (var m in _report.Models)
            Line(Bold(m.Model), m.CompletedText, m.QualityText, m.HallucinationsText, m.TimeText, ReportText.Integer(m.Interventions),
                ReportText.Bytes(m.PeakMemoryBytes), Or(m.ProcessorSplit), ReportText.Number(m.TokensPerSecond), m.FailureText);
        _md.Append('\n');
        if (_report.Models.Any(m => m.Runs.Count > 1)) _md.Append("Time is the median run (min – max); Completed counts completed runs of all runs.\n\n");
    }

    private void Taxonomy()
    {
        _md.Append("## Failure taxonomy\n\n");
        if (_report.Taxonomy.Count == 0)
        {
            _md.Append("No run failed.\n\n");
            return;
        }
        _md.Append(MarkdownText.Header("Failure mode", "Runs", "Models", "Evidence (one run)", "Typical cause")).Append('\n');
        foreach (var row in _report.Taxonomy)
            Line(Bold(row.Mode.ToString()), ReportText.Integer(row.Count), string.Join(", ", row.Models),
                $"\"{row.Example.Evidence}\" ({row.Example.Model})", row.Cause);
        _md.Append('\n');
    }

    private void Context()
    {
        if (_report.Context.Count == 0) return;
        _md.Append("## Context length\n\n")
            .Append(MarkdownText.Header("Model", "Context", "Result", "Time", "Peak context use", "What happened")).Append('\n');
        foreach (var row in _report.Context)
            Line(row.Model, ReportText.Context(row.ContextLength), row.ResultText, row.TimeText, row.PeakContextText, row.WhatHappenedText);
        _md.Append('\n');
    }

    private void Compare()
    {
        if (_report.HeadToHead is not { } duel) return;
        _md.Append("## ").Append(MarkdownText.Cell(duel.First.Model)).Append(" vs ").Append(MarkdownText.Cell(duel.Second.Model)).Append("\n\n")
            .Append(MarkdownText.Header("Aspect", duel.First.Model, duel.Second.Model)).Append('\n');
        foreach (var (aspect, first, second) in duel.Aspects) Line(Bold(aspect), first, second);
        _md.Append('\n');
    }

    private void Deliverables()
    {
        _md.Append("## Deliverables\n\n");
        if (_report.Deliverables.Count == 0)
        {
            _md.Append("No run left a deliverable.\n\n");
            return;
        }
        _md.Append(MarkdownText.Header("Model", "Lines", "Quality", "Invented names", "Run")).Append('\n');
        foreach (var d in _report.Deliverables)
            Line(d.Model, ReportText.Integer(d.Run.DeliverableLines), d.Run.Quality == QualityGrade.None ? ReportText.Missing : d.Run.Quality.ToString(),
                d.Invented.Count == 0 ? "None" : string.Join(", ", d.Invented), d.Run.RunId);
        _md.Append('\n');
        foreach (var d in _report.Deliverables)
        {
            _md.Append("### ").Append(MarkdownText.Cell(d.Model)).Append("\n\n");
            if (d.Invented.Count > 0) _md.Append("Invented: ").Append(string.Join(", ", d.Invented.Select(name => "**" + MarkdownText.Cell(name) + "**"))).Append("\n\n");
            if (d.Text is null)
            {
                _md.Append("The file is no longer at ").Append(MarkdownText.Cell(d.Run.DeliverablePath)).Append(".\n\n");
                continue;
            }
            var fence = MarkdownText.Fence(d.Text);
            _md.Append(fence).Append("markdown\n").Append(d.Text.TrimEnd('\r', '\n'));
            if (d.Truncated) _md.Append("\n… (cut at ").Append(ReportDeliverable.MaxBytes / 1024).Append(" KB)");
            _md.Append('\n').Append(fence).Append("\n\n");
        }
    }

    private void Runs()
    {
        _md.Append("## Runs\n\n")
            .Append(MarkdownText.Header("Model", "Context", "#", "Outcome", "Failure mode", "Time", "Tool calls", "Tool sequence", "Trace")).Append('\n');
        foreach (var run in _report.OrderedRuns)
        {
            var link = ReportLinks.To(_reportDirectory, run.TracePath);
            var trace = link is null ? ReportText.Missing : "[" + MarkdownText.Cell(run.RunId.Length > 0 ? run.RunId : "trace") + "](<" + MarkdownText.Destination(link) + ">)";
            _md.Append(MarkdownText.Row(MarkdownText.Cell(run.Model), ReportText.Context(run.ContextLength), ReportText.Integer(run.Repetition), run.Outcome.ToString(),
                run.FailureMode.ToString(), MarkdownText.Cell(ReportText.Duration(run.Duration)), ReportText.Integer(run.ToolCalls), MarkdownText.Cell(run.ToolSequence), trace)).Append('\n');
        }
        _md.Append('\n');
    }

    /// <summary>Escapes every cell except those already in Markdown (bold model names).</summary>
    private void Line(params object[] cells) =>
        _md.Append(MarkdownText.Row(cells.Select(c => c is MarkdownCell markdown ? markdown.Text : MarkdownText.Cell((string)c)).ToArray())).Append('\n');

    private static MarkdownCell Bold(string text) => new("**" + MarkdownText.Cell(text) + "**");

    private static string Or(string text) => text.Length == 0 ? ReportText.Missing : text;

    private sealed record MarkdownCell(string Text);
}
