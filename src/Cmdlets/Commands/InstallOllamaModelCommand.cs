using System.Management.Automation;
using LocalModels.Errors;
using LocalModels.Ollama;

namespace LocalModels.Commands;

/// <summary>Downloads models from the Ollama library (/api/pull) with a progress bar, then emits each as Get-OllamaModel would.</summary>
[Cmdlet(VerbsLifecycle.Install, "OllamaModel", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(OllamaModel))]
public sealed class InstallOllamaModelCommand : OllamaCmdlet
{
    private int _progressId;

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[] Name { get; set; } = System.Array.Empty<string>();

    protected override void ProcessRecord()
    {
        var client = CreateClient();
        foreach (var name in Name)
        {
            try
            {
                OllamaModelName.Validate(name);
                if (!ShouldProcess(name, $"Download the model to the Ollama server at {client.HostText}")) continue;
                var progress = new OllamaProgressReporter(this, ++_progressId, $"Pulling {name}");
                PipelineThread.Run<OllamaProgress>(report => client.PullAsync(name, report, CancellationToken), progress.Report);
                progress.Complete();
                WriteObject(OllamaModelReader.DescribeAsync(client, name, CancellationToken).GetAwaiter().GetResult());
            }
            catch (LocalModelsException ex)
            {
                Report(ex);
            }
        }
    }
}
