using System;
using System.Linq;
using System.Net.Http;
using System.Threading;
using LocalModels.Errors;

namespace LocalModels.Ollama;

/// <summary>
/// What the runner asks the Ollama server, through <see cref="OllamaClient"/>: is it up (and is it the simulator),
/// what context does a model declare, is it loaded and how big.
/// </summary>
internal sealed class LocalEndpoint
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    private LocalEndpoint(OllamaClient client, string version, bool simulated)
    {
        Client = client;
        Version = version;
        Simulated = simulated;
    }

    /// <summary>Asks the server for its version (throws OllamaNotRunning when it does not answer).</summary>
    public static LocalEndpoint Connect(OllamaClient client, CancellationToken cancellationToken)
    {
        var (version, simulated) = Probe(client, cancellationToken);
        return new LocalEndpoint(client, version, simulated);
    }

    public string Version { get; }

    /// <summary>True when the server is the LocalModels simulator: runs against it are marked Simulated.</summary>
    public bool Simulated { get; }

    public OllamaClient Client { get; }

    public Uri BaseUri => Client.BaseUri;

    public string HostText => Client.HostText;

    /// <summary>
    /// /api/version, plus whether the answer carries the simulator's marker header (a real Ollama never sends it),
    /// so runs against the simulator are recorded as Simulated however it was started. The client does not expose
    /// response headers, hence this one direct request.
    /// </summary>
    private static (string Version, bool Simulated) Probe(OllamaClient client, CancellationToken cancellationToken)
    {
        var version = client.GetVersionAsync(cancellationToken).GetAwaiter().GetResult();
        try
        {
            using var response = Http.GetAsync(new Uri(client.BaseUri, "/api/version"), cancellationToken).GetAwaiter().GetResult();
            return (version, response.Headers.Contains(SimulatorMarker.Header));
        }
        catch (HttpRequestException)
        {
            return (version, false);
        }
    }

    /// <summary>
    /// /api/show: Exists false when the model is not installed; else its PARAMETER num_ctx, tool support, and the
    /// model it was created from (empty when the server does not say).
    /// </summary>
    public (bool Exists, int? ContextLength, bool SupportsTools, string ParentModel) Show(string model, CancellationToken cancellationToken)
    {
        try
        {
            var details = Client.ShowAsync(model, cancellationToken).GetAwaiter().GetResult();
            return (true, details.ConfiguredContextLength, details.SupportsTools, details.ParentModel ?? "");
        }
        catch (LocalModelsException ex) when (ex.ErrorId == ErrorIds.OllamaModelNotFound)
        {
            return (false, null, false, "");
        }
    }

    /// <summary>
    /// True when the server still answers /api/version within a few seconds: tells a server that went away from a
    /// run that failed on its own. Cancellation (Ctrl+C) is not an answer either way and is passed on.
    /// </summary>
    public bool Answers(CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(AnswerTimeout);
        try
        {
            using var response = Http.GetAsync(new Uri(Client.BaseUri, "/api/version"), limit.Token).GetAwaiter().GetResult();
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(5);

    /// <summary>/api/ps for one model: null when it is not loaded.</summary>
    public MemorySample? ReadLoaded(string model, CancellationToken cancellationToken)
    {
        var loaded = Client.ListLoadedAsync(cancellationToken).GetAwaiter().GetResult()
            .FirstOrDefault(m => OllamaModelName.SameModel(m.Name, model));
        return loaded is null ? null : new MemorySample(DateTimeOffset.Now, loaded.ContextLength, loaded.Size, loaded.SizeVram);
    }
}
