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

    /// <summary>
    /// Multiplies the behaviours' simulated delays: 1 (default) is their own pace, 0.05 makes the slow ones
    /// (sim/memory-thrash, sim/never-finishes) quick enough for a dry run.
    /// </summary>
    [Parameter]
    [ValidateRange(0.0, 100.0)]
    public double DelayScale { get; set; } = 1.0;

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
        simulator.DelayScale = DelayScale;
        if (Empty)
        {
            foreach (var model in simulator.Catalog.Models) simulator.Catalog.Remove(model.Name);
        }
        WriteVerbose($"Simulator listening at {simulator.BaseUri}. Use it with: $env:OLLAMA_HOST = '{simulator.BaseUri.GetLeftPart(System.UriPartial.Authority)}'");
        WriteObject(SimulatorRegistry.Describe(simulator));
    }
}
