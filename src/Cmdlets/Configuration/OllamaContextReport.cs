using LocalModels.Configuration;

namespace LocalModels;

/// <summary>
/// Where a model's (or the server's) context comes from, following Ollama's precedence: model num_ctx >
/// desktop app setting > OLLAMA_CONTEXT_LENGTH > automatic, capped at the native length.
/// </summary>
public sealed class OllamaContextReport
{
    /// <summary>Empty for the server-wide report.</summary>
    public string Model { get; init; } = "";

    /// <summary>The context the next load will use; null when Ollama decides automatically by VRAM.</summary>
    public int? EffectiveContextLength { get; init; }

    public ContextSource Source { get; init; }
    public int? ModelContextLength { get; init; }
    public int? DesktopAppContextLength { get; init; }
    public int? ServerEnvironmentContextLength { get; init; }
    public long? NativeContextLength { get; init; }

    /// <summary>The context the model is loaded with right now (/api/ps), when loaded.</summary>
    public int? LoadedContextLength { get; init; }

    public string OllamaHost { get; init; } = "";
    public string Message { get; init; } = "";
}
