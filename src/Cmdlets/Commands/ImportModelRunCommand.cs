using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using LocalModels.Errors;
using LocalModels.Platform;
using LocalModels.Results;
using LocalModels.Traces;

namespace LocalModels.Commands;

/// <summary>
/// Reads saved Claude Code traces (stream-json output or session transcripts) and emits one judged ModelRun per
/// run, with the same metrics and failure taxonomy Measure-ModelRun gives a live run.
/// </summary>
[Cmdlet(VerbsData.Import, "ModelRun", DefaultParameterSetName = PathSet)]
[OutputType(typeof(ModelRun))]
public sealed class ImportModelRunCommand : LocalModelsCmdlet
{
    private const string PathSet = "Path";
    private const string LiteralPathSet = "LiteralPath";

    /// <summary>Trace files or directories (searched recursively for *.jsonl); wildcards allowed.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = System.Array.Empty<string>();

    /// <summary>Trace files or directories, taken exactly as written (Get-ChildItem output binds here through PSPath).</summary>
    [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "LP")]
    [ValidateNotNullOrEmpty]
    public string[] LiteralPath { get; set; } = System.Array.Empty<string>();

    /// <summary>The repository copy the run worked on: the deliverable (CLAUDE.md) is checked against it (without it, against the session's working folder when that still exists).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? RepositoryPath { get; set; }

    private string? _repositoryRoot;

    /// <summary>False when verbose messages certainly do not show: the one written per file is then not built.</summary>
    private bool _verbose = true;

    protected override void BeginProcessing()
    {
        _verbose = !VerboseIsOff();
        if (RepositoryPath is null) return;
        _repositoryRoot = GetUnresolvedProviderPathFromPSPath(RepositoryPath);
        if (!Directory.Exists(_repositoryRoot))
            ThrowTerminating(ErrorIds.RepositoryNotFound, ErrorKind.ObjectNotFound,
                $"The repository directory '{_repositoryRoot}' does not exist. Give -RepositoryPath the folder the run worked in.", RepositoryPath);
    }

    /// <summary>Sessions already read from stream-json traces in this call: their transcripts are not runs of their own.</summary>
    private readonly ImportedSessions _sessions = new();

    private ImportProgressReporter? _progress;

    protected override void ProcessRecord()
    {
        _progress ??= new ImportProgressReporter(this);
        foreach (var path in ResolvePaths())
        {
            var named = File.Exists(path);
            var folders = new FolderContents();
            var traces = TraceImport.TraceFiles(path, folders, CancellationToken).ToList();
            var done = 0;
            foreach (var attempt in TraceImport.ImportAll(traces, _repositoryRoot, folders, CancellationToken))
            {
                Emit(attempt, named);
                _progress.Report(path, ++done, traces.Count);
            }
        }
    }

    protected override void EndProcessing() => _progress?.Complete();

    private IEnumerable<string> ResolvePaths()
    {
        if (ParameterSetName == LiteralPathSet)
        {
            foreach (var literal in LiteralPath)
            {
                var resolved = GetUnresolvedProviderPathFromPSPath(literal);
                if (File.Exists(resolved) || Directory.Exists(resolved)) yield return resolved;
                else WriteNotFound(literal);
            }
            yield break;
        }
        foreach (var pattern in Path)
        {
            var resolved = new List<string>();
            try
            {
                resolved.AddRange(GetResolvedProviderPathFromPSPath(pattern, out _));
            }
            catch (ItemNotFoundException)
            {
            }
            catch (System.Management.Automation.DriveNotFoundException)
            {
            }
            if (resolved.Count == 0) WriteNotFound(pattern);
            foreach (var item in resolved) yield return item;
        }
    }

    /// <summary>Writes one file's run, or why it has none; <paramref name="named"/> when the user named the file itself.</summary>
    private void Emit(ImportAttempt attempt, bool named)
    {
        var file = attempt.Path;
        if (attempt.IsResultsFile)
        {
            // Measure-ModelRun's runs.jsonl holds the finished runs, not a trace: its runs come from the traces beside it.
            var message = $"{file} is a Measure-ModelRun results file (one ModelRun per line), not a trace; it was skipped. Import the folder or its <runId>.stream.jsonl traces.";
            if (named) WriteWarning(message);
            else WriteVerbose(message);
            return;
        }
        if (_verbose) WriteVerbose($"Read trace {file}.");
        if (attempt is not { Run: { } run, Trace: { } trace })
        {
            WriteError(new LocalModelsException("TraceUnreadable", ErrorKind.ResourceUnavailable, $"The trace '{file}' could not be read: {attempt.Error?.Message} Check that the file is readable.", file, attempt.Error));
            return;
        }
        if (_sessions.IsRepeat(trace))
        {
            WriteVerbose($"{file} is the transcript of session {trace.SessionId}, already imported from its stream-json trace; it was skipped.");
            return;
        }
        // One warning per file: a file that is not a trace at all is skipped whole, so its bad lines are not news.
        if (trace.Format == TraceFormat.Unknown)
        {
            WriteWarning($"{file} is not a Claude Code stream-json trace or session transcript; it was skipped.");
            return;
        }
        // Claude Code keeps a session of local commands alone (/model, /config) like any other, and older versions kept
        // files of session titles alone: no run, nothing to warn of.
        if (!trace.AskedTheModel)
        {
            WriteVerbose($"{file} asks no model anything (local commands or session titles only); it was skipped.");
            return;
        }
        if (trace.MalformedLines > 0 || trace.OversizedLines > 0)
        {
            var skipped = new List<string>();
            if (trace.MalformedLines > 0) skipped.Add($"{trace.MalformedLines} malformed or truncated line(s) of {trace.TotalLines}");
            if (trace.OversizedLines > 0) skipped.Add($"{trace.OversizedLines} line(s) longer than {TraceLimits.MaxLineBytes / (1024 * 1024)} MB or holding more than {TraceLimits.MaxLineTokens:N0} names and values, unread");
            WriteWarning($"{file}: skipped {string.Join(" and ", skipped)}.");
        }
        _sessions.Add(trace);
        WriteObject(run);
    }

    private void WriteNotFound(string path) =>
        WriteError(new LocalModelsException("TraceNotFound", ErrorKind.ObjectNotFound,
            $"No trace file or directory matches '{path}'. Check the path, or use -LiteralPath for names with wildcard characters.", path));
}
