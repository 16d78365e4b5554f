using System;
using System.Linq;
using System.Threading;
using LocalModels.Errors;
using LocalModels.Ollama;

namespace LocalModels;

/// <summary>
/// One Ollama server of a host pool as it answered when the pool was made: its version, whether it is the
/// LocalModels simulator, and the models it has. Scalar properties only, so Format-Table and Export-Csv read well.
/// </summary>
public sealed class OllamaPoolHost
{
    public string OllamaHost { get; init; } = "";

    /// <summary>False when the server did not answer (see <see cref="Error"/>); Measure-ModelRun asks it again.</summary>
    public bool Available { get; init; }

    public string Version { get; init; } = "";

    public bool Simulated { get; init; }

    public int ModelCount { get; init; }

    /// <summary>Comma-separated model names, e.g. "devstral-64k:latest, qwen3-coder:30b".</summary>
    public string Models { get; init; } = "";

    public string Error { get; init; } = "";

    public override string ToString() => OllamaHost;

    /// <summary>Asks the server once: /api/version (and the simulator's marker), then /api/tags.</summary>
    internal static OllamaPoolHost Probe(OllamaClient client, CancellationToken cancellationToken)
    {
        try
        {
            var endpoint = LocalEndpoint.Connect(client, cancellationToken);
            var models = client.ListModelsAsync(cancellationToken).GetAwaiter().GetResult().Select(model => model.Name).ToList();
            return new OllamaPoolHost
            {
                OllamaHost = client.HostText,
                Available = true,
                Version = endpoint.Version,
                Simulated = endpoint.Simulated,
                ModelCount = models.Count,
                Models = string.Join(", ", models),
            };
        }
        catch (LocalModelsException ex) when (ex.ErrorId is ErrorIds.OllamaNotRunning or ErrorIds.OllamaTimeout)
        {
            return new OllamaPoolHost { OllamaHost = client.HostText, Error = ex.Message };
        }
    }
}
