using System;
using System.Collections.Generic;

namespace LocalModels.Simulation;

/// <summary>
/// The models a fresh simulator offers, with the numbers the real ones report (sizes of the Q4_K_M downloads,
/// native context lengths and model_info shapes), so memory estimates and context checks behave realistically.
/// deepseek-r1 has no "tools" capability (it cannot drive Claude Code); magistral's native context is 40960.
/// </summary>
public static class DefaultCatalog
{
    public static IReadOnlyList<SimulatedModel> CreateModels() => new[]
    {
        Model("devstral-small-2:latest", "mistral3", "24.0B", 15_180_000_000L, 262144, new[] { "completion", "tools", "vision" },
            blocks: 40, heads: 32, kvHeads: 8, embedding: 5120, headDimension: 128, parameterCount: 23_572_403_200L),
        Model("qwen3-coder:30b", "qwen3moe", "30.5B", 18_556_700_761L, 262144, new[] { "completion", "tools" },
            blocks: 48, heads: 32, kvHeads: 4, embedding: 2048, headDimension: 128, parameterCount: 30_532_122_624L),
        Model("deepseek-r1:32b", "qwen2", "32.8B", 19_851_337_640L, 131072, new[] { "completion", "thinking" },
            blocks: 64, heads: 40, kvHeads: 8, embedding: 5120, headDimension: null, parameterCount: 32_763_876_352L),
        Model("magistral:24b", "llama", "23.6B", 14_135_210_345L, 40960, new[] { "completion", "tools", "thinking" },
            blocks: 40, heads: 32, kvHeads: 8, embedding: 5120, headDimension: 128, parameterCount: 23_572_403_200L),
        Model("qwen3:0.6b", "qwen3", "751.63M", 522_653_767L, 40960, new[] { "completion", "tools", "thinking" },
            blocks: 28, heads: 16, kvHeads: 8, embedding: 1024, headDimension: 128, parameterCount: 751_632_384L),
    };

    /// <summary>Installs the default models and offers them for /api/pull too.</summary>
    public static void Populate(OllamaSimulator simulator)
    {
        foreach (var model in CreateModels())
        {
            simulator.Catalog.Add(model);
            simulator.Library.Add(model.Clone(model.Name));
        }
    }

    private static SimulatedModel Model(string name, string architecture, string parameterSize, long size, int nativeContext,
        string[] capabilities, int blocks, int heads, int kvHeads, int embedding, int? headDimension, long parameterCount)
    {
        var info = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["general.parameter_count"] = parameterCount,
            [$"{architecture}.block_count"] = blocks,
            [$"{architecture}.attention.head_count"] = heads,
            [$"{architecture}.attention.head_count_kv"] = kvHeads,
            [$"{architecture}.embedding_length"] = embedding,
        };
        if (headDimension is { } dimension)
        {
            info[$"{architecture}.attention.key_length"] = dimension;
            info[$"{architecture}.attention.value_length"] = dimension;
        }
        return new SimulatedModel
        {
            Name = name,
            Family = architecture,
            Architecture = architecture,
            ParameterSize = parameterSize,
            QuantizationLevel = "Q4_K_M",
            SizeBytes = size,
            Digest = SimulatedDigest.For(name),
            ModifiedAt = new DateTimeOffset(2026, 7, 1, 9, 30, 0, TimeSpan.Zero),
            Capabilities = new List<string>(capabilities),
            NativeContextLength = nativeContext,
            ModelInfo = info,
        };
    }
}
