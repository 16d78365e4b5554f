using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using LocalModels.Errors;
using LocalModels.Reporting;

namespace LocalModels.Commands;

/// <summary>
/// Writes the report a person would publish from ModelRun objects: an HTML page with charts, or GitHub-flavoured
/// Markdown, chosen by the path's extension or -Format.
/// </summary>
[Cmdlet(VerbsData.Export, "ModelRunReport", SupportsShouldProcess = true, DefaultParameterSetName = PathSet)]
[OutputType(typeof(FileInfo))]
public sealed class ExportModelRunReportCommand : LocalModelsCmdlet
{
    private const string PathSet = "Path";
    private const string LiteralPathSet = "LiteralPath";

    /// <summary>The report file: .html or .md (or any name with -Format). A wildcard may name one existing file.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    /// <summary>The report file, taken exactly as written.</summary>
    [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet)]
    [Alias("PSPath", "LP")]
    [ValidateNotNullOrEmpty]
    public string LiteralPath { get; set; } = "";

    /// <summary>The runs: Measure-ModelRun or Import-ModelRun output.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNull]
    public ModelRun[] InputObject { get; set; } = System.Array.Empty<ModelRun>();

    /// <summary>Html or Markdown; by default the path's extension decides.</summary>
    [Parameter]
    public ReportFormat? Format { get; set; }

    /// <summary>Two models for a head-to-head table.</summary>
    [Parameter]
    [ValidateCount(2, 2)]
    [ValidateNotNullOrEmpty]
    public string[]? Compare { get; set; }

    /// <summary>The report's heading.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Title { get; set; }

    /// <summary>Emits the written file.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    private readonly List<ModelRun> _runs = new();
    private string _path = "";
    private ReportFormat _format;

    protected override void BeginProcessing()
    {
        var given = ParameterSetName == LiteralPathSet ? LiteralPath : Path;
        _path = ParameterSetName == LiteralPathSet ? GetUnresolvedProviderPathFromPSPath(LiteralPath) : ResolveWildcardPath(Path);
        var format = Format ?? ReportFormats.FromPath(_path);
        if (format is null)
            ThrowTerminating("ReportFormatUnknown", ErrorKind.InvalidArgument,
                $"'{given}' ends in neither .html nor .md. Name the file report.html or report.md, or add -Format Html or -Format Markdown.", given);
        _format = format!.Value;
        if (Directory.Exists(_path))
            ThrowTerminating("ReportPathIsDirectory", ErrorKind.InvalidArgument,
                $"'{_path}' is a directory. Give the report a file name inside it, for example {System.IO.Path.Combine(given, "report.html")}.", given);
    }

    /// <summary>Like Export-Csv: a wildcard that matches one existing file names it; one that matches none is a new name.</summary>
    private string ResolveWildcardPath(string path)
    {
        if (!WildcardPattern.ContainsWildcardCharacters(path)) return GetUnresolvedProviderPathFromPSPath(path);
        var matches = new List<string>();
        try
        {
            matches.AddRange(GetResolvedProviderPathFromPSPath(path, out _));
        }
        catch (ItemNotFoundException)
        {
        }
        if (matches.Count > 1)
            ThrowTerminating("ReportPathAmbiguous", ErrorKind.InvalidArgument,
                $"'{path}' matches {matches.Count} files. Name one file, or use -LiteralPath for a name with wildcard characters.", path);
        return matches.Count == 1 ? matches[0] : GetUnresolvedProviderPathFromPSPath(path);
    }

    protected override void ProcessRecord()
    {
        foreach (var run in InputObject)
            if (run is not null) _runs.Add(run);
    }

    protected override void EndProcessing()
    {
        if (!ShouldProcess(_path, $"Write a {_format} report of {_runs.Count} run(s)")) return;
        try
        {
            ReportFile.Write(_runs, _path, _format, Title, Compare);
        }
        catch (LocalModelsException ex)
        {
            ThrowTerminating(ex);
        }
        WriteVerbose($"Wrote the {_format} report of {_runs.Count} run(s) to {_path}.");
        if (PassThru) WriteObject(new FileInfo(_path));
    }
}
