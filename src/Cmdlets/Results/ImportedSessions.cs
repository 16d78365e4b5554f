using System;
using System.Collections.Generic;
using LocalModels.Traces;

namespace LocalModels.Results;

/// <summary>
/// The sessions one import has already read from stream-json traces. Measure-ModelRun keeps each run's session
/// transcript under &lt;runId&gt;.claude/projects/ beside the run's stream-json trace: the transcript is the same
/// run seen a second time (with less in it: no result line, no sidecar), so it is skipped when its session was
/// already imported from a stream-json trace. <see cref="TraceImport.TraceFiles(string, System.Threading.CancellationToken)"/>
/// lists a folder's own files before those of its subfolders, so the trace is read first.
/// </summary>
public sealed class ImportedSessions
{
    private readonly HashSet<string> _fromStreamJson = new(StringComparer.Ordinal);

    /// <summary>True for a session transcript whose session was already imported from a stream-json trace.</summary>
    public bool IsRepeat(TraceSummary trace) =>
        trace.Format == TraceFormat.Transcript && trace.SessionId is { } id && _fromStreamJson.Contains(id);

    /// <summary>Remembers the session of an imported stream-json trace.</summary>
    public void Add(TraceSummary trace)
    {
        if (trace.Format == TraceFormat.StreamJson && trace.SessionId is { } id) _fromStreamJson.Add(id);
    }
}
