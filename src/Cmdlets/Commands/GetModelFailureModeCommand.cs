using System.Linq;
using System.Management.Automation;
using LocalModels.Classification;

namespace LocalModels.Commands;

/// <summary>Lists the failure taxonomy: what each mode means, its usual cause and the fix to try.</summary>
[Cmdlet(VerbsCommon.Get, "ModelFailureMode")]
[OutputType(typeof(FailureModeInfo))]
public sealed class GetModelFailureModeCommand : LocalModelsCmdlet
{
    /// <summary>Mode names to list; wildcards allowed. All modes when omitted. Binds a run's FailureMode from the pipeline.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("FailureMode")]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    protected override void ProcessRecord()
    {
        if (Name is null)
        {
            foreach (var info in FailureModeCatalog.All) WriteObject(info);
            return;
        }
        foreach (var name in Name)
        {
            // A successful run piped in (FailureMode None) has no taxonomy entry to show.
            if (string.Equals(name, nameof(FailureMode.None), System.StringComparison.OrdinalIgnoreCase)) continue;
            var pattern = WildcardPattern.Get(name, WildcardOptions.IgnoreCase);
            var matches = FailureModeCatalog.All.Where(info => pattern.IsMatch(info.Name.ToString())).ToList();
            if (matches.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(name))
            {
                WriteError(new Errors.LocalModelsException("FailureModeNotFound", Errors.ErrorKind.ObjectNotFound,
                    $"There is no failure mode named '{name}'. Run Get-ModelFailureMode without -Name to list them all.", name));
                continue;
            }
            foreach (var info in matches) WriteObject(info);
        }
    }
}
