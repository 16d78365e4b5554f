using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using LocalModels.Errors;

namespace LocalModels.Reporting;

/// <summary>Writes a report of runs to a file in the format asked for.</summary>
public static class ReportFile
{
    /// <summary>Builds the report and writes it to <paramref name="path"/> whole (a reader never sees half a page).</summary>
    /// <remarks><paramref name="compare"/> is null, or the two models of the head-to-head.</remarks>
    public static void Write(IReadOnlyList<ModelRun> runs, string path, ReportFormat format, string? title = null, IReadOnlyList<string>? compare = null)
    {
        var report = RunReport.Build(runs, title, compare);
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full) ?? ".";
        var text = format == ReportFormat.Html ? HtmlReportWriter.Write(report, directory) : MarkdownReportWriter.Write(report, directory);
        var temporary = full + ".tmp-" + Guid.NewGuid().ToString("N").Substring(0, 8);
        try
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(temporary, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            if (File.Exists(full)) File.Replace(temporary, full, null);
            else File.Move(temporary, full);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            throw new LocalModelsException("ReportNotWritten", ErrorKind.PermissionDenied,
                $"The report could not be written to '{full}': {ex.Message} Choose a folder you can write to.", path, ex);
        }
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
