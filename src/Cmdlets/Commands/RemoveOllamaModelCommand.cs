using System.Management.Automation;
using LocalModels.Completers;
using LocalModels.Errors;

namespace LocalModels.Commands;

/// <summary>Deletes installed models (/api/delete). Asks for confirmation: a re-download can be many gigabytes.</summary>
[Cmdlet(VerbsCommon.Remove, "OllamaModel", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveOllamaModelCommand : OllamaCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ModelNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] Name { get; set; } = System.Array.Empty<string>();

    protected override void ProcessRecord()
    {
        var client = CreateClient();
        foreach (var name in Name)
        {
            if (!ShouldProcess(name, $"Delete the model from the Ollama server at {client.HostText}")) continue;
            try
            {
                client.DeleteAsync(name, CancellationToken).GetAwaiter().GetResult();
                WriteVerbose($"Deleted '{name}'.");
            }
            catch (LocalModelsException ex)
            {
                Report(ex);
            }
        }
    }
}
