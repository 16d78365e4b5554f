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
        Behaviors.SeedCatalogue(Catalogue);
        _server.Start();
    }

    public string Version { get; set; }

    public SimulatorCatalogue Catalogue { get; } = new();

    /// <summary>The scripted behaviours that answer /v1/messages; their declared models are seeded into the catalogue.</summary>
    public BehaviorLibrary Behaviors { get; } = BehaviorLibrary.LoadBuiltIn();

    /// <summary>Context a model loads with when it sets no num_ctx (old Ollama's fixed default), capped at native.</summary>
    public int DefaultContextLength { get; set; } = 4096;

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
