using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using LocalModels.Classification;
using LocalModels.Ollama;
using LocalModels.Traces;

namespace LocalModels.Results;

/// <summary>
/// Writes the <c>&lt;runId&gt;.meta.json</c> sidecar next to a trace: what a trace alone cannot tell. When the run
/// starts: model under test, task, context, simulated or not, tool set, limits. When it ends, again with how it
/// ended (interventions, time limit, stop, exit code, wall time, /api/ps memory), so that Import-ModelRun judges the
/// trace as the live run was judged. Import-ModelRun reads it back with Traces/RunMetadata (camelCase names).
/// </summary>
internal sealed record RunSidecar
{
    public const string FileSuffix = RunMetadata.SidecarSuffix;
    public const string TraceSuffix = RunMetadata.StreamTraceSuffix;

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
        };
    }

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase, DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    public void Write(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Json));

    public static RunSidecar Read(string path) =>
        JsonSerializer.Deserialize<RunSidecar>(File.ReadAllText(path), Json)
        ?? throw new InvalidDataException($"{path} holds no run metadata.");
}
