using System.IO;
using System.Management.Automation;
using LocalModels.Configuration;
using LocalModels.Errors;
using LocalModels.Ollama;

namespace LocalModels.Commands;

/// <summary>
/// What New-OllamaModel and New-DevstralModelfile share: validate, optionally write the Modelfile, register the
/// model through /api/create (from + parameters) with progress, on one host or on each host of a pool (one output
/// object per host, its OllamaHost saying which). A model that already has the requested context
/// is left alone (nothing to do, Created = false); one with another context is only replaced with -Force,
/// because Ollama itself would overwrite it silently and that may be someone's tuned model.
/// </summary>
public abstract class NewModelAliasCommandBase : OllamaCmdlet
{
    private int _progressId;

    // The Modelfiles this command wrote, so a second model never silently overwrites the first one's file.
    private readonly System.Collections.Generic.Dictionary<string, string> _modelfileOwners = new(System.StringComparer.Ordinal);

    /// <summary>The new model's name; each cmdlet has its own default.</summary>
    [Parameter(ValueFromPipelineByPropertyName = false)]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    /// <summary>
    /// Also write the Modelfile here: a folder (any path without an extension) gets &lt;name&gt;.Modelfile, a path
    /// with an extension or named Modelfile is the file itself.
    /// </summary>
    [Parameter]
    [Alias("OutputPath")]
    [ValidateNotNullOrEmpty]
    public string? ModelfilePath { get; set; }

    [Parameter]
    public SwitchParameter Force { get; set; }

    private protected abstract string BaseModelName { get; }

    private protected abstract int RequestedContextLength { get; }

    private protected abstract string DefaultNameFor(int contextLength);

    /// <summary>
    /// One Ollama server, or several (addresses, a comma-separated list, a pool from New-OllamaHostPool): the
    /// model is made on each, so a sweep across the pool finds it everywhere. Hides the base class's single address.
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [AllowNull]
    [AllowEmptyString]
    [AllowEmptyCollection]
    [OllamaHostListTransformation]
    public new string[]? OllamaHost { get; set; }

    protected override void ProcessRecord()
    {
        var hosts = OllamaHost is { Length: > 0 } given ? given : new string?[] { null };
        for (var i = 0; i < hosts.Length; i++)
        {
            base.OllamaHost = hosts[i];
            // One Modelfile serves every host: it is written with the first.
            CreateOnHost(writeModelfile: i == 0, several: hosts.Length > 1);
        }
    }

    private void CreateOnHost(bool writeModelfile, bool several)
    {
        var client = CreateClient();
        var contextLength = RequestedContextLength;
        try
        {
            ContextLength.Validate(contextLength);
            if (ClaudeCodeContextBudget.Shortfall(contextLength) is { } shortfall)
            {
                // Context sweeps measure small windows on purpose (16K, 32K): those get a warning. A window the first
                // request cannot fit in is almost always a typo, so it needs -Force.
                if (contextLength < ClaudeCodeContextBudget.FirstRequestTokens && !Force)
                {
                    WriteError(new LocalModelsException("ContextLengthTooSmall", ErrorKind.InvalidArgument,
                        $"{shortfall} Give at least {ClaudeCodeContextBudget.WorkingMinimum} (65536 recommended), or add -Force to create it anyway.", contextLength));
                    return;
                }
                WriteWarning(shortfall);
            }
            var name = Name ?? DefaultNameFor(contextLength);
            var creator = new ModelAliasCreator(client);
            var plan = creator.PlanAsync(BaseModelName, contextLength, name, CancellationToken).GetAwaiter().GetResult();

            var modelfile = ModelfilePath is null ? "" : ModelAliasCreator.ResolveModelfilePath(GetUnresolvedProviderPathFromPSPath(ModelfilePath), name);
            var target = several ? $"{name} at {client.HostText}" : name;
            if (writeModelfile && modelfile.Length > 0 && _modelfileOwners.TryGetValue(modelfile, out var owner) && !OllamaModelName.SameModel(owner, name))
            {
                WriteError(new LocalModelsException("ModelfilePathConflict", ErrorKind.ResourceExists,
                    $"'{modelfile}' already holds the Modelfile of '{owner}' from this command, so '{name}' was not made. For several models give -ModelfilePath a folder (a path without an extension).",
                    ModelfilePath));
                return;
            }
            if (modelfile.Length > 0) _modelfileOwners[modelfile] = name;
            if (writeModelfile && modelfile.Length > 0 && ShouldProcess(modelfile, $"Write Modelfile (FROM {plan.BaseModel}, PARAMETER num_ctx {contextLength})"))
                ModelAliasCreator.WriteModelfile(modelfile, plan.BaseModel, contextLength);

            if (plan.AlreadyUpToDate && !Force)
            {
                WriteVerbose($"'{name}' already exists{(several ? " at " + client.HostText : "")} with num_ctx {contextLength}; nothing to create (use -Force to recreate it).");
                WriteObject(Definition(plan, modelfile, client, created: false));
                return;
            }
            if (plan.Exists && !Force)
            {
                WriteError(new LocalModelsException("OllamaModelExists", ErrorKind.ResourceExists,
                    $"A model named '{name}' already exists{(several ? " at " + client.HostText : "")} with num_ctx {plan.ExistingContextLength?.ToString() ?? "unset"}. Use -Force to replace it, or choose another -Name.",
                    name));
                return;
            }
            var action = plan.Exists
                ? $"Replace the model with {plan.BaseModel} at num_ctx {contextLength}"
                : $"Create model from {plan.BaseModel} with num_ctx {contextLength}";
            if (!ShouldProcess(target, action)) return;

            var progress = new OllamaProgressReporter(this, ++_progressId, $"Creating {target}");
            PipelineThread.Run<OllamaProgress>(report => creator.CreateAsync(plan, report, CancellationToken), progress.Report);
            progress.Complete();
            WriteObject(Definition(plan, modelfile, client, created: true));
        }
        catch (LocalModelsException ex)
        {
            Report(ex);
        }
        catch (IOException ex)
        {
            WriteError(new LocalModelsException("ModelfileWriteFailed", ErrorKind.InvalidOperation,
                $"The Modelfile could not be written: {ex.Message.TrimEnd('.')}. Choose another -ModelfilePath.", ModelfilePath, ex));
        }
    }

    private static OllamaModelDefinition Definition(ModelAliasPlan plan, string modelfile, OllamaClient client, bool created) => new()
    {
        Name = plan.Name,
        BaseModel = plan.BaseModel,
        ContextLength = plan.ContextLength,
        NativeContextLength = plan.NativeContextLength,
        ModelfilePath = modelfile,
        OllamaHost = client.HostText,
        Created = created,
    };
}
