using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using LocalModels.Completers;
using LocalModels.Errors;
using LocalModels.Ollama;

namespace LocalModels.Commands;

/// <summary>
/// Lists installed models (/api/tags, then /api/show for each, in parallel) with their capabilities and context
/// lengths, or with -Loaded the models in memory (/api/ps) with their CPU/GPU split.
/// </summary>
[Cmdlet(VerbsCommon.Get, "OllamaModel", DefaultParameterSetName = InstalledSet)]
[OutputType(typeof(OllamaModel), ParameterSetName = new[] { InstalledSet })]
[OutputType(typeof(OllamaLoadedModel), ParameterSetName = new[] { LoadedSet })]
public sealed class GetOllamaModelCommand : OllamaCmdlet
{
    private const string InstalledSet = "Installed";
    private const string LoadedSet = "Loaded";

    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(ModelNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = LoadedSet)]
    public SwitchParameter Loaded { get; set; }

    protected override void ProcessRecord()
    {
        var client = CreateClient();
        try
        {
            if (Loaded) WriteLoaded(client);
            else WriteInstalled(client);
        }
        catch (LocalModelsException ex)
        {
            Report(ex);
        }
    }

    private void WriteInstalled(OllamaClient client)
    {
        var listings = client.ListModelsAsync(CancellationToken).GetAwaiter().GetResult();
        var selected = Select(listings, l => l.Name);
        var described = selected.Select(l => DescribeOrError(client, l)).ToArray();
        foreach (var task in described)
        {
            var (model, error) = task.GetAwaiter().GetResult();
            if (model is not null) WriteObject(model);
            else Report(error!);
        }
    }

    private async Task<(OllamaModel?, LocalModelsException?)> DescribeOrError(OllamaClient client, OllamaModelListing listing)
    {
        try
        {
            return (await OllamaModelReader.DescribeAsync(client, listing, CancellationToken).ConfigureAwait(false), null);
        }
        catch (LocalModelsException ex)
        {
            return (null, ex);
        }
    }

    private void WriteLoaded(OllamaClient client)
    {
        var loaded = client.ListLoadedAsync(CancellationToken).GetAwaiter().GetResult();
        foreach (var model in Select(loaded, l => l.Name)) WriteObject(model);
    }

    /// <summary>
    /// Keeps the entries matching -Name ("x" also matches "x:latest"). A literal name that matches nothing is an
    /// error; a wildcard that matches nothing is just an empty result, as with Get-ChildItem.
    /// </summary>
    private List<T> Select<T>(IReadOnlyList<T> items, System.Func<T, string> nameOf)
    {
        if (Name is null || Name.Length == 0) return items.OrderBy(nameOf, System.StringComparer.OrdinalIgnoreCase).ToList();
        var result = new List<T>();
        foreach (var requested in Name)
        {
            List<T> matches;
            if (WildcardPattern.ContainsWildcardCharacters(requested))
            {
                var pattern = WildcardPattern.Get(requested, WildcardOptions.IgnoreCase);
                matches = items.Where(i => pattern.IsMatch(nameOf(i)) || pattern.IsMatch(WithoutLatest(nameOf(i)))).ToList();
            }
            else
            {
                matches = items.Where(i => OllamaModelName.SameModel(nameOf(i), requested)).ToList();
                if (matches.Count == 0)
                    WriteError(new LocalModelsException(ErrorIds.OllamaModelNotFound, ErrorKind.ObjectNotFound,
                        Loaded
                            ? $"Model '{requested}' is not loaded. Loaded models appear after their first request; see all installed ones with Get-OllamaModel."
                            : $"Model '{requested}' is not installed. {OllamaErrors.MissingModelAdvice(requested)}",
                        requested));
            }
            result.AddRange(matches.Where(m => !result.Contains(m)).OrderBy(nameOf, System.StringComparer.OrdinalIgnoreCase));
        }
        return result;
    }

    private static string WithoutLatest(string name) =>
        name.EndsWith(":latest", System.StringComparison.OrdinalIgnoreCase) ? name.Substring(0, name.Length - ":latest".Length) : name;
}
