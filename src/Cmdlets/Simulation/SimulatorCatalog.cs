using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using LocalModels.Ollama;

namespace LocalModels.Simulation;

/// <summary>
/// The simulator's models, installed and loaded, shared by the native /api endpoints and the Anthropic side.
/// Thread-safe: requests are served concurrently.
/// </summary>
public sealed class SimulatorCatalog
{
    private readonly ConcurrentDictionary<string, SimulatedModel> _models = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, LoadedSimulatedModel> _loaded = new(StringComparer.Ordinal);

    public IReadOnlyList<SimulatedModel> Models => _models.Values.OrderBy(m => m.Name, StringComparer.Ordinal).ToList();

    public IReadOnlyList<LoadedSimulatedModel> Loaded => _loaded.Values.OrderBy(m => m.Model.Name, StringComparer.Ordinal).ToList();

    public void Add(SimulatedModel model) => _models[NormalizeName(model.Name)] = model;

    public bool TryGet(string name, out SimulatedModel model) => _models.TryGetValue(NormalizeName(name), out model!);

    public bool Remove(string name)
    {
        _loaded.TryRemove(NormalizeName(name), out _);
        return _models.TryRemove(NormalizeName(name), out _);
    }

    /// <summary>Marks a model loaded (as a real server does on its first request), with the context it runs at.</summary>
    public LoadedSimulatedModel MarkLoaded(SimulatedModel model, int contextLength, long sizeBytes, long sizeVramBytes) =>
        _loaded[NormalizeName(model.Name)] = new LoadedSimulatedModel(model, contextLength, sizeBytes, sizeVramBytes, DateTimeOffset.UtcNow.AddMinutes(5));

    /// <summary>Ollama names default to the "latest" tag: "devstral-64k" and "devstral-64k:latest" are one model.</summary>
    public static string NormalizeName(string name) => OllamaModelName.WithDefaultTag(name);
}

public sealed record LoadedSimulatedModel(SimulatedModel Model, int ContextLength, long SizeBytes, long SizeVramBytes, DateTimeOffset ExpiresAt);
