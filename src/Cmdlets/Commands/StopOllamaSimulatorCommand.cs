using System.Management.Automation;
using LocalModels.Errors;
using LocalModels.Simulation;

namespace LocalModels.Commands;

/// <summary>Stops simulators started with Start-OllamaSimulator, by port or by piping their info objects.</summary>
[Cmdlet(VerbsLifecycle.Stop, "OllamaSimulator", SupportsShouldProcess = true, DefaultParameterSetName = PortSet)]
[OutputType(typeof(void))]
public sealed class StopOllamaSimulatorCommand : LocalModelsCmdlet
{
    private const string PortSet = "Port";
    private const string InputObjectSet = "InputObject";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PortSet, ValueFromPipelineByPropertyName = true)]
    public int[] Port { get; set; } = System.Array.Empty<int>();

    [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
    public OllamaSimulatorInfo[] InputObject { get; set; } = System.Array.Empty<OllamaSimulatorInfo>();

    protected override void ProcessRecord()
    {
        var ports = ParameterSetName == InputObjectSet ? System.Array.ConvertAll(InputObject, i => i.Port) : Port;
        foreach (var port in ports)
        {
            if (!SimulatorRegistry.TryGet(port, out _))
            {
                WriteError(new LocalModelsException("SimulatorNotFound", ErrorKind.ObjectNotFound,
                    $"No simulator started by this module listens on port {port}. See the running ones with Get-OllamaSimulator.", port));
                continue;
            }
            if (ShouldProcess($"127.0.0.1:{port}", "Stop the Ollama simulator")) SimulatorRegistry.Stop(port);
        }
    }
}
