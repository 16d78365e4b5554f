namespace LocalModels.Simulation.Anthropic;

/// <summary>The Anthropic Messages endpoint (POST /v1/messages) as Ollama serves it, answered by scripted behaviours.</summary>
internal static class AnthropicEndpoints
{
    public static void Map(SimulatorServer server, OllamaSimulator simulator)
    {
        // Filled in by the Measure-ModelRun work: streaming /v1/messages driven by behaviours defined as data.
    }
}
