using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Management.Automation;
using CliWrap.Builders;
using LocalModels.Claude;
using LocalModels.Errors;
using LocalModels.Measurement;

namespace LocalModels.Commands;

/// <summary>
/// Starts the real Claude Code on a local Ollama model with a safe environment: interactively (the terminal is
/// handed to claude; the exit code is returned), or headless with -Prompt (a measured ModelRun is returned). Both
/// work in the current location, in place.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "ClaudeLocal", DefaultParameterSetName = InteractiveSet)]
[OutputType(typeof(int), ParameterSetName = new[] { InteractiveSet })]
[OutputType(typeof(ModelRun), ParameterSetName = new[] { PromptSet })]
public sealed class InvokeClaudeLocalCommand : LocalModelsCmdlet
{
    private const string InteractiveSet = "Interactive";
    private const string PromptSet = "Prompt";

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Model { get; set; } = "";

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? OllamaHost { get; set; }

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
                ThrowTerminating("InvalidTimeout", ErrorKind.InvalidArgument, $"-Timeout must be positive (got {limit}).", limit);
            var claude = ClaudeLookup.Find(ClaudePath);
            var endpoint = new LocalEndpoint(OllamaHost);
            int? context = null;
            var simulated = false;
            if (!Force) (context, simulated) = Preflight(endpoint);
            else if (ParameterSetName == PromptSet) simulated = IsSimulatedQuietly(endpoint);
            var environment = ClaudeEnvironment.ForLocalModel(endpoint.BaseUri, Model, context);
            var dropped = ClaudeEnvironment.InheritedCredentialNames(Environment.GetEnvironmentVariables().Keys.Cast<string>());
            if (dropped.Count > 0) WriteVerbose($"Not passed to Claude Code: {string.Join(", ", dropped)}.");
            var workingDirectory = SessionState.Path.CurrentFileSystemLocation.ProviderPath;

            if (ParameterSetName == PromptSet) RunHeadless(claude, environment, workingDirectory, context, simulated);
            else RunInteractive(claude.Path, environment, workingDirectory);
        }
        catch (LocalModelsException ex)
        {
            ThrowTerminating(ex);
        }
    }

    private void RunInteractive(string claudePath, ClaudeEnvironment environment, string workingDirectory)
    {
        var arguments = new[] { "--model", Model }.Concat(ArgumentList).ToList();
        var startInfo = new ProcessStartInfo(claudePath)
        {
            Arguments = new ArgumentsBuilder().Add(arguments).Build(),
            WorkingDirectory = workingDirectory,
            // No redirection: claude inherits this console and owns the terminal until it exits.
            UseShellExecute = false,
        };
        environment.ApplyTo(startInfo);
        WriteVerbose($"Starting {claudePath} {startInfo.Arguments} in {workingDirectory}.");
        using var process = Process.Start(startInfo)
            ?? throw new LocalModelsException("ClaudeStartFailed", ErrorKind.InvalidOperation, $"Could not start {claudePath}.", claudePath);
        // Ctrl+C belongs to claude here (it interrupts a turn; twice exits), so the wait is not cut short by it.
        process.WaitForExit();
        var exitCode = process.ExitCode;
        SessionState.PSVariable.Set("global:LASTEXITCODE", exitCode);
        WriteObject(exitCode);
    }

    private void RunHeadless((string Path, string? Version) claude, ClaudeEnvironment environment, string workingDirectory, int? context, bool simulated)
    {
        var traces = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "localmodels-runs");
        Directory.CreateDirectory(traces);
        var runId = $"{DateTime.Now:yyyyMMdd-HHmmss}-invoke-{Guid.NewGuid().ToString("N").Substring(0, 6)}";
        var plan = new RunPlan
        {
            RunId = runId,
            Model = Model,
            Task = RunTasks.Prompt,
            Prompt = Prompt,
            ContextLength = context,
            Repository = workingDirectory,
            WorkingDirectory = workingDirectory,
            ClaudePath = claude.Path,
            ClaudeVersion = claude.Version,
            Environment = environment,
            ExtraArguments = ArgumentList,
            Timeout = Timeout,
            TracePath = System.IO.Path.Combine(traces, runId + RunMetadata.TraceSuffix),
            Simulated = simulated,
        };
        WriteVerbose($"Running headless in {workingDirectory}; trace: {plan.TracePath}.");
        var endpoint = new LocalEndpoint(OllamaHost);
        var engine = new RunEngine(cancellationToken => endpoint.ReadLoaded(Model, cancellationToken));
        var progress = new RunProgressReporter(this, "Invoke-ClaudeLocal") { RunLabel = "(headless)" };
        var result = engine.Execute(plan, progress.Report, CancellationToken);
        progress.Complete();
        if (result.Run.ExitCode is { } exitCode) SessionState.PSVariable.Set("global:LASTEXITCODE", exitCode);
        WriteObject(result.Run);
    }

    /// <summary>With -Force nothing is checked, but a measured run must still say whether it ran on the simulator.</summary>
    private bool IsSimulatedQuietly(LocalEndpoint endpoint)
    {
        try { return endpoint.Probe(CancellationToken).Simulated; }
        catch (LocalModelsException) { return false; }
    }

    /// <summary>Fatal findings stop the command; the rest become warnings. Returns the model's context and whether the server is simulated.</summary>
    private (int? Context, bool Simulated) Preflight(LocalEndpoint endpoint)
    {
        var (_, simulated) = endpoint.Probe(CancellationToken);
        var shown = endpoint.Show(Model, CancellationToken);
        if (!shown.Exists)
            throw new LocalModelsException("OllamaModelNotFound", ErrorKind.ObjectNotFound,
                $"Ollama at {endpoint.HostText} has no model '{Model}'. Pull it with Install-OllamaModel, or check the name with Get-OllamaModel.", Model);
        if (!shown.SupportsTools)
            throw new LocalModelsException("ModelLacksTools", ErrorKind.InvalidOperation,
                $"'{Model}' does not support tools, so it cannot drive Claude Code (Ollama answers 400 'does not support tools'). Choose a model whose capabilities include 'tools'.", Model);
        if (shown.ContextLength is null)
            WriteWarning($"'{Model}' sets no num_ctx: Ollama's default context may be too small for Claude Code (64K is the working minimum). Create a sized copy with New-DevstralModelfile or New-OllamaModel.");
        else if (shown.ContextLength < 65536)
            WriteWarning($"'{Model}' runs with a {shown.ContextLength}-token context; Claude Code's prompt alone is 12-18K tokens and 64K is the working minimum.");
        return (shown.ContextLength, simulated);
    }
}
