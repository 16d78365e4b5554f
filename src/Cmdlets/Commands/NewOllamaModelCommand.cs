using System.Management.Automation;
using LocalModels.Completers;
using LocalModels.Configuration;
using LocalModels.Ollama;

namespace LocalModels.Commands;

/// <summary>Creates a model with a fixed context window from an installed base model (and optionally writes its Modelfile).</summary>
[Cmdlet(VerbsCommon.New, "OllamaModel", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(OllamaModelDefinition))]
public sealed class NewOllamaModelCommand : NewModelAliasCommandBase
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Model")]
    [ArgumentCompleter(typeof(ModelNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string BaseModel { get; set; } = "";

    [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true)]
    [Alias("NumCtx")]
    public int ContextLength { get; set; }

    private protected override string BaseModelName => BaseModel;

    private protected override int RequestedContextLength => ContextLength;

    private protected override string DefaultNameFor(int contextLength) => ModelAliasCreator.DefaultName(BaseModel, contextLength);
}
