using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using LocalModels.Errors;
using LocalModels.Ollama;

namespace LocalModels.Commands;

/// <summary>
/// Asks each of several Ollama servers once (version, simulator or not, its models) and returns them as one pool
/// for -OllamaHost of Measure-ModelRun, New-DevstralModelfile and New-OllamaModel.
/// </summary>
[Cmdlet(VerbsCommon.New, "OllamaHostPool")]
[OutputType(typeof(OllamaHostPool))]
public sealed class NewOllamaHostPoolCommand : LocalModelsCmdlet
{
    private readonly List<string> _addresses = new();

    /// <summary>The servers: addresses, a comma-separated list, or Start-OllamaSimulator's objects (by BaseUri).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("BaseUri")]
    [OllamaHostListTransformation]
    [ValidateNotNullOrEmpty]
    public string[] OllamaHost { get; set; } = System.Array.Empty<string>();

    protected override void ProcessRecord() => _addresses.AddRange(OllamaHost);

    protected override void EndProcessing()
    {
        var hosts = new List<OllamaPoolHost>();
        foreach (var address in _addresses)
        {
            OllamaClient client;
            try
            {
                client = OllamaClient.ForHost(address);
            }
            catch (LocalModelsException ex)
            {
                ThrowTerminating(ex);
                return;
            }
            if (hosts.Any(host => host.OllamaHost == client.HostText)) continue;
            var probed = OllamaPoolHost.Probe(client, CancellationToken);
            if (probed.Available)
                WriteVerbose($"Ollama {probed.Version} at {probed.OllamaHost}{(probed.Simulated ? " (the LocalModels simulator)" : "")}: {probed.ModelCount} models.");
            else
                WriteWarning($"{probed.Error} It stays in the pool: Measure-ModelRun asks it again when a sweep starts.");
            hosts.Add(probed);
        }
        WriteObject(new OllamaHostPool(hosts));
    }
}
