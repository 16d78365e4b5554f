namespace LocalModels.Simulation.Anthropic;

/// <summary>
/// Ollama's fully qualified model names (host/namespace/model:tag, defaults registry.ollama.ai, library, latest),
/// as its errors print them: "registry.ollama.ai/library/deepseek-r1:32b does not support tools".
/// </summary>
internal static class OllamaModelName
{
    public static string FullyQualified(string name)
    {
        var normalized = SimulatorCatalogue.NormalizeName(name);
        var parts = normalized.Split('/');
        return parts.Length switch
        {
            1 => "registry.ollama.ai/library/" + normalized,
            2 => "registry.ollama.ai/" + normalized,
            _ => normalized,
        };
    }
}
