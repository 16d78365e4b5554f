using System.Management.Automation;
using LocalModels.Simulation;

namespace LocalModels.Commands;

/// <summary>Lists the simulators started in this process.</summary>
[Cmdlet(VerbsCommon.Get, "OllamaSimulator")]
[OutputType(typeof(OllamaSimulatorInfo))]
public sealed class GetOllamaSimulatorCommand : LocalModelsCmdlet
{
    [Parameter(Position = 0)]
    public int[]? Port { get; set; }

    protected override void EndProcessing()
    {
        foreach (var simulator in SimulatorRegistry.All)
        {
            if (Port is null || System.Array.IndexOf(Port, simulator.Port) >= 0)
                WriteObject(SimulatorRegistry.Describe(simulator));
        }
    }
}
