using LocalModels.Configuration;

namespace LocalModels;

/// <summary>One context change made by Set-OllamaContext: where, from what to what, and what it takes to apply.</summary>
public sealed class OllamaContextSetting
{
    public ContextScope Scope { get; init; }

    /// <summary>Environment or DesktopApp for the server scope; null for a model.</summary>
    public ContextTarget? Target { get; init; }

    /// <summary>The model, the settings file, the launchctl session or the environment variable changed.</summary>
    public string Location { get; init; } = "";

    public string Model { get; init; } = "";
    public int? PreviousValue { get; init; }
    public int NewValue { get; init; }
    public bool RestartRequired { get; init; }

    /// <summary>True/false when /api/ps could confirm the loaded context; null when nothing could be checked yet.</summary>
    public bool? Verified { get; init; }

    public string Message { get; init; } = "";
}
