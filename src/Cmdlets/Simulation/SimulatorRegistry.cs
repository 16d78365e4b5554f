using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;

namespace LocalModels.Simulation;

/// <summary>
/// The simulators started by Start-OllamaSimulator in this process, by port, so Get-/Stop-OllamaSimulator find
/// them from any runspace. Process-wide on purpose: the HttpListener lives as long as the process.
/// </summary>
public static class SimulatorRegistry
{
    private static readonly ConcurrentDictionary<int, OllamaSimulator> Running = new();

    // Each simulator comes with its own copy of the bundled sample repository, removed when it stops.
    private static readonly ConcurrentDictionary<int, string> SampleRepositories = new();

    public static IReadOnlyList<OllamaSimulator> All => Running.Values.OrderBy(s => s.Port).ToList();

    public static OllamaSimulator Start(int port, string? version, bool withDefaultModels)
    {
        var simulator = version is null ? new OllamaSimulator(port) : new OllamaSimulator(port, version);
        if (withDefaultModels) DefaultCatalog.Populate(simulator);
        Running[simulator.Port] = simulator;
        var sample = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"localmodels-sample-{simulator.Port}-{System.Guid.NewGuid():N}".Substring(0, 40));
        SampleRepository.ExtractTo(sample);
        SampleRepositories[simulator.Port] = sample;
        return simulator;
    }

    public static bool TryGet(int port, out OllamaSimulator simulator) => Running.TryGetValue(port, out simulator!);

    public static bool Stop(int port)
    {
        if (!Running.TryRemove(port, out var simulator)) return false;
        simulator.Dispose();
        if (SampleRepositories.TryRemove(port, out var sample))
        {
            try { System.IO.Directory.Delete(sample, recursive: true); }
            catch (System.IO.IOException) { }
            catch (System.UnauthorizedAccessException) { }
        }
        return true;
    }

    public static LocalModels.OllamaSimulatorInfo Describe(OllamaSimulator simulator) => new()
    {
        BaseUri = simulator.BaseUri.GetLeftPart(System.UriPartial.Authority),
        Port = simulator.Port,
        Version = simulator.Version,
        ModelCount = simulator.Catalog.Models.Count,
        Models = string.Join(", ", simulator.Catalog.Models.Select(m => m.Name)),
        SampleRepository = SampleRepositories.TryGetValue(simulator.Port, out var sample) ? sample : "",
        DelayScale = simulator.DelayScale,
    };
}
