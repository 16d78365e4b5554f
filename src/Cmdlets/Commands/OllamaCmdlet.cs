using System.Management.Automation;
using LocalModels.Errors;
using LocalModels.Ollama;

namespace LocalModels.Commands;

/// <summary>
/// Base of the cmdlets that talk to an Ollama server: the common -OllamaHost parameter and how their failures are
/// reported (see <see cref="Report"/>).
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

    /// <summary>
    /// Every failure here is non-terminating, so -ErrorAction, -ErrorVariable and $? work as with any cmdlet: one
    /// model's problem fails that item and the pipeline goes on. A server that cannot be reached is reported once
    /// per command, not once per piped item. Bad input (an -OllamaHost that is not an address) stops the command
    /// in <see cref="CreateClient"/>; Measure-ModelRun and Invoke-ClaudeLocal stop on their own when the server is gone.
    /// </summary>
    private protected void Report(LocalModelsException exception)
    {
        var serverWide = exception.ErrorId is ErrorIds.OllamaNotRunning or ErrorIds.OllamaTimeout;
        if (serverWide && !_serverFailures.Add(exception.ErrorId + "\n" + exception.Message)) return;
        WriteError(exception);
    }

    private readonly System.Collections.Generic.HashSet<string> _serverFailures = new(System.StringComparer.Ordinal);
}
