using System;

namespace LocalModels;

/// <summary>
/// An installed Ollama model with what decides whether it can drive Claude Code: tools capability, native and
/// configured context. Scalar properties only (Capabilities is a comma-joined string) so Export-Csv reads well.
/// <see cref="Name"/> binds to -Model/-Name of the next cmdlet.
/// </summary>
public sealed class OllamaModel
{
    public string Name { get; init; } = "";
    public string Model { get; init; } = "";
    public long Size { get; init; }
    public string ParameterSize { get; init; } = "";
    public string Quantization { get; init; } = "";
    public string Family { get; init; } = "";

    /// <summary>Comma-separated, e.g. "completion, tools, vision".</summary>
    public string Capabilities { get; init; } = "";

    public bool SupportsTools { get; init; }

    /// <summary>The trained context length from model_info.</summary>
    public long? NativeContextLength { get; init; }

    /// <summary>PARAMETER num_ctx of the model; null when the server's setting decides.</summary>
    public int? ConfiguredContextLength { get; init; }

    public DateTimeOffset? ModifiedAt { get; init; }
    public string Digest { get; init; } = "";
    public string OllamaHost { get; init; } = "";

    public override string ToString() => Name;
}
