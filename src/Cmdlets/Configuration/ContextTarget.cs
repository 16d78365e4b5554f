namespace LocalModels.Configuration;

/// <summary>Where Set-OllamaContext -Scope Server writes: the server's environment, the desktop app's own setting, or both.</summary>
public enum ContextTarget
{
    Environment,
    DesktopApp,
    All,
}
