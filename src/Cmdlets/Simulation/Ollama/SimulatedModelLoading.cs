using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using LocalModels.Ollama;

namespace LocalModels.Simulation.Ollama;

/// <summary>
/// What a real server does when a request first reaches a model: pick the context (request num_ctx > model
/// num_ctx > server default, capped at native), size the memory (weights + KV cache), split it CPU/GPU.
/// </summary>
internal static class SimulatedModelLoading
{
    /// <summary>KV cache per token when a model declares no attention geometry (a 24B model at f16, ~160 KiB).</summary>
    private const long DefaultKvBytesPerToken = 160 * 1024;

    public static LoadedSimulatedModel Load(OllamaSimulator simulator, string name, int? requestedContext)
    {
        if (!simulator.Catalog.TryGet(name, out var model))
            throw new InvalidOperationException($"model '{name}' not found");
        var configured = model.Parameters.TryGetValue("num_ctx", out var text) && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : (int?)null;
        var context = Math.Min(requestedContext ?? configured ?? simulator.DefaultContextLength, model.NativeContextLength);
        var estimate = ModelMemoryEstimator.Estimate(model.SizeBytes, context, ModelInfoOf(model));
        var size = model.LoadedSizeBytes ?? estimate.WeightsBytes + (estimate.KvCacheBytes ?? context * DefaultKvBytesPerToken);
        var vram = size - size * Math.Max(0, Math.Min(100, model.CpuPercent)) / 100;
        return simulator.Catalog.MarkLoaded(model, context, size, vram);
    }

    /// <summary>The flat model_info map /api/show reports: architecture, native context, then the model's extra keys.</summary>
    public static IReadOnlyDictionary<string, object?> ModelInfoOf(SimulatedModel model)
    {
        var info = new SortedDictionary<string, object?>(StringComparer.Ordinal)
        {
            ["general.architecture"] = model.Architecture,
            [model.Architecture + ".context_length"] = (long)model.NativeContextLength,
        };
        foreach (var pair in model.ModelInfo)
            info[pair.Key] = pair.Value is int i ? (long)i : pair.Value;
        return info.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
    }
}
