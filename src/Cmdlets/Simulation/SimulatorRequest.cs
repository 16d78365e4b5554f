using System.Text.Json;
using System.Threading;

namespace LocalModels.Simulation;

/// <summary>What a route handler sees of a request.</summary>
public sealed class SimulatorRequest
{
    internal SimulatorRequest(RecordedRequest recorded, CancellationToken serverStopping)
    {
        Recorded = recorded;
        ServerStopping = serverStopping;
    }

    public RecordedRequest Recorded { get; }

    public string Body => Recorded.Body;

    public CancellationToken ServerStopping { get; }

    /// <summary>Parses the body as JSON; null when it is empty or not JSON (handlers answer 400 then, as Ollama does).</summary>
    public JsonDocument? TryParseJson()
    {
        if (string.IsNullOrWhiteSpace(Body)) return null;
        try { return JsonDocument.Parse(Body); }
        catch (JsonException) { return null; }
    }
}
