using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;

namespace LocalModels.Reporting;

/// <summary>
/// What every HTML report inlines so it opens offline: Chart.js (the minified build from npm, embedded into the
/// module at build), the page's chart script and its style sheet.
/// </summary>
internal static class ReportAssets
{
    private static readonly Lazy<string> ChartJsText = new(() => Read("chart.umd.min.js"));
    private static readonly Lazy<string> ScriptText = new(() => Read("report.js"));
    private static readonly Lazy<string> StyleText = new(() => Read("report.css"));

    /// <summary>Chart.js, with its licence header as published.</summary>
    public static string ChartJs => ChartJsText.Value;

    /// <summary>Draws the charts from the page's JSON data block.</summary>
    public static string Script => ScriptText.Value;

    public static string Style => StyleText.Value;

    /// <summary>A Content-Security-Policy source for one inline script: only scripts with these exact bytes may run.</summary>
    public static string HashSource(string script)
    {
        using var sha = SHA256.Create();
        return "'sha256-" + Convert.ToBase64String(sha.ComputeHash(Encoding.UTF8.GetBytes(script))) + "'";
    }

    private static string Read(string name)
    {
        var resource = "LocalModels.Reporting." + name;
        using var stream = typeof(ReportAssets).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The module was built without its report asset {resource}.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        // Inlined verbatim, except that "</script" inside would end the element early.
        return reader.ReadToEnd().Replace("</script", "<\\/script");
    }
}
