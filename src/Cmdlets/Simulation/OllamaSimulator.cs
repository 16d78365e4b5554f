using System;
using LocalModels.Simulation.Anthropic;
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
        _server.Start();
    }

    public string Version { get; set; }

    public SimulatorCatalogue Catalogue { get; } = new();

    public SimulatorServer Server => _server;

    public Uri BaseUri => _server.BaseUri;

    public int Port => _server.Port;

    public void Dispose() => _server.Dispose();
}
