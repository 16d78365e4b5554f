namespace LocalModels.Ollama;

/// <summary>
/// The response header by which the LocalModels simulator tells itself apart from a real Ollama (which never sends
/// it). It lives beside the client so the runner can recognise the simulator without depending on it.
/// </summary>
public static class SimulatorMarker
{
    public const string Header = "X-LocalModels-Simulator";
}
