using System;
using System.IO;

namespace LocalModels.Reporting;

/// <summary>Which format a report path asks for by its extension.</summary>
public static class ReportFormats
{
    /// <summary>Html for .html/.htm, Markdown for .md/.markdown; null when the extension says neither.</summary>
    public static ReportFormat? FromPath(string path) =>
        Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".html" or ".htm" => ReportFormat.Html,
            ".md" or ".markdown" => ReportFormat.Markdown,
            _ => null,
        };
}
