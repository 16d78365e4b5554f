using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace LocalModels.Commands;

/// <summary>
/// Lets -OllamaHost name several servers in any form a script has them: addresses, a comma-separated list
/// ("h1:11434,h2:11434"), an array, a pool from New-OllamaHostPool, or Start-OllamaSimulator's objects. Addresses are
/// only gathered here; the cmdlet checks them, so a bad one gets the usual InvalidOllamaHost error. Null and empty
/// stay null (the default host).
/// </summary>
internal sealed class OllamaHostListTransformationAttribute : ArgumentTransformationAttribute
{
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        var hosts = new List<string>();
        Gather(inputData, hosts);
        return hosts.Count == 0 ? null : hosts.Distinct(System.StringComparer.OrdinalIgnoreCase).ToArray();
    }

    private static void Gather(object? value, List<string> hosts)
    {
        var item = value is PSObject wrapped ? wrapped.BaseObject : value;
        switch (item)
        {
            case null:
                return;
            case string text:
                hosts.AddRange(text.Split(',').Select(part => part.Trim()).Where(part => part.Length > 0));
                return;
            case OllamaHostPool pool:
                hosts.AddRange(pool.Addresses);
                return;
            case OllamaPoolHost host:
                hosts.Add(host.OllamaHost);
                return;
            case OllamaSimulatorInfo simulator:
                hosts.Add(simulator.BaseUri);
                return;
            case IEnumerable items:
                foreach (var each in items) Gather(each, hosts);
                return;
            default:
                hosts.Add(item.ToString() ?? "");
                return;
        }
    }
}
