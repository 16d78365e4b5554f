using System.Management.Automation;
using LocalModels.Errors;
using LocalModels.Ollama;

namespace LocalModels.Commands;

/// <summary>
/// Base of the cmdlets that talk to an Ollama server: the common -OllamaHost parameter and the rule for which
/// failures end the command (the server is unusable) and which only fail the current item.
/// </summary>
public abstract class OllamaCmdlet : LocalModelsCmdlet
{
    /// <summary>
    /// Ollama's address; defaults to OLLAMA_HOST, then http://localhost:11434. Null or empty also means the default,
    /// so scripts can pass their own optional -OllamaHost straight through.
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [AllowNull]
    [AllowEmptyString]
    public string? OllamaHost { get; set; }

    private protected OllamaClient CreateClient()
    {
        try
        {
            return OllamaClient.ForHost(OllamaHost);
        }
        catch (LocalModelsException ex)
        {
            ThrowTerminating(ex);
            throw;
        }
    }

    /// <summary>Server-wide failures end the command; anything about one model is reported and the pipeline goes on.</summary>
    private protected void Report(LocalModelsException exception)
    {
        if (exception.ErrorId is ErrorIds.OllamaNotRunning or ErrorIds.OllamaTimeout or ErrorIds.InvalidOllamaHost)
            ThrowTerminating(exception);
        else
            WriteError(exception);
    }
}
