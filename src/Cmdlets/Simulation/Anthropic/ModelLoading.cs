using System;
using System.Globalization;

namespace LocalModels.Simulation.Anthropic;

/// <summary>
/// What loading a model on its first request looks like in /api/ps: the context it runs at (num_ctx parameter, else
/// the server default, capped at the native length) and the memory it takes (weights plus a KV-cache estimate,
/// split between GPU and CPU by the model's CpuPercent).
/// </summary>
internal static class ModelLoading
{
    /// <summary>KV cache per token of context when the model declares no geometry (a 24B model at f16, ~160 KiB).</summary>
    private const long DefaultKvBytesPerToken = 160 * 1024;

    public static LoadedSimulatedModel EnsureLoaded(OllamaSimulator simulator, SimulatedModel model)
    {
        foreach (var loaded in simulator.Catalogue.Loaded)
        {
            if (string.Equals(loaded.Model.Name, model.Name, StringComparison.Ordinal)) return loaded;
        }
        var context = ContextLength(model, simulator.DefaultContextLength);
        var size = model.SizeBytes + context * KvBytesPerToken(model);
        var vram = (long)(size * (100 - Math.Max(0, Math.Min(100, model.CpuPercent))) / 100.0);
        return simulator.Catalogue.MarkLoaded(model, context, size, vram);
    }

    public static int ContextLength(SimulatedModel model, int serverDefault)
    {
        var requested = model.Parameters.TryGetValue("num_ctx", out var text) && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var numCtx) && numCtx > 0
            ? numCtx
            : serverDefault;
        return model.NativeContextLength > 0 ? Math.Min(requested, model.NativeContextLength) : requested;
    }

    private static long KvBytesPerToken(SimulatedModel model)
    {
        var arch = model.Architecture;
        if (Number(model, $"{arch}.block_count") is { } layers && Number(model, $"{arch}.attention.head_count_kv") is { } kvHeads &&
            Number(model, $"{arch}.attention.key_length") is { } keyLength)
        {
            var valueLength = Number(model, $"{arch}.attention.value_length") ?? keyLength;
            return layers * kvHeads * (keyLength + valueLength) * 2; // f16 keys and values
        }
        return DefaultKvBytesPerToken;
    }

    private static long? Number(SimulatedModel model, string key) =>
        model.ModelInfo.TryGetValue(key, out var value) && long.TryParse(Convert.ToString(value, CultureInfo.InvariantCulture), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;
}
