namespace LocalModels;

/// <summary>A running in-process Ollama simulator. Point the module at it with $env:OLLAMA_HOST = $info.BaseUri.</summary>
public sealed class OllamaSimulatorInfo
{
    /// <summary>e.g. "http://127.0.0.1:50123".</summary>
    public string BaseUri { get; init; } = "";

    public int Port { get; init; }
    public string Version { get; init; } = "";
    public int ModelCount { get; init; }

    /// <summary>Installed model names, comma-separated.</summary>
    public string Models { get; init; } = "";

    /// <summary>A copy of the bundled sample repository to measure runs on; deleted by Stop-OllamaSimulator.</summary>
    public string SampleRepository { get; init; } = "";

    /// <summary>Multiplier on the behaviours' simulated delays (1 = their own pace, 0 = none).</summary>
    public double DelayScale { get; init; }

    public override string ToString() => BaseUri;
}
