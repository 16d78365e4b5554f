using System;
using System.Net;
using System.Net.Sockets;
using LocalModels.Simulation;

namespace LocalModels.Tests.Ollama;

/// <summary>A fresh simulator with the default catalogue, disposed with the test.</summary>
public sealed class SimulatorScope : IDisposable
{
    public SimulatorScope()
    {
        Simulator = new OllamaSimulator();
        DefaultCatalog.Populate(Simulator);
    }

    public OllamaSimulator Simulator { get; }

    /// <summary>"http://127.0.0.1:port", as users put it in OLLAMA_HOST.</summary>
    public string Host => Simulator.BaseUri.GetLeftPart(UriPartial.Authority);

    public void Dispose() => Simulator.Dispose();

    /// <summary>An address where nothing listens: a port that was free a moment ago.</summary>
    public static string ClosedHost()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return $"http://127.0.0.1:{port}";
    }
}
