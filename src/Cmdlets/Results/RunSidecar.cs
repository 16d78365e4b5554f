using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;
using LocalModels.Classification;
using LocalModels.Ollama;
using LocalModels.Traces;
using LocalModels.Platform;

namespace LocalModels.Results;

/// <summary>
/// The <c>&lt;runId&gt;.meta.json</c> sidecar next to a trace: what a trace alone cannot tell. Measure-ModelRun
/// writes it when the run starts (model under test, task, context, simulated or not, tool set, limits) and again when
/// it ends, with how it ended (interventions, time limit, stop, exit code, wall time, /api/ps memory), so that
/// Import-ModelRun judges the trace as the live run was judged. Import-ModelRun reads it back with
/// <see cref="ForTrace"/>; a hand-written sidecar (e.g. {"simulated":true,"model":"qwen3-coder:30b"}) may leave
/// out any field, and an unreadable one counts as absent.
/// </summary>
internal sealed record RunSidecar
{
    /// <summary>How the runner names a run's sidecar: &lt;runId&gt;.meta.json.</summary>
    public const string FileSuffix = ".meta.json";

    /// <summary>How the runner names a run's stream-json trace: &lt;runId&gt;.stream.jsonl.</summary>
    public const string TraceSuffix = ".stream.jsonl";

    /// <summary>The run's private CLAUDE_CONFIG_DIR, &lt;runId&gt;.claude, beside its trace.</summary>
    public const string ConfigDirectorySuffix = ".claude";

    public string RunId { get; init; } = "";
    public string Model { get; init; } = "";
    public string Task { get; init; } = "";
    public string Prompt { get; init; } = "";
    public int? ContextLength { get; init; }
    public int Repetition { get; init; } = 1;
    public string Repository { get; init; } = "";
    public string WorkingDirectory { get; init; } = "";
    public bool Simulated { get; init; }
    public string ToolSet { get; init; } = "";
    public int? MaxTurns { get; init; }
    public double? TimeoutSeconds { get; init; }
    public int MaxInterventions { get; init; }
    public string OllamaHost { get; init; } = "";
    public string ClaudeCodeVersion { get; init; } = "";
    public DateTimeOffset StartTime { get; init; }

    /// <summary>The trace file name, relative to the sidecar's directory.</summary>
    public string TraceFile { get; init; } = "";

    /// <summary>The CLAUDE_CONFIG_DIR of the run, relative to the sidecar's directory (session transcript inside).</summary>
    public string ConfigDirectory { get; init; } = "";

    // How the run ended: absent (null) until it has.

    /// <summary>"Continue" nudges sent (the stream-json trace does not show them).</summary>
    public int? Interventions { get; init; }
    public bool? TimedOut { get; init; }
    public bool? Cancelled { get; init; }

    /// <summary>The failure -StopOnFailure stopped the run at, and its evidence.</summary>
    public string? StoppedBy { get; init; }
    public string? StoppedByEvidence { get; init; }
    public int? ExitCode { get; init; }
    public string? ExitReason { get; init; }

    /// <summary>Measured wall time (a trace cut by the time limit ends before the run did).</summary>
    public double? DurationSeconds { get; init; }

    /// <summary>The largest size /api/ps reported for the model, and the share of it in system RAM.</summary>
    public long? MemoryBytes { get; init; }
    public int? CpuPercent { get; init; }

    /// <summary>The context /api/ps reported the model loaded with (what Ollama truncated at).</summary>
    public int? LoadedContextLength { get; init; }

    /// <summary>This sidecar with how the run ended: <paramref name="context"/> is what the classifier was told.</summary>
    public RunSidecar Ended(ModelRun run, RunContext context)
    {
        // The sample the classifier's memory check looks at: the moment most of the model sat in system RAM.
        var worst = context.MemorySamples.OrderByDescending(sample => sample.CpuPercent).FirstOrDefault();
        return this with
        {
            Interventions = context.Interventions,
            TimedOut = context.TimedOut,
            Cancelled = context.Cancelled,
            StoppedBy = context.StoppedBy?.Mode.ToString(),
            StoppedByEvidence = context.StoppedBy?.Evidence,
            ExitCode = context.ExitCode,
            ExitReason = run.ExitReason,
            DurationSeconds = context.Duration.TotalSeconds,
            MemoryBytes = worst?.SizeBytes,
            CpuPercent = worst?.CpuPercent,
            LoadedContextLength = run.LoadedContextLength,
        };
    }

    /// <summary>True when the runner rewrote the sidecar at the end of the run (Interventions is written only then).</summary>
    [JsonIgnore]
    public bool HasEnded => Interventions is not null;

    /// <summary>The failure -StopOnFailure stopped the run at, as the classifier was told it.</summary>
    [JsonIgnore]
    public FailureSignal? StoppedBySignal =>
        StoppedBy is { } mode && Enum.TryParse<FailureMode>(mode, out var parsed) ? new FailureSignal(parsed, StoppedByEvidence ?? "") : null;

    /// <summary>The measured wall time, when the sidecar has a sensible one.</summary>
    [JsonIgnore]
    public TimeSpan? Duration => DurationSeconds is { } seconds && seconds >= 0 ? TimeSpan.FromSeconds(seconds) : null;

    /// <summary>The /api/ps reading as the classifier's memory check takes it.</summary>
    public IReadOnlyList<MemorySample> MemorySamples(DateTimeOffset at) =>
        MemoryBytes is { } size && CpuPercent is { } cpu
            ? new[] { new MemorySample(at, null, size, size * (100 - cpu) / 100) }
            : Array.Empty<MemorySample>();

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public void Write(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Json));

    /// <summary>A sidecar is a kilobyte or two; a larger file by its name is not one, and is not read whole.</summary>
    private const int MaxBytes = 1024 * 1024;

    public static RunSidecar Read(string path)
    {
        var text = ContentFile.ReadText(path, MaxBytes, out var truncated);
        if (truncated) throw new InvalidDataException($"{path} is larger than a run's metadata can be ({MaxBytes} bytes).");
        return JsonSerializer.Deserialize<RunSidecar>(text, Json) ?? throw new InvalidDataException($"{path} holds no run metadata.");
    }

    /// <summary>
    /// The first sidecar that exists of &lt;trace&gt;.meta.json, &lt;runId&gt;.meta.json for a
    /// &lt;runId&gt;.stream.jsonl trace, and &lt;trace without extension&gt;.meta.json; null when none exists or parses.
    /// An import's <paramref name="folders"/> rule out most candidates without a lookup.
    /// </summary>
    public static RunSidecar? ForTrace(string tracePath, FolderContents? folders = null)
    {
        var candidate = Find(tracePath, folders);
        if (candidate is null) return null;
        try
        {
            return Read(candidate);
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>Where the sidecar for <paramref name="tracePath"/> is, looking most specific first; null when nowhere.</summary>
    private static string? Find(string tracePath, FolderContents? folders)
    {
        // Most traces (a user's transcripts) have no sidecar at all, nor any beside them: the folder's listing tells
        // without a name built or looked up. Otherwise checked one by one, names first.
        var directory = Path.GetDirectoryName(tracePath) ?? "";
        if (folders is not null && !folders.MightHoldFileEndingWith(directory, FileSuffix)) return null;
        var name = Path.GetFileName(tracePath);
        return Candidate(directory, name + FileSuffix, folders)
            ?? (name.EndsWith(TraceSuffix, StringComparison.OrdinalIgnoreCase) && name.Length > TraceSuffix.Length
                ? Candidate(directory, name.Substring(0, name.Length - TraceSuffix.Length) + FileSuffix, folders)
                : null)
            ?? Candidate(directory, Path.GetFileNameWithoutExtension(name) + FileSuffix, folders);
    }

    /// <summary>The path of <paramref name="fileName"/> in <paramref name="directory"/> when it is a file there that is no link.</summary>
    private static string? Candidate(string directory, string fileName, FolderContents? folders)
    {
        if (folders is not null && !folders.MightHold(directory, fileName, isDirectory: false)) return null;
        var path = Path.Combine(directory, fileName);
        return ContentFile.ExistsUnlinked(path) ? path : null;
    }
}
