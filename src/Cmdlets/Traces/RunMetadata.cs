using System;
using System.IO;
using System.Text.Json;
using LocalModels.Measurement;

namespace LocalModels.Traces;

/// <summary>
/// The runner's sidecar for a trace, &lt;trace&gt;.meta.json (e.g. {"simulated":true,"model":"qwen3-coder:30b"}):
/// what the trace itself cannot say. Every field is optional; an unreadable sidecar counts as absent.
/// </summary>
public sealed record RunMetadata(bool Simulated, string? Model, string? Task, int? ContextLength, int? Repetition, string? RunId = null, int? Interventions = null)
{
    /// <summary>
    /// Reads &lt;trace&gt;.meta.json, &lt;trace without .jsonl&gt;.meta.json, or for Measure-ModelRun's
    /// &lt;runId&gt;.stream.jsonl its &lt;runId&gt;.meta.json; null when none exists or parses.
    /// </summary>
    public static RunMetadata? ForTrace(string tracePath)
    {
        var directory = Path.GetDirectoryName(tracePath) ?? ".";
        var name = Path.GetFileName(tracePath);
        var candidates = new[]
        {
            tracePath + ".meta.json",
            Path.Combine(directory, Path.GetFileNameWithoutExtension(tracePath) + ".meta.json"),
            name.EndsWith(RunSidecar.TraceSuffix, StringComparison.Ordinal)
                ? Path.Combine(directory, name.Substring(0, name.Length - RunSidecar.TraceSuffix.Length) + RunSidecar.FileSuffix)
                : "",
        };
        foreach (var candidate in candidates)
        {
            if (candidate.Length == 0 || !File.Exists(candidate)) continue;
            try
            {
                using var document = JsonDocument.Parse(File.ReadAllText(candidate));
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object) return null;
                return new RunMetadata(root.Bool("simulated"), root.Str("model"), root.Str("task"), root.NullableInt("contextLength"), root.NullableInt("repetition"), root.Str("runId"), root.NullableInt("interventions"));
            }
            catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
            {
                return null;
            }
        }
        return null;
    }
}
