using System;
using System.Collections.Generic;
using System.Management.Automation;
using LocalModels.Completers;
using LocalModels.Configuration;
using LocalModels.Errors;
using LocalModels.Platform;

namespace LocalModels.Commands;

/// <summary>Says which setting decides the context: a model's num_ctx, the desktop app, OLLAMA_CONTEXT_LENGTH or Ollama's automatic default.</summary>
[Cmdlet(VerbsCommon.Get, "OllamaContext")]
[OutputType(typeof(OllamaContextReport))]
public sealed class GetOllamaContextCommand : OllamaCmdlet
{
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [ArgumentCompleter(typeof(ModelNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Model { get; set; }

    protected override void ProcessRecord()
    {
        var client = CreateClient();
        var resolver = new ContextResolver(PlatformFacts.Current);
        if (Model is null || Model.Length == 0)
        {
            WriteObject(resolver.Resolve(client.BaseUri, null, Array.Empty<OllamaLoadedModel>(), CancellationToken));
            return;
        }
        foreach (var model in Model)
        {
            try
            {
                var details = client.ShowAsync(model, CancellationToken).GetAwaiter().GetResult();
                IReadOnlyList<OllamaLoadedModel> loaded = client.ListLoadedAsync(CancellationToken).GetAwaiter().GetResult();
                WriteObject(resolver.Resolve(client.BaseUri, details, loaded, CancellationToken));
            }
            catch (LocalModelsException ex)
            {
                Report(ex);
            }
        }
    }
}
