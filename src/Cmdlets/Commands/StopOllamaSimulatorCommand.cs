using System.Linq;
using System.Management.Automation;
using LocalModels.Errors;
using LocalModels.Simulation;

namespace LocalModels.Commands;

/// <summary>
/// Stops simulators started with Start-OllamaSimulator, by port or by piping their info objects. With neither, it
/// stops the only one running; with several running it names their ports instead of guessing.
/// </summary>
[Cmdlet(VerbsLifecycle.Stop, "OllamaSimulator", SupportsShouldProcess = true, DefaultParameterSetName = PortSet)]
[OutputType(typeof(void))]
public sealed class StopOllamaSimulatorCommand : LocalModelsCmdlet
{
    private const string PortSet = "Port";
    private const string InputObjectSet = "InputObject";

    /// <summary>The ports to stop; omitted, the one simulator running in this session.</summary>
    [Parameter(Position = 0, ParameterSetName = PortSet, ValueFromPipelineByPropertyName = true)]
    public int[]? Port { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
    public OllamaSimulatorInfo[] InputObject { get; set; } = System.Array.Empty<OllamaSimulatorInfo>();

    protected override void ProcessRecord()
    {
        var ports = ParameterSetName == InputObjectSet ? System.Array.ConvertAll(InputObject, i => i.Port) : Port ?? TheOnlyRunning();
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

    private int[] TheOnlyRunning()
    {
        var running = SimulatorRegistry.All.Select(s => s.Port).ToArray();
        if (running.Length == 0)
            WriteError(new LocalModelsException("SimulatorNotFound", ErrorKind.ObjectNotFound,
                "No simulator is running in this session; there is nothing to stop.", null));
        else if (running.Length > 1)
            WriteError(new LocalModelsException("SimulatorAmbiguous", ErrorKind.InvalidArgument,
                $"{running.Length} simulators are running (ports {string.Join(", ", running)}). Say which: Stop-OllamaSimulator -Port <port>, or Get-OllamaSimulator | Stop-OllamaSimulator for all.", running));
        return running.Length == 1 ? running : System.Array.Empty<int>();
    }
}
