using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using LocalModels.Classification;
using LocalModels.Measurement;
using LocalModels.Verification;

namespace LocalModels.Traces;

/// <summary>A trace file turned into a judged run, with the trace kept for the caller's warnings.</summary>
public sealed record ImportedRun(ModelRun Run, RunTrace Trace);

/// <summary>
/// Import-ModelRun's core: finds trace files, reads each in bounded memory, checks its deliverable, classifies it
/// and fills a <see cref="ModelRun"/> through <see cref="TraceMetrics"/>, exactly as a live run would be.
/// </summary>
public static class TraceImport
{
    /// <summary>
    /// The trace files under <paramref name="path"/>: the file itself, or every *.jsonl below a directory (a
    /// ~/.claude/projects tree works), leaving out subagent transcripts, which are read with their session, and in
    /// a Measure-ModelRun output folder the files that repeat its traces (see <see cref="MeasuredRunFiles"/>).
    /// </summary>
    public static IEnumerable<string> TraceFiles(string path)
    {
        if (File.Exists(path)) return new[] { path };
        if (!Directory.Exists(path)) return Array.Empty<string>();
        return Directory.EnumerateFiles(path, "*.jsonl", SearchOption.AllDirectories)
            .Where(file => !TraceFile.IsSubagentFile(file) && !MeasuredRunFiles.IsDuplicateOfATrace(file, path))
            .OrderBy(file => file, StringComparer.Ordinal);
    }

    /// <summary>Reads, verifies and classifies one trace file.</summary>
    public static ImportedRun Import(string tracePath, string? repositoryRoot, CancellationToken cancellationToken = default)
    {
        var trace = TraceFile.Read(tracePath, cancellationToken: cancellationToken);
        var metadata = RunMetadata.ForTrace(tracePath);
        var deliverable = DeliverableCheck.FromTrace(trace, repositoryRoot, expected: metadata?.Task == RunTasks.Init);
        var duration = TraceMetrics.Duration(trace);
        var interventions = metadata?.Interventions ?? 0;
        var context = new RunContext { Deliverable = deliverable, Duration = duration ?? TimeSpan.Zero, Interventions = interventions };
        var verdict = RunClassifier.Classify(trace, context);

        var run = new ModelRun
        {
            RunId = metadata?.RunId ?? trace.SessionId ?? Path.GetFileNameWithoutExtension(tracePath),
            Model = metadata?.Model ?? trace.Model ?? "",
            Task = metadata?.Task ?? (trace.Prompt is { } prompt && prompt.Contains("/init") ? "Init" : ""),
            Repetition = metadata?.Repetition ?? 1,
            ContextLength = metadata?.ContextLength,
            Repository = repositoryRoot ?? trace.WorkingDirectory ?? "",
            Simulated = metadata?.Simulated ?? false,
            Interventions = interventions,
            TracePath = tracePath,
        };
        TraceMetrics.ApplyTrace(run, trace, duration);
        TraceMetrics.ApplyDeliverable(run, deliverable);
        TraceMetrics.ApplyVerdict(run, verdict);
        return new ImportedRun(run, trace);
    }
}
