using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using LocalModels.Classification;
using LocalModels.Ollama;
using LocalModels.Traces;

namespace LocalModels.Results;

/// <summary>
/// The runner's sidecar for a trace (e.g. {"simulated":true,"model":"qwen3-coder:30b"}): what the trace itself
/// cannot say. Measure-ModelRun writes &lt;runId&gt;.stream.jsonl with &lt;runId&gt;.meta.json beside it; a sidecar
/// may also be named after the whole trace file. Every field is optional; an unreadable sidecar counts as absent.
/// </summary>
public sealed record RunMetadata(bool Simulated, string? Model, string? Task, int? ContextLength, int? Repetition)
{
    /// <summary>How the runner names a run's stream-json trace: &lt;runId&gt;.stream.jsonl.</summary>
    public const string StreamTraceSuffix = ".stream.jsonl";

    /// <summary>How the runner names a run's sidecar: &lt;runId&gt;.meta.json.</summary>
    public const string SidecarSuffix = ".meta.json";

    /// <summary>The run id the runner gave the run (Measure-ModelRun's RunId in runs.jsonl).</summary>
    public string? RunId { get; init; }

    /// <summary>The prompt of a -Task Prompt run.</summary>
    public string? Prompt { get; init; }

    /// <summary>How the run ended, when the runner wrote it (at the end of a run; null until then).</summary>
    public RunEnding? Ending { get; init; }

    /// <summary>
    /// Reads the first sidecar that exists of &lt;trace&gt;.meta.json, &lt;runId&gt;.meta.json for a
    /// &lt;runId&gt;.stream.jsonl trace, and &lt;trace without extension&gt;.meta.json; null when none exists or parses.
    /// </summary>
    public static RunMetadata? ForTrace(string tracePath)
    {
        var candidate = SidecarCandidates(tracePath).FirstOrDefault(File.Exists);
        if (candidate is null) return null;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(candidate));
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return null;
            return new RunMetadata(root.Bool("simulated"), root.Str("model"), root.Str("task"), root.NullableInt("contextLength"), root.NullableInt("repetition"))
            {
                RunId = root.Str("runId"),
                Prompt = root.Str("prompt"),
                Ending = RunEnding.Read(root),
            };
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Where a sidecar for <paramref name="tracePath"/> may be, most specific first.</summary>
    public static IEnumerable<string> SidecarCandidates(string tracePath)
    {
        var directory = Path.GetDirectoryName(tracePath) ?? ".";
        var name = Path.GetFileName(tracePath);
        yield return tracePath + SidecarSuffix;
        if (name.EndsWith(StreamTraceSuffix, StringComparison.OrdinalIgnoreCase) && name.Length > StreamTraceSuffix.Length)
            yield return Path.Combine(directory, name.Substring(0, name.Length - StreamTraceSuffix.Length) + SidecarSuffix);
        yield return Path.Combine(directory, Path.GetFileNameWithoutExtension(name) + SidecarSuffix);
    }
}

/// <summary>
/// How a measured run ended, from the sidecar the runner rewrites when the run is over: what the classifier was
/// told besides the trace (a stream-json trace shows neither "Continue" nudges nor the time limit nor /api/ps).
/// </summary>
public sealed record RunEnding(int Interventions, bool TimedOut, bool Cancelled, int? ExitCode, string? ExitReason, TimeSpan? Duration)
{
    /// <summary>The failure -StopOnFailure stopped the run at.</summary>
    public FailureSignal? StoppedBy { get; init; }

    /// <summary>The /api/ps reading with most of the model in system RAM, when the runner took any.</summary>
    public long? MemoryBytes { get; init; }
    public int? CpuPercent { get; init; }

    /// <summary>The ending in a sidecar's root object; null when the sidecar has none (written at the start only).</summary>
    public static RunEnding? Read(JsonElement root)
    {
        if (root.NullableInt("interventions") is not { } interventions) return null;
        var stoppedBy = root.Str("stoppedBy") is { } mode && Enum.TryParse<FailureMode>(mode, out var parsed)
            ? new FailureSignal(parsed, root.Str("stoppedByEvidence") ?? "")
            : null;
        var seconds = root.NullableDouble("durationSeconds");
        return new RunEnding(interventions, root.Bool("timedOut"), root.Bool("cancelled"), root.NullableInt("exitCode"), root.Str("exitReason"),
            seconds is { } s && s >= 0 ? TimeSpan.FromSeconds(s) : null)
        {
            StoppedBy = stoppedBy,
            MemoryBytes = root.NullableLong("memoryBytes"),
            CpuPercent = root.NullableInt("cpuPercent"),
        };
    }

    /// <summary>The /api/ps reading as the classifier's memory check takes it.</summary>
    public IReadOnlyList<MemorySample> MemorySamples(DateTimeOffset at) =>
        MemoryBytes is { } size && CpuPercent is { } cpu
            ? new[] { new MemorySample(at, null, size, size * (100 - cpu) / 100) }
            : Array.Empty<MemorySample>();
}
