using System;
using System.IO;
using System.Text.Json;

namespace LocalModels.Traces;

/// <summary>
/// The runner's sidecar for a trace, &lt;trace&gt;.meta.json (e.g. {"simulated":true,"model":"qwen3-coder:30b"}):
/// what the trace itself cannot say. Every field is optional; an unreadable sidecar counts as absent.
/// </summary>
public sealed record RunMetadata(bool Simulated, string? Model, string? Task, int? ContextLength, int? Repetition)
{
    /// <summary>Reads &lt;trace&gt;.meta.json, or &lt;trace without .jsonl&gt;.meta.json; null when neither exists or parses.</summary>
    public static RunMetadata? ForTrace(string tracePath)
    {
        var candidates = new[]
        {
            tracePath + ".meta.json",
            Path.Combine(Path.GetDirectoryName(tracePath) ?? ".", Path.GetFileNameWithoutExtension(tracePath) + ".meta.json"),
        };
        foreach (var candidate in candidates)
        {
            if (!File.Exists(candidate)) continue;
            try
            {
                using var document = JsonDocument.Parse(File.ReadAllText(candidate));
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object) return null;
                return new RunMetadata(root.Bool("simulated"), root.Str("model"), root.Str("task"), root.NullableInt("contextLength"), root.NullableInt("repetition"));
            }
            catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
            {
                return null;
            }
        }
        return null;
    }
}
