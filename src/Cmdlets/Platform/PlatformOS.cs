namespace LocalModels.Platform;

/// <summary>The operating systems whose Ollama setup differs (service manager, app settings path, RAM query).</summary>
public enum PlatformOS
{
    MacOS,
    Linux,
    Windows,
}
