using System;
using LocalModels.Simulation.Anthropic;
using LocalModels.Simulation.Behaviors;
using LocalModels.Simulation.Ollama;

namespace LocalModels.Simulation;

/// <summary>
/// An Ollama-compatible server in this process, on 127.0.0.1: the native /api endpoints over an in-memory
/// catalogue, and the Anthropic /v1/messages endpoint answered by scripted model behaviours. Tests and users'
/// dry runs point the module (and Claude Code) at <see cref="BaseUri"/>. Everything it produces is simulated.
/// </summary>
public sealed class OllamaSimulator : IDisposable
{
    private readonly SimulatorServer _server;

    public OllamaSimulator(int port = 0, string version = "0.14.2")
    {
        _server = new SimulatorServer(port);
        Version = version;
        OllamaApiEndpoints.Map(_server, this);
        AnthropicEndpoints.Map(_server, this);
        Behaviors.SeedCatalog(Catalog);
        _server.Start();
    }

    public string Version { get; set; }

    public SimulatorCatalog Catalog { get; } = new();

    /// <summary>What /api/pull can download: the "ollama.com library" of this simulator. Pulled models are copied into <see cref="Catalog"/>.</summary>
    public SimulatorCatalog Library { get; } = new();

    /// <summary>
    /// Makes the server answer <paramref name="path"/> with <paramref name="status"/> and <paramref name="body"/>
    /// (e.g. 500, or 200 with garbage) instead of the real handler, optionally after a delay and only for the next
    /// <paramref name="times"/> requests. For tests of bad server answers.
    /// </summary>
    public void InjectFault(string path, int status, string body, string contentType = "application/json; charset=utf-8", TimeSpan? delay = null, int? times = null) =>
        _server.InjectFault(path, new SimulatorFault(status, body, contentType, delay ?? TimeSpan.Zero, times));

    public void ClearFaults() => _server.ClearFaults();

    /// <summary>The context a model gets when neither the request nor its Modelfile sets num_ctx (the server's OLLAMA_CONTEXT_LENGTH or automatic default).</summary>
    public int DefaultContextLength { get; set; } = 4096;

    /// <summary>
    /// Loads a model as a real server does on its first request (context from request > model num_ctx >
    /// <see cref="DefaultContextLength"/>, capped at native; memory = weights + KV cache), so /api/ps lists it.
    /// </summary>
    public LoadedSimulatedModel LoadModel(string name, int? requestedContextLength = null) =>
        SimulatedModelLoading.Load(this, name, requestedContextLength);

    /// <summary>The scripted behaviours that answer /v1/messages; their declared models are seeded into the catalog.</summary>
    public BehaviorLibrary Behaviors { get; } = BehaviorLibrary.LoadBuiltIn();

    /// <summary>
    /// Multiplies every simulated generation delay: 1 = the behaviours' own pace, 0 = no delays, 0.01 = fast tests of
    /// slow behaviours (memory-thrash, never-finishes).
    /// </summary>
    public double DelayScale { get; set; } = 1.0;

    public SimulatorServer Server => _server;

    public Uri BaseUri => _server.BaseUri;

    public int Port => _server.Port;

    public void Dispose() => _server.Dispose();
}
