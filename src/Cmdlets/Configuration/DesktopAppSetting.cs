namespace LocalModels.Configuration;

/// <summary>
/// What the desktop app's settings database says. Value 0 means "automatic"; null with a Problem when the
/// database is missing or could not be read (no sqlite3, a schema this module does not know).
/// </summary>
public sealed record DesktopAppSetting(string DatabasePath, bool DatabaseExists, int? Value, string? Problem)
{
    /// <summary>A non-zero app setting is passed to `ollama serve` and overrides OLLAMA_CONTEXT_LENGTH.</summary>
    public bool OverridesEnvironment => Value is > 0;
}
