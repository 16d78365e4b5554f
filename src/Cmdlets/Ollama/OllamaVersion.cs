using System;

namespace LocalModels.Ollama;

/// <summary>Parses Ollama version strings such as "0.14.2", "0.33.0-rc2" or "0.0.0" (a dev build).</summary>
public static class OllamaVersion
{
    /// <summary>The first release with the Anthropic-compatible /v1/messages endpoint Claude Code needs.</summary>
    public static readonly Version AnthropicApi = new(0, 14, 0);

    public static bool TryParse(string? text, out Version version)
    {
        version = new Version(0, 0, 0);
        if (string.IsNullOrWhiteSpace(text)) return false;
        var core = text!.Trim().TrimStart('v');
        var cut = core.IndexOfAny(new[] { '-', '+', ' ' });
        if (cut >= 0) core = core.Substring(0, cut);
        if (!Version.TryParse(core, out var parsed)) return false;
        version = new Version(parsed.Major, parsed.Minor, Math.Max(0, parsed.Build));
        return true;
    }
}
