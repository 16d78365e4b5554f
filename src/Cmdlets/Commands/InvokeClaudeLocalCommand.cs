using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using LocalModels.Claude;
using LocalModels.Completers;
using LocalModels.Errors;
using LocalModels.Measurement;
using LocalModels.Ollama;
using LocalModels.Platform;
using LocalModels.Preflight;
using LocalModels.Results;

namespace LocalModels.Commands;

/// <summary>
/// Starts the real Claude Code on a local Ollama model with a safe environment: interactively (the terminal is
/// handed to claude; the exit code is returned), or headless with -Prompt (a measured ModelRun is returned). Both
/// work in the current location, in place.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "ClaudeLocal", DefaultParameterSetName = InteractiveSet)]
[OutputType(typeof(int), ParameterSetName = new[] { InteractiveSet })]
[OutputType(typeof(ModelRun), ParameterSetName = new[] { PromptSet })]
public sealed class InvokeClaudeLocalCommand : OllamaCmdlet
{
    private const string InteractiveSet = "Interactive";
    private const string PromptSet = "Prompt";

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [ArgumentCompleter(typeof(ModelNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string Model { get; set; } = "";

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ClaudePath { get; set; }

    /// <summary>Runs headless with this prompt (stream-json) and returns a measured ModelRun.</summary>
    [Parameter(Mandatory = true, ParameterSetName = PromptSet)]
    [ValidateNotNullOrEmpty]
    public string Prompt { get; set; } = "";

    /// <summary>Time limit of a -Prompt run (TimeSpan or seconds); the process tree is killed when reached.</summary>
    [Parameter(ParameterSetName = PromptSet)]
    [TimeoutTransformation]
    public TimeSpan? Timeout { get; set; }

    /// <summary>Where a -Prompt run's trace is kept; default: localmodels-runs in the temp folder.</summary>
    [Parameter(ParameterSetName = PromptSet)]
    [ValidateNotNullOrEmpty]
    public string? OutputDirectory { get; set; }

    /// <summary>Skips the preflight checks.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Further arguments passed to claude unchanged (e.g. --resume, --append-system-prompt).</summary>
    [Parameter(ValueFromRemainingArguments = true)]
    public string[] ArgumentList { get; set; } = Array.Empty<string>();

    protected override void ProcessRecord()
    {
        try
        {
            if (Timeout is { } limit && limit <= TimeSpan.Zero)
                ThrowTerminating(ErrorIds.InvalidTimeout, ErrorKind.InvalidArgument, $"-Timeout must be positive (got {limit}).", limit);
            var client = CreateClient();
            var claudePath = ClaudePath is null ? null : GetUnresolvedProviderPathFromPSPath(ClaudePath);
            if (!Force) Preflight(client, claudePath);
            var claude = ClaudeLocator.Find(claudePath, CancellationToken);
            // With -Force the server may be down: claude then reports that itself.
            var endpoint = TryConnect(client);
            var context = endpoint?.Show(Model, CancellationToken).ContextLength;
            var environment = ClaudeEnvironment.ForLocalModel(client.BaseUri, Model, context);
            var dropped = ClaudeEnvironment.InheritedCredentialNames(Environment.GetEnvironmentVariables().Keys.Cast<string>());
            if (dropped.Count > 0) WriteVerbose($"Not passed to Claude Code: {string.Join(", ", dropped)}.");
            WriteVerbose("Your settings files apply, except that the module's --settings decide the endpoint, token, headers and apiKeyHelper (the last --settings wins).");
            var workingDirectory = SessionState.Path.CurrentFileSystemLocation.ProviderPath;

            if (ParameterSetName == PromptSet) RunHeadless(claude, environment, workingDirectory, context, endpoint);
            else RunInteractive(claude.Path, environment, workingDirectory);
        }
        catch (LocalModelsException ex)
        {
            ThrowTerminating(ex);
        }
    }

    private void RunInteractive(string claudePath, ClaudeEnvironment environment, string workingDirectory)
    {
        // The module's --settings come last, so the endpoint, token and headers are the module's even over the user's own.
        var arguments = new[] { "--model", Model }.Concat(ArgumentList).Concat(CommandLineSettings.Arguments(environment, unattended: false)).ToList();
        var exitCode = InteractiveClaudeProcess.Run(claudePath, arguments, workingDirectory, environment, WriteVerbose);
        SessionState.PSVariable.Set("global:LASTEXITCODE", exitCode);
        WriteObject(exitCode);
    }

    private void RunHeadless(ClaudeInstallation claude, ClaudeEnvironment environment, string workingDirectory, int? context, LocalEndpoint? endpoint)
    {
        var traces = OutputDirectory is null ? RunOutputFolder.ForPrompt() : GetUnresolvedProviderPathFromPSPath(OutputDirectory);
        Directory.CreateDirectory(traces);
        var runId = $"{DateTime.Now:yyyyMMdd-HHmmss}-invoke-{Guid.NewGuid().ToString("N").Substring(0, 6)}";
        var plan = RunPlan.Create(runId, Model, RunTasks.Prompt, Prompt, claude, environment, traces) with
        {
            ContextLength = context,
            Repository = workingDirectory,
            WorkingDirectory = workingDirectory,
            ExtraArguments = ArgumentList,
            Timeout = Timeout,
            Simulated = endpoint?.Simulated ?? false,
        };
        WriteVerbose($"Running headless in {workingDirectory}; trace: {plan.TracePath}.");
        var engine = new RunEngine(endpoint is null ? null : token => endpoint.ReadLoaded(Model, token));
        var progress = new RunProgressReporter(this, "Invoke-ClaudeLocal") { RunLabel = "(headless)" };
        var result = engine.Execute(plan, progress.Report, CancellationToken);
        progress.Complete();
        if (result.Run.ExitCode is { } exitCode) SessionState.PSVariable.Set("global:LASTEXITCODE", exitCode);
        WriteObject(result.Run);
    }

    private LocalEndpoint? TryConnect(Ollama.OllamaClient client)
    {
        try { return LocalEndpoint.Connect(client, CancellationToken); }
        catch (LocalModelsException) when (Force) { return null; }
    }

    /// <summary>
/// Test-ClaudeLocal's checks: a failed one stops the command with its own error id (a model that cannot fit in RAM
/// too: it would push the machine into swap), warnings are shown and it goes on.
/// </summary>
    private void Preflight(Ollama.OllamaClient client, string? claudePath)
    {
        var checks = new PreflightRunner(client, PlatformFacts.Current).Run(Model, claudePath, CancellationToken);
        foreach (var check in checks.Where(c => c.Status == PreflightStatus.Warn))
            WriteWarning($"{check.Message} {check.Advice}".Trim());
        if (checks.FirstOrDefault(c => c.Status == PreflightStatus.Fail) is not { } failed) return;
        var (id, kind) = failed.Check switch
        {
            "OllamaReachable" => (ErrorIds.OllamaNotRunning, ErrorKind.ConnectionError),
            "ModelPresent" => (ErrorIds.OllamaModelNotFound, ErrorKind.ObjectNotFound),
            "ToolsCapability" => ("ModelLacksTools", ErrorKind.InvalidOperation),
            "ClaudeCode" => (ErrorIds.ClaudeNotFound, ErrorKind.NotInstalled),
            "OllamaVersion" => ("OllamaVersionTooOld", ErrorKind.NotInstalled),
            "Memory" => ("InsufficientMemory", ErrorKind.ResourceUnavailable),
            _ => ("PreflightFailed", ErrorKind.InvalidOperation),
        };
        var forceHint = failed.Advice.Contains("-Force") ? "" : " (Use -Force to start Claude Code anyway.)";
        throw new LocalModelsException(id, kind, $"{failed.Message} {failed.Advice}{forceHint}".Trim(), Model);
    }
}
