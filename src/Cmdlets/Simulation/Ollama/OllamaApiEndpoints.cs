namespace LocalModels.Simulation.Ollama;

/// <summary>The native Ollama API (/api/*) over the simulator's catalogue. See shared/reference/ollama-api.md.</summary>
internal static class OllamaApiEndpoints
{
    public static void Map(SimulatorServer server, OllamaSimulator simulator)
    {
        // Filled in by the foundation work: /api/version, /api/tags, /api/show, /api/ps, /api/create, /api/pull, /api/delete.
    }
}
