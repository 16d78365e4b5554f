using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.IO.Enumeration;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using LocalModels.Claude;
using LocalModels.Classification;
using LocalModels.Ollama;
using LocalModels.Platform;
using LocalModels.Traces;
using LocalModels.Verification;

namespace LocalModels.Results;

/// <summary>A trace file turned into a judged run, with the trace kept for the caller's warnings and the verdict's facts.</summary>
public sealed record ImportedRun(ModelRun Run, RunTrace Trace, RunVerdict Verdict);

/// <summary>
/// One file of <see cref="TraceImport.ImportAll(IEnumerable{string}, string?, CancellationToken)"/>: its judged run
/// with what its warnings need of the trace (both set, or neither), or why it could not be read.
/// </summary>
public sealed record ImportAttempt(string Path, ModelRun? Run, TraceSummary? Trace, Exception? Error)
{
    /// <summary>True for a Measure-ModelRun results file (see <see cref="ResultsFile"/>): not a trace, so not read.</summary>
    public bool IsResultsFile { get; init; }
}

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
    public static IEnumerable<string> TraceFiles(string path, CancellationToken cancellationToken = default) =>
        TraceFiles(path, folders: null, cancellationToken);

    /// <summary>
    /// The same, keeping in <paramref name="folders"/> what each folder walked holds, for the import of these files
    /// (<see cref="ImportAll(IEnumerable{string}, string?, FolderContents?, CancellationToken)"/>) to look up beside
    /// each trace without listing a folder again or looking for its session's subagents.
    /// </summary>
    internal static IEnumerable<string> TraceFiles(string path, FolderContents? folders, CancellationToken cancellationToken)
    {
        if (File.Exists(path)) return new[] { path };
        if (!Directory.Exists(path)) return Array.Empty<string>();
        return Walk(path, folders?.RecordWalk(), cancellationToken)
            .OrderBy(file => Depth(path, file))
            .ThenBy(file => file, StringComparer.Ordinal);
    }

    /// <summary>
    /// Every *.jsonl below <paramref name="directory"/> but subagent transcripts, each once: links (to files or
    /// folders) are not followed, so a folder holding <c>up.jsonl -&gt; ..</c> or a link back into itself is read
    /// exactly once. Entries are told apart
    /// by the kind the folder listing gives, without a stat call for each, which is most of a walk's cost in a
    /// ~/.claude/projects tree of thousands of sessions. A folder that cannot be read, or is removed while the walk
    /// runs, holds nothing to import.
    /// </summary>
    private static IEnumerable<string> Walk(string directory, FolderContents.WalkRecorder? recorder, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var files = new FileSystemEnumerable<string>(directory, (ref FileSystemEntry entry) => entry.ToFullPath(), WalkOptions)
        {
            ShouldIncludePredicate = [MethodImpl(MethodImplOptions.AggressiveOptimization)] (ref FileSystemEntry entry) =>
            {
                recorder?.Record(ref entry);
                // Subagent transcripts are left out here, with no path built for them: they are read with their session.
                return !entry.IsDirectory && entry.FileName.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase)
                    && !TraceFile.IsSubagentsFolder(entry.Directory);
            },
            // A tree of millions of entries takes a while to list: Ctrl+C stops it between folders.
            ShouldRecursePredicate = (ref FileSystemEntry _) =>
            {
                cancellationToken.ThrowIfCancellationRequested();
                return true;
            },
        };
        foreach (var file in files) yield return file;
        recorder?.Finish();
    }

    private static readonly EnumerationOptions WalkOptions = new()
    {
        RecurseSubdirectories = true,
        AttributesToSkip = FileAttributes.ReparsePoint,
        IgnoreInaccessible = true,
    };

    /// <summary>How many folders below <paramref name="root"/> <paramref name="file"/> is (0: directly in it).</summary>
    private static int Depth(string root, string file)
    {
        var depth = 0;
        for (var i = root.Length + 1; i < file.Length; i++)
            if (file[i] == Path.DirectorySeparatorChar || file[i] == Path.AltDirectorySeparatorChar) depth++;
        return depth;
    }

    /// <summary>
    /// Imports <paramref name="files"/> on every core and yields them in the order given, a few at a time as they and
    /// every file before them are done: a large ~/.claude/projects is read at the speed of all cores, and the runs
    /// still come out in a stable order. A file that cannot be read is yielded with its error, not thrown; a results
    /// file is told from a trace here too, on every core, and yielded unread.
    /// </summary>
    /// <remarks>
    /// Each reading thread hands its runs over sixteen at a time (<see cref="ParallelMergeOptions.AutoBuffered"/>).
    /// Handed over one by one, every run woke the pipeline's thread: on the 1 GB corpus that was 9,000 wake-ups,
    /// 24,000 futex calls and 17,700 context switches (6,000 and 4,500 now), and the import took about 10% more
    /// time and CPU. The files are handed out one at a time as threads come free, not split in halves up front: a
    /// ~/.claude/projects sorted by path often has its large sessions together, and with halves one thread read them
    /// alone at the end (a folder of 300 small sessions then 30 large ones took 25% longer).
    /// </remarks>
    public static IEnumerable<ImportAttempt> ImportAll(IEnumerable<string> files, string? repositoryRoot, CancellationToken cancellationToken = default) =>
        ImportAll(files, repositoryRoot, folders: null, cancellationToken);

    /// <summary>
    /// The same, with what the walk that found <paramref name="files"/> saw of their folders (see
    /// <see cref="TraceFiles(string, FolderContents?, CancellationToken)"/>).
    /// </summary>
    internal static IEnumerable<ImportAttempt> ImportAll(IEnumerable<string> files, string? repositoryRoot, FolderContents? folders, CancellationToken cancellationToken)
    {
        var footprint = new ImportFootprint();
        folders ??= new FolderContents();
        var indexes = new RepositoryIndexes();
        // The disk is kept ahead of the readers (see ImportReadAhead) until the import ends, is stopped or fails.
        using var readAhead = new ImportReadAhead(folders);
        var attempts = Partitioner.Create(readAhead.Follow(files), EnumerablePartitionerOptions.NoBuffering).AsParallel().AsOrdered()
            .WithDegreeOfParallelism(Math.Max(1, Environment.ProcessorCount))
            .WithMergeOptions(ParallelMergeOptions.AutoBuffered)
            .WithCancellation(cancellationToken)
            .Select(file => Attempt(file, repositoryRoot, footprint, folders, indexes, readAhead, cancellationToken));
        foreach (var attempt in attempts) yield return attempt;
    }

    private static ImportAttempt Attempt(string file, string? repositoryRoot, ImportFootprint footprint, FolderContents folders, RepositoryIndexes indexes, ImportReadAhead readAhead, CancellationToken cancellationToken)
    {
        try
        {
            // One read serves both: the first block tells a results file, and is the trace's first block otherwise.
            using var stream = readAhead.TakeOpened(file) ?? Watched(TraceFile.Open(file), readAhead);
            if (TraceFile.Read(file, stream, ClaudeMemoryFile.Name, folders, IsTrace, cancellationToken, readAhead.Take) is not { } trace)
                return new ImportAttempt(file, null, null, null) { IsResultsFile = true };
            var imported = Judge(file, trace, repositoryRoot, folders, indexes);
            footprint.AfterReading(stream?.Position ?? 0);
            return new ImportAttempt(file, imported.Run, TraceSummary.Of(imported.Trace), null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new ImportAttempt(file, null, null, ex);
        }
    }

    /// <summary>A file its reader opened: its first read tells the advice whether the disk is being waited on.</summary>
    private static Stream? Watched(Stream? stream, ImportReadAhead readAhead)
    {
        if (stream is HandleReadStream file) file.FirstReadWaits = readAhead.FirstReadWatch;
        return stream;
    }

    private static readonly Predicate<ReadOnlyMemory<byte>> IsTrace = head => !ResultsFile.IsResultsFile(head.Span);

    /// <summary>Reads, verifies and classifies one trace file.</summary>
    public static ImportedRun Import(string tracePath, string? repositoryRoot, CancellationToken cancellationToken = default) =>
        Judge(tracePath, TraceFile.Read(tracePath, cancellationToken: cancellationToken), repositoryRoot);

    /// <summary>Verifies and classifies a trace already read from <paramref name="tracePath"/>.</summary>
    internal static ImportedRun Judge(string tracePath, RunTrace trace, string? repositoryRoot, FolderContents? folders = null, RepositoryIndexes? indexes = null)
    {
        var sidecar = RunSidecar.ForTrace(tracePath, folders);
        // Without -RepositoryPath, a measured run is checked against the repository it was measured on, as it was
        // live, so importing an output folder gives the same verdicts Measure-ModelRun gave.
        repositoryRoot ??= Given(sidecar?.Repository) is { } measuredOn && Directory.Exists(measuredOn) ? measuredOn : null;
        var deliverable = DeliverableCheck.FromTrace(trace, repositoryRoot, indexes, expected: sidecar?.Task == RunTasks.Init);
        // A session whose working folder is still there (a user importing ~/.claude/projects) has its deliverable
        // checked against that folder, as a live run's is. Only reading: the folder is never changed.
        if (repositoryRoot is null && deliverable is { Exists: true } && trace.WorkingDirectory is { Length: > 0 } cwd && Directory.Exists(cwd))
            deliverable = DeliverableCheck.FromTrace(trace, cwd, indexes);
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
            ContextLength = ending?.LoadedContextLength ?? sidecar?.ContextLength,
        };
        var facts = new RunFacts(trace, context);
        var verdict = RunClassifier.Classify(facts, ClassificationThresholds.Default);

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
            OllamaHost = sidecar?.OllamaHost ?? "",
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
            run.LoadedContextLength = ending.LoadedContextLength;
        }
        TraceMetrics.ApplyContext(run, facts.ContextUse);
        TraceMetrics.ApplyDeliverable(run, deliverable);
        TraceMetrics.ApplyVerdict(run, verdict);
        return new ImportedRun(run, trace, verdict);
    }

    /// <summary>A sidecar's field when it says something (a hand-written sidecar may leave any out).</summary>
    private static string? Given(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
