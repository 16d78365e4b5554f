using System.Linq;
using System.Management.Automation;
using LocalModels.Completers;
using LocalModels.Configuration;
using LocalModels.Errors;
using LocalModels.Ollama;
using LocalModels.Platform;

namespace LocalModels.Commands;

/// <summary>
/// Sets the context window where Claude Code will see it: for one model, as a context-sized alias (default) or
/// in place; or for the whole server, as OLLAMA_CONTEXT_LENGTH (launchctl / systemd drop-in / user environment)
/// and/or the desktop app's own setting. Every change goes through ShouldProcess and says what needs a restart.
/// </summary>
[Cmdlet(VerbsCommon.Set, "OllamaContext", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = AliasSet)]
[OutputType(typeof(OllamaContextSetting))]
public sealed class SetOllamaContextCommand : OllamaCmdlet
{
    private const string AliasSet = "ModelAlias";
    private const string InPlaceSet = "ModelInPlace";
    private const string ServerSet = "Server";
    private int _progressId;

    [Parameter(Mandatory = true, Position = 0)]
    [Alias("NumCtx")]
    public int ContextLength { get; set; }

    [Parameter(Mandatory = true, Position = 1, ParameterSetName = AliasSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Parameter(Mandatory = true, Position = 1, ParameterSetName = InPlaceSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ModelNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string Model { get; set; } = "";

    /// <summary>Name of the alias to create; default &lt;model&gt;-&lt;n&gt;k.</summary>
    [Parameter(ParameterSetName = AliasSet)]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    /// <summary>Change the model itself instead of creating an alias.</summary>
    [Parameter(Mandatory = true, ParameterSetName = InPlaceSet)]
    public SwitchParameter InPlace { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = ServerSet)]
    public ContextScope Scope { get; set; }

    [Parameter(ParameterSetName = ServerSet)]
    public ContextTarget Target { get; set; } = ContextTarget.Environment;

    protected override void ProcessRecord()
    {
        try
        {
            Ollama.ContextLength.Validate(ContextLength);
            if (ParameterSetName == ServerSet) SetServer();
            else SetModel();
        }
        catch (LocalModelsException ex)
        {
            Report(ex);
        }
    }

    private void SetModel()
    {
        var client = CreateClient();
        var creator = new ModelAliasCreator(client);
        var name = InPlace ? Model : Name ?? ModelAliasCreator.DefaultName(Model, ContextLength);
        var plan = creator.PlanAsync(Model, ContextLength, name, CancellationToken).GetAwaiter().GetResult();
        var action = InPlace ? $"Set num_ctx to {ContextLength} (was {plan.ExistingContextLength?.ToString() ?? "unset"})" : $"Create alias of {Model} with num_ctx {ContextLength}";
        if (!ShouldProcess(name, action)) return;

        var progress = new OllamaProgressReporter(this, ++_progressId, $"Setting the context of {name}");
        PipelineThread.Run<OllamaProgress>(report => creator.CreateAsync(plan, report, CancellationToken), progress.Report);
        progress.Complete();

        var loaded = client.ListLoadedAsync(CancellationToken).GetAwaiter().GetResult().FirstOrDefault(l => OllamaModelName.SameModel(l.Name, name));
        bool? verified = loaded?.ContextLength is { } running ? running == ContextLength : null;
        var message = loaded is null
            ? $"'{name}' runs with num_ctx {ContextLength} from its next load. Use it with Claude Code as --model {name}."
            : verified == true
                ? $"'{name}' is loaded with context {ContextLength}."
                : $"'{name}' is loaded with context {loaded.ContextLength}; it gets {ContextLength} when reloaded ('ollama stop {name}', or wait for it to unload).";
        WriteObject(new OllamaContextSetting
        {
            Scope = ContextScope.Model,
            Location = client.HostText + "/" + name,
            Model = name,
            PreviousValue = plan.Exists ? plan.ExistingContextLength : null,
            NewValue = ContextLength,
            RestartRequired = verified == false,
            Verified = verified,
            Message = message,
        });
    }

    private void SetServer()
    {
        if (Scope != ContextScope.Server)
            ThrowTerminating("InvalidContextScope", ErrorKind.InvalidArgument, "-Scope Model needs -Model <name>; for the server use -Scope Server.", Scope);
        var platform = PlatformFacts.Current;
        var app = new DesktopAppSettings(platform);
        if (Target is ContextTarget.Environment or ContextTarget.All) SetEnvironment(platform, app);
        if (Target is ContextTarget.DesktopApp or ContextTarget.All)
        {
            try
            {
                SetDesktopApp(app);
            }
            catch (LocalModelsException ex)
            {
                WriteError(ex);
            }
        }
    }

    private void SetEnvironment(IPlatformFacts platform, DesktopAppSettings app)
    {
        var store = new ServerContextStore(platform);
        var change = store.Plan(ContextLength, CancellationToken);
        var appSetting = app.Read(CancellationToken);
        if (appSetting.OverridesEnvironment && Target == ContextTarget.Environment)
            WriteWarning($"The Ollama app's own Context length setting ({appSetting.Value}) overrides OLLAMA_CONTEXT_LENGTH when the app starts the server. Change it in the app, or quit the app and run Set-OllamaContext -Scope Server -Target DesktopApp.");
        if (!ShouldProcess(change.Location, change.Action)) return;
        store.Apply(change, CancellationToken);
        WriteObject(ServerSetting(change, appSetting.OverridesEnvironment ? $" Note: the app's own setting ({appSetting.Value}) takes precedence while it is non-zero." : ""));
    }

    private void SetDesktopApp(DesktopAppSettings app)
    {
        app.EnsureAppNotRunning();
        var change = app.Plan(ContextLength, CancellationToken);
        if (!ShouldProcess(change.Location, change.Action)) return;
        app.Apply(change, CancellationToken);
        WriteObject(ServerSetting(change, ""));
    }

    private OllamaContextSetting ServerSetting(SettingChange change, string note) => new()
    {
        Scope = ContextScope.Server,
        Target = change.Target,
        Location = change.Location,
        PreviousValue = change.PreviousValue,
        NewValue = change.NewValue,
        RestartRequired = true,
        Verified = null,
        Message = change.RestartAdvice + " Models with their own num_ctx keep it." + note,
    };
}
