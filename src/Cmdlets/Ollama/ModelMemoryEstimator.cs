using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace LocalModels.Ollama;

/// <summary>Estimated memory of a loaded model: its weights plus the KV cache for the context it runs at.</summary>
public sealed record MemoryEstimate(int ContextLength, long WeightsBytes, long? KvCacheBytes)
{
    /// <summary>Weights + KV cache; just the weights when the model's shape is unknown.</summary>
    public long TotalBytes => WeightsBytes + (KvCacheBytes ?? 0);
}

/// <summary>
/// Weights (the model's size on disk) + an f16 KV cache: for every layer, context position and KV head, one key
/// and one value vector of 2-byte numbers. Shape numbers come from model_info (block_count, head_count_kv,
/// key_length/value_length, falling back to embedding_length/head_count). It ignores the compute graph and
/// runtime overhead, so it is a floor, close enough to warn before a model pushes a machine into swap.
/// </summary>
public static class ModelMemoryEstimator
{
    private const int BytesPerCacheElement = 2;

    public static MemoryEstimate Estimate(long weightsBytes, int contextLength, IReadOnlyDictionary<string, object?> modelInfo)
    {
        if (contextLength <= 0) throw new ArgumentOutOfRangeException(nameof(contextLength));
        return new MemoryEstimate(contextLength, weightsBytes, KvCacheBytes(contextLength, modelInfo));
    }

    /// <summary>The KV cache for a context, or null when model_info lacks the numbers.</summary>
    public static long? KvCacheBytes(int contextLength, IReadOnlyDictionary<string, object?> modelInfo)
    {
        if (!modelInfo.TryGetValue("general.architecture", out var archValue) || archValue is not string arch) return null;
        long? Number(string suffix) => modelInfo.TryGetValue(arch + "." + suffix, out var v) ? AsNumber(v) : null;

        var blocks = Number("block_count");
        var heads = Number("attention.head_count");
        var kvHeads = Number("attention.head_count_kv") ?? heads;
        var headDimension = Number("embedding_length") is { } embedding && heads is > 0 ? embedding / heads : null;
        var keyLength = Number("attention.key_length") ?? headDimension;
        var valueLength = Number("attention.value_length") ?? keyLength;
        if (blocks is not > 0 || kvHeads is not > 0 || keyLength is not > 0 || valueLength is not > 0) return null;
        return blocks.Value * contextLength * kvHeads.Value * (keyLength.Value + valueLength.Value) * BytesPerCacheElement;
    }

    /// <summary>A number, or the largest of a per-layer array (some architectures vary KV heads by layer).</summary>
    private static long? AsNumber(object? value) => value switch
    {
        long l => l,
        int i => i,
        double d => (long)d,
        string text when text.TrimStart().StartsWith("[", StringComparison.Ordinal) => MaxOfArray(text),
        _ => null,
    };

    private static long? MaxOfArray(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var numbers = document.RootElement.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Number).Select(e => e.GetInt64()).ToList();
            return numbers.Count > 0 ? numbers.Max() : null;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }
}
