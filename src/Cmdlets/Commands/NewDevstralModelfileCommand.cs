using System.Management.Automation;
using LocalModels.Completers;
using LocalModels.Ollama;

namespace LocalModels.Commands;

/// <summary>
/// The field report's recipe as one command: devstral-small-2 with a 64K context, registered as devstral-64k
/// (other contexts give devstral-&lt;n&gt;k). Pipe several context lengths in to make one model each.
/// </summary>
[Cmdlet(VerbsCommon.New, "DevstralModelfile", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(OllamaModelDefinition))]
public sealed class NewDevstralModelfileCommand : NewModelAliasCommandBase
{
    public const string DefaultBaseModel = "devstral-small-2";

    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("NumCtx")]
    public int ContextLength { get; set; } = Ollama.ContextLength.RecommendedMinimum;

    [Parameter]
    [ArgumentCompleter(typeof(ModelNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string BaseModel { get; set; } = DefaultBaseModel;

    private protected override string BaseModelName => BaseModel;

    private protected override int RequestedContextLength => ContextLength;

    private protected override string DefaultNameFor(int contextLength) => "devstral-" + Ollama.ContextLength.ShortName(contextLength);
}
