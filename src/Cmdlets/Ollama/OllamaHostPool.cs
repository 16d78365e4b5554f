using System;
using System.Collections.Generic;
using System.Linq;

namespace LocalModels;

/// <summary>
/// Several Ollama servers one sweep runs on at once (New-OllamaHostPool): pass it to -OllamaHost of
/// Measure-ModelRun, New-DevstralModelfile or New-OllamaModel. A script builds it once and reuses it.
/// </summary>
public sealed class OllamaHostPool
{
    public OllamaHostPool(IEnumerable<OllamaPoolHost> hosts) => Hosts = hosts.ToList();

    public IReadOnlyList<OllamaPoolHost> Hosts { get; }

    public int Count => Hosts.Count;

    /// <summary>The hosts' addresses, in the order given.</summary>
    public string[] Addresses => Hosts.Select(host => host.OllamaHost).ToArray();

    public override string ToString() => string.Join(", ", Addresses);
}
