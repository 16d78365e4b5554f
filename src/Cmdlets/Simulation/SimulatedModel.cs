using System;
using System.Collections.Generic;

namespace LocalModels.Simulation;

/// <summary>
/// One model in the simulator's catalogue: what /api/tags, /api/show and /api/ps report, and which scripted
/// behaviour answers /v1/messages for it. Models made by /api/create copy their base and override parameters.
/// </summary>
public sealed class SimulatedModel
{
    public string Name { get; set; } = "";
    public string Family { get; set; } = "llama";
    public string Architecture { get; set; } = "llama";
    public string ParameterSize { get; set; } = "24.0B";
    public string QuantizationLevel { get; set; } = "Q4_K_M";
    public string Format { get; set; } = "gguf";
    public long SizeBytes { get; set; }
    public string Digest { get; set; } = "";
    public DateTimeOffset ModifiedAt { get; set; } = DateTimeOffset.UtcNow;
    public List<string> Capabilities { get; set; } = new() { "completion", "tools" };
    public int NativeContextLength { get; set; } = 131072;

    /// <summary>Modelfile parameters, e.g. num_ctx. Rendered in /api/show as padded "name value" lines.</summary>
    public Dictionary<string, string> Parameters { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Extra model_info keys (block_count, head counts...) beyond architecture and context length.</summary>
    public Dictionary<string, object> ModelInfo { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Name of the scripted behaviour that answers /v1/messages for this model; null = the default explorer.</summary>
    public string? Behavior { get; set; }

    /// <summary>Share of the loaded model that spills to CPU (0-100), reported through /api/ps size_vram.</summary>
    public int CpuPercent { get; set; }

    /// <summary>Loaded memory in bytes when running; null = estimated from size and context.</summary>
    public long? LoadedSizeBytes { get; set; }

    /// <summary>The model this one was created FROM (/api/create), as /api/show's details.parent_model says; empty otherwise.</summary>
    public string ParentModel { get; set; } = "";

    public SimulatedModel Clone(string newName)
    {
        var copy = (SimulatedModel)MemberwiseClone();
        copy.Name = newName;
        copy.Capabilities = new List<string>(Capabilities);
        copy.Parameters = new Dictionary<string, string>(Parameters, StringComparer.Ordinal);
        copy.ModelInfo = new Dictionary<string, object>(ModelInfo, StringComparer.Ordinal);
        copy.ModifiedAt = DateTimeOffset.UtcNow;
        return copy;
    }
}
