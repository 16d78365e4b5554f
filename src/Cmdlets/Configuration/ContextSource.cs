namespace LocalModels.Configuration;

/// <summary>Which setting decides a model's context, highest precedence first (request num_ctx aside).</summary>
public enum ContextSource
{
    /// <summary>PARAMETER num_ctx of the model (an alias made by New-OllamaModel).</summary>
    Model,

    /// <summary>The desktop app's "Context length" setting, which it passes to `ollama serve` when non-zero.</summary>
    DesktopApp,

    /// <summary>OLLAMA_CONTEXT_LENGTH of the server process (launchctl, systemd drop-in, user environment).</summary>
    ServerEnvironment,

    /// <summary>Ollama's automatic default: 4096, 32768 or 262144 by VRAM.</summary>
    Automatic,
}
