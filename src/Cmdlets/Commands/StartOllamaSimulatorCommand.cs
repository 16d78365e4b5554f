using System.Management.Automation;
using LocalModels.Simulation;

namespace LocalModels.Commands;

/// <summary>
/// Starts an Ollama-compatible server in this process on 127.0.0.1 with a realistic catalogue (devstral-small-2,
/// qwen3-coder:30b, deepseek-r1:32b, magistral:24b, qwen3:0.6b). Everything it answers is simulated.
/// </summary>
[Cmdlet(VerbsLifecycle.Start, "OllamaSimulator")]
[OutputType(typeof(OllamaSimulatorInfo))]
public sealed class StartOllamaSimulatorCommand : LocalModelsCmdlet
{
    /// <summary>0 (default) picks a free port.</summary>
    [Parameter(Position = 0)]
    [ValidateRange(0, 65535)]
    public int Port { get; set; }

    /// <summary>The version /api/version reports (default 0.14.2); lower it to test the preflight's version check.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Version { get; set; }

    /// <summary>Start with no models installed (they can still be pulled).</summary>
    [Parameter]
    public SwitchParameter Empty { get; set; }

    protected override void EndProcessing()
    {
        OllamaSimulator simulator;
        try
        {
            simulator = SimulatorRegistry.Start(Port, Version, withDefaultModels: true);
        }
        catch (System.Net.HttpListenerException ex)
        {
            ThrowTerminating("SimulatorPortUnavailable", Errors.ErrorKind.ResourceUnavailable,
                $"The simulator could not listen on port {Port}: {ex.Message}. Choose another -Port, or 0 for a free one.", Port);
            return;
        }
        if (Empty)
        {
            foreach (var model in simulator.Catalogue.Models) simulator.Catalogue.Remove(model.Name);
        }
        WriteVerbose($"Simulator listening at {simulator.BaseUri}. Use it with: $env:OLLAMA_HOST = '{simulator.BaseUri.GetLeftPart(System.UriPartial.Authority)}'");
        WriteObject(SimulatorRegistry.Describe(simulator));
    }
}
