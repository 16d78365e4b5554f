using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using LocalModels.Classification;
using LocalModels.Ollama;
using LocalModels.Traces;
using LocalModels.Verification;

namespace LocalModels.Results;

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
    /// ~/.claude/projects tree works), leaving out subagent transcripts, which are read with their session.
    /// Files nearer the directory come first, so a Measure-ModelRun
    /// folder's &lt;runId&gt;.stream.jsonl traces are read before the session transcripts kept below them
    /// (see <see cref="ImportedSessions"/>).
    /// </summary>
    public static IEnumerable<string> TraceFiles(string path)
    {
        if (File.Exists(path)) return new[] { path };
        if (!Directory.Exists(path)) return Array.Empty<string>();
        return Directory.EnumerateFiles(path, "*.jsonl", SearchOption.AllDirectories)
            .Where(file => !TraceFile.IsSubagentFile(file))
            .OrderBy(file => Depth(path, file))
            .ThenBy(file => file, StringComparer.Ordinal);
    }

    private static int Depth(string root, string file) =>
        file.Substring(root.Length).Split(new[] { Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar }, StringSplitOptions.RemoveEmptyEntries).Length;

    /// <summary>Reads, verifies and classifies one trace file.</summary>
    public static ImportedRun Import(string tracePath, string? repositoryRoot, CancellationToken cancellationToken = default)
    {
        var trace = TraceFile.Read(tracePath, cancellationToken: cancellationToken);
        var sidecar = RunSidecar.ForTrace(tracePath);
        var deliverable = DeliverableCheck.FromTrace(trace, repositoryRoot, expected: sidecar?.Task == RunTasks.Init);
        // A measured run's sidecar says how it ended; the classifier is told what it was told live.
        var ending = sidecar is { HasEnded: true } ? sidecar : null;
        var duration = ending?.Duration ?? trace.Duration;
        var context = new RunContext
        {
            Deliverable = deliverable,
            Duration = duration ?? TimeSpan.Zero,
            Interventions = ending?.Interventions ?? 0,
            TimedOut = ending?.TimedOut ?? false,
            Cancelled = ending?.Cancelled ?? false,
            StoppedBy = ending?.StoppedBySignal,
            ExitCode = ending?.ExitCode,
            MemorySamples = ending?.MemorySamples(trace.FirstEventAt ?? DateTimeOffset.Now) ?? Array.Empty<MemorySample>(),
        };
        var verdict = RunClassifier.Classify(trace, context);

        var run = new ModelRun
        {
            RunId = Given(sidecar?.RunId) ?? trace.SessionId ?? Path.GetFileNameWithoutExtension(tracePath),
            Model = Given(sidecar?.Model) ?? trace.Model ?? "",
            Task = Given(sidecar?.Task) ?? (trace.Prompt is { } prompt && prompt.Contains("/init") ? RunTasks.Init : ""),
            Prompt = sidecar?.Prompt ?? "",
            Repetition = sidecar?.Repetition ?? 1,
            ContextLength = sidecar?.ContextLength,
            Repository = repositoryRoot ?? trace.WorkingDirectory ?? "",
            Simulated = sidecar?.Simulated ?? false,
            TracePath = tracePath,
        };
        TraceMetrics.ApplyTrace(run, trace, duration);
        if (ending is not null)
        {
            run.Interventions = ending.Interventions ?? 0;
            run.TimedOut = ending.TimedOut ?? false;
            run.ExitCode = ending.ExitCode;
            if (!string.IsNullOrEmpty(ending.ExitReason)) run.ExitReason = ending.ExitReason!;
            run.MemoryBytes = ending.MemoryBytes;
            run.CpuPercent = ending.CpuPercent;
        }
        TraceMetrics.ApplyDeliverable(run, deliverable);
        TraceMetrics.ApplyVerdict(run, verdict);
        return new ImportedRun(run, trace);
    }

    /// <summary>A sidecar's field when it says something (a hand-written sidecar may leave any out).</summary>
    private static string? Given(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
