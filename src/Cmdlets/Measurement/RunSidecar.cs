using System;
using System.IO;
using System.Text.Json;

namespace LocalModels.Measurement;

/// <summary>
/// Writes the <c>&lt;runId&gt;.meta.json</c> sidecar next to a trace when its run starts: what a trace alone cannot
/// tell (model under test, task, context, simulated or not, tool set, limits). Import-ModelRun reads it back with
/// Traces/RunMetadata (camelCase names: runId, simulated, model, task, contextLength, repetition, interventions).
/// </summary>
internal sealed record RunSidecar
{
    public const string FileSuffix = ".meta.json";
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

    /// <summary>"Continue" nudges the run needed: written again when the run ends (absent while it runs).</summary>
    public int? Interventions { get; init; }

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public void Write(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Json));

    public static RunSidecar Read(string path) =>
        JsonSerializer.Deserialize<RunSidecar>(File.ReadAllText(path), Json)
        ?? throw new InvalidDataException($"{path} holds no run metadata.");
}
