namespace LocalModels.Reporting;

/// <summary>The kinds of report Export-ModelRunReport writes.</summary>
public enum ReportFormat
{
    /// <summary>One self-contained page: tables, charts (Chart.js, inlined) and the deliverables side by side.</summary>
    Html,

    /// <summary>GitHub-flavoured Markdown: the same tables, for a README or a blog post (no charts).</summary>
    Markdown,
}
