using System.Linq;
using System.Management.Automation;
using LocalModels.Completers;
using LocalModels.Errors;
using LocalModels.Platform;
using LocalModels.Preflight;

namespace LocalModels.Commands;

/// <summary>
/// Preflight before running Claude Code on a local model: one PreflightCheck per check (server, version, model,
/// tools, context, memory, claude), or with -Quiet a single bool per model that is true when nothing failed.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "ClaudeLocal")]
[OutputType(typeof(PreflightCheck))]
[OutputType(typeof(bool))]
public sealed class TestClaudeLocalCommand : OllamaCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [ArgumentCompleter(typeof(ModelNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string Model { get; set; } = "";

    /// <summary>The claude executable to check instead of searching PATH and the usual locations.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ClaudePath { get; set; }

    [Parameter]
    public SwitchParameter Quiet { get; set; }

    protected override void ProcessRecord()
    {
        var client = CreateClient();
        var claudePath = ClaudePath is null ? null : GetUnresolvedProviderPathFromPSPath(ClaudePath);
        try
        {
            var checks = new PreflightRunner(client, PlatformFacts.Current).Run(Model, claudePath, CancellationToken);
            if (Quiet)
            {
                WriteObject(checks.All(c => c.Status != PreflightStatus.Fail));
                return;
            }
            foreach (var check in checks) WriteObject(check);
        }
        catch (LocalModelsException ex)
        {
            Report(ex);
        }
    }
}
