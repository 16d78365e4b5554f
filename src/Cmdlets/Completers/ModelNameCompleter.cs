using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using LocalModels.Ollama;

namespace LocalModels.Completers;

/// <summary>
/// Completes Ollama model names from the server's /api/tags, honouring an -OllamaHost already on the command
/// line. Asks with a ~1 s timeout and completes nothing, silently, when the server is down or slow.
/// </summary>
public sealed class ModelNameCompleter : IArgumentCompleter
{
    internal static TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(1);

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var word = (wordToComplete ?? "").Trim('\'', '"');
        IReadOnlyList<OllamaModelListing> models;
        try
        {
            // Several hosts (Measure-ModelRun's pool): the first one's models are offered.
            var host = fakeBoundParameters?["OllamaHost"] switch
            {
                string one => one,
                IEnumerable several => several.Cast<object?>().FirstOrDefault()?.ToString(),
                _ => null,
            };
            var client = OllamaClient.ForHost(host, Timeout);
            models = client.ListModelsAsync(default).GetAwaiter().GetResult();
        }
        catch (Exception)
        {
            // A completer must never throw or hang: no server, no suggestions.
            return Array.Empty<CompletionResult>();
        }
        var pattern = WildcardPattern.Get(word + "*", WildcardOptions.IgnoreCase);
        return models
            .Select(m => m.Name)
            .Where(name => pattern.IsMatch(name))
            .OrderBy(name => name, StringComparer.OrdinalIgnoreCase)
            .Select(name => new CompletionResult(name.IndexOf(' ') >= 0 ? $"'{name}'" : name, name, CompletionResultType.ParameterValue, name))
            .ToList();
    }
}
