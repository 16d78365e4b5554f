using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using LocalModels.Claude;
using LocalModels.Completers;
using LocalModels.Errors;
using LocalModels.Measurement;
using LocalModels.Ollama;
using LocalModels.Platform;
using LocalModels.Results;

namespace LocalModels.Commands;

/// <summary>
/// Runs the real Claude Code headless on one or more local models, each run in a disposable copy of a repository,
/// and emits one measured ModelRun per run while writing traces and results to an output directory.
/// </summary>
[Cmdlet(VerbsDiagnostic.Measure, "ModelRun", DefaultParameterSetName = PathSet)]
[OutputType(typeof(ModelRun))]
public sealed partial class MeasureModelRunCommand : OllamaCmdlet
{
    private const string PathSet = "Path";
    private const string LiteralPathSet = "LiteralPath";

    private MeasurementSession? _session;
    private LocalEndpoint? _endpoint;
    private RunProgressReporter? _progress;
    private int _runNumber;
    private IReadOnlyList<string> _createdOutputFolders = Array.Empty<string>();

    /// <summary>Model names; from the pipeline as strings or objects with a Name or Model property.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [ArgumentCompleter(typeof(ModelNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] Model { get; set; } = Array.Empty<string>();

    /// <summary>
    /// One Ollama server, or several (addresses, a comma-separated list, a pool from New-OllamaHostPool): with
    /// several, the runs are spread across them and measured at the same time. Hides the base class's single
    /// address; a single host keeps the one-at-a-time behaviour.
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [AllowNull]
    [AllowEmptyString]
    [AllowEmptyCollection]
    [OllamaHostListTransformation]
    public new string[]? OllamaHost { get; set; }

    /// <summary>Runs at a time on each host (default 1: Ollama serves one model at a time well).</summary>
    [Parameter]
    [ValidateRange(1, 16)]
    public int ThrottleLimit { get; set; } = 1;

    /// <summary>The context length the model runs with (from New-DevstralModelfile output); recorded on the run.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateRange(1, int.MaxValue)]
    public int? ContextLength { get; set; }

    [Parameter(Mandatory = true, Position = 1, ParameterSetName = PathSet)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet)]
    [Alias("PSPath", "LP")]
    [ValidateNotNullOrEmpty]
    public string LiteralPath { get; set; } = "";

    [Parameter]
    [ValidateSet(RunTasks.Init, RunTasks.Prompt)]
    public string Task { get; set; } = RunTasks.Init;

    [Parameter]
    public string? Prompt { get; set; }

    /// <summary>Wall-clock limit per run (TimeSpan or seconds); the whole process tree is killed when it is reached.</summary>
    [Parameter]
    [TimeoutTransformation]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromHours(1);

    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int? MaxTurns { get; set; }

    [Parameter]
    [ValidateRange(1, 1000)]
    public int Repeat { get; set; } = 1;

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? OutputDirectory { get; set; }

    [Parameter]
    public SwitchParameter Resume { get; set; }

    [Parameter]
    [ValidateRange(0, 100)]
    public int MaxInterventions { get; set; }

    [Parameter]
    public SwitchParameter StopOnFailure { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ClaudePath { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[] Tools { get; set; } = HeadlessArguments.DefaultTools.ToArray();

    /// <summary>
    /// Variables the task needs beyond the allowlist every run starts from (PATH, HOME, locale, terminal, temp
    /// folders): name = value. Credentials, endpoint settings and ANTHROPIC_* are the module's and refused.
    /// </summary>
    [Parameter]
    [ValidateNotNull]
    public System.Collections.Hashtable Environment { get; set; } = new();

    /// <summary>The most a repository copy may hold, in bytes (default 2 GB); a larger repository stops with RepositoryTooLarge.</summary>
    [Parameter]
    [ValidateRange(1L, long.MaxValue)]
    public long MaxRepositorySize { get; set; } = 2L * 1024 * 1024 * 1024;

    /// <summary>
    /// The most a run's commands may add to its copy and temp folder, in bytes (default 10 GB); past it, or when a disk
    /// the run writes to falls under 1 GB free, the run stops as DiskLimit.
    /// </summary>
    [Parameter]
    [ValidateRange(1L, long.MaxValue)]
    public long MaxDiskUse { get; set; } = DiskGuard.DefaultMaxGrowth;

    protected override void BeginProcessing()
    {
        var repository = ResolveRepository();
        if (Task == RunTasks.Prompt && string.IsNullOrWhiteSpace(Prompt))
            ThrowTerminating("PromptRequired", ErrorKind.InvalidArgument, "-Task Prompt needs the text to send: add -Prompt '<what Claude Code should do>'.", Task);
        if (Timeout <= TimeSpan.Zero)
            ThrowTerminating(ErrorIds.InvalidTimeout, ErrorKind.InvalidArgument, $"-Timeout must be positive (got {Timeout}). Give a TimeSpan or a number of seconds, e.g. -Timeout 1800.", Timeout);

        var taskVariables = TaskVariables();
        var output = ResolveOutputDirectory();
        StopIfOutputIsInRepository(output, repository);
        try
        {
            _createdOutputFolders = new RunResultsStore(output).EnsureWritable();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            ThrowTerminating(new LocalModelsException("OutputDirectoryNotWritable", ErrorKind.PermissionDenied,
                $"Cannot write results to '{output}': {ex.Message} Choose another folder with -OutputDirectory.", output, ex));
        }
        try
        {
            DiskGuard.EnsureRoom(output);
        }
        catch (LocalModelsException ex)
        {
            ThrowTerminating(ex);
        }

        try
        {
            var claude = ClaudeLocator.Find(ClaudePath is null ? null : GetUnresolvedProviderPathFromPSPath(ClaudePath), CancellationToken);
            WriteVerbose($"Claude Code {claude.Version ?? "(version unknown)"} at {claude.Path}.");
            WriteVerbose($"Results and traces go to {output} (runs.jsonl, runs.csv, <runId>.stream.jsonl, <runId>.meta.json).");
            WriteVerbose($"Each run: claude {string.Join(" ", HeadlessArguments.Build(Task == RunTasks.Init ? HeadlessArguments.InitPrompt : "<prompt>", "<model>", Tools, MaxTurns))}");
            WriteVerbose($"Claude Code inherits only {string.Join(", ", EnvironmentAllowlist.Names)} and LC_* from this session{(taskVariables.Count > 0 ? ", plus " + string.Join(", ", taskVariables.Keys) : "")}; no settings file of the repository is loaded.");

            _session = new MeasurementSession(new MeasurementSettings
            {
                Repository = repository,
                Task = Task,
                Prompt = Prompt,
                Tools = Tools,
                MaxTurns = MaxTurns,
                Timeout = Timeout,
                MaxInterventions = MaxInterventions,
                StopOnFailure = StopOnFailure,
                ClaudePath = claude.Path,
                ClaudeVersion = claude.Version,
                OutputDirectory = output,
                Environment = taskVariables,
                MaxRepositoryBytes = MaxRepositorySize,
                MaxDiskUse = MaxDiskUse,
            }, Resume);
            _progress = new RunProgressReporter(this, "Measure-ModelRun");
        }
        catch (LocalModelsException ex)
        {
            ThrowTerminating(ex);
        }
        // Hosts from the pipeline (New-DevstralModelfile's OllamaHost) arrive one per object: those run one at a time.
        if (OllamaHost is { Length: > 1 } || ThrottleLimit > 1) StartPool();
    }

    /// <summary>The server for this pipeline object (-OllamaHost may come from New-DevstralModelfile output), asked once per address.</summary>
    private LocalEndpoint Endpoint()
    {
        var client = CreateClient();
        if (_endpoint is not null && _endpoint.BaseUri == client.BaseUri) return _endpoint;
        try
        {
            _endpoint = LocalEndpoint.Connect(client, CancellationToken);
        }
        catch (LocalModelsException ex)
        {
            ThrowTerminating(ex);
        }
        WriteVerbose($"Ollama {_endpoint!.Version} at {_endpoint.HostText}{(_endpoint.Simulated ? " is the LocalModels simulator: runs are marked Simulated" : "")}.");
        return _endpoint;
    }

    protected override void ProcessRecord()
    {
        if (_pool is not null)
        {
            PlanOnPool();
            return;
        }
        if (OllamaHost is { Length: > 1 })
            ThrowTerminating("OllamaHostPoolFromPipeline", ErrorKind.InvalidArgument,
                "Several Ollama hosts came with one pipeline object. Give them to -OllamaHost on the command line (an array, a comma-separated list or New-OllamaHostPool) to spread the runs across them.",
                string.Join(",", OllamaHost));
        base.OllamaHost = OllamaHost?.FirstOrDefault();
        var endpoint = Endpoint();
        foreach (var model in Model)
        {
            int? context;
            try
            {
                var shown = endpoint.Show(model, CancellationToken);
                if (!shown.Exists)
                {
                    WriteError(new LocalModelsException(ErrorIds.OllamaModelNotFound, ErrorKind.ObjectNotFound,
                        $"Ollama at {endpoint.HostText} has no model '{model}'; going on with the next model. {OllamaErrors.MissingModelAdvice(model)}", model));
                    continue;
                }
                context = ContextLength ?? shown.ContextLength;
            }
            catch (LocalModelsException ex)
            {
                Report(ex);
                continue;
            }

            for (var repetition = 1; repetition <= Repeat; repetition++)
            {
                if (_session!.AlreadyMeasured(model, context, repetition))
                {
                    WriteVerbose($"Skipping {model} run {repetition}: already in {_session.Store.JsonLinesPath} (-Resume).");
                    continue;
                }
                _runNumber++;
                _progress!.RunLabel = $"(run {repetition} of {Repeat}, #{_runNumber} overall)";
                WriteVerbose($"Run {_runNumber}: {model}{(context is null ? "" : $" at {context} tokens")}, repetition {repetition} of {Repeat}.");
                RunEngineResult result;
                try
                {
                    result = _session.Run(endpoint, model, context, repetition, _progress.Report, CancellationToken);
                }
                catch (LocalModelsException ex)
                {
                    // The repository cannot be copied (too large, too slow, unreadable): no run can go on.
                    ThrowTerminating(ex);
                    return;
                }
                WriteVerbose($"Run {result.Run.RunId} ended: {result.Run.ExitReason}; trace {result.Run.TracePath}.");
                WriteObject(result.Run);
                if (result.Cancelled) throw new PipelineStoppedException();
            }
        }
    }

    protected override void EndProcessing()
    {
        if (_pool is not null) FinishPool();
        _progress?.Complete();
    }

    // A call that fails before its first run (unknown model, server down) leaves no empty results folder behind,
    // so a later -Resume without -OutputDirectory finds the last real sweep.
    protected override void Release()
    {
        ReleasePool();
        RunResultsStore.RemoveIfEmpty(_createdOutputFolders);
    }

    /// <summary>-Environment as name -> value; a name the module decides itself is refused with EnvironmentVariableNotAllowed.</summary>
    private Dictionary<string, string> TaskVariables()
    {
        var probe = ClaudeEnvironment.ForLocalModel(new Uri("http://127.0.0.1"), "model", 1);
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in Environment)
        {
            var name = entry.Key?.ToString() ?? "";
            if (name.Length == 0 || name.Contains("=") || probe.IsReserved(name) || name is "CLAUDE_CONFIG_DIR" or "TMPDIR" or "CLAUDE_CODE_TMPDIR" or "CLAUDE_CODE_MAX_RETRIES")
                ThrowTerminating("EnvironmentVariableNotAllowed", ErrorKind.InvalidArgument,
                    $"-Environment cannot set '{name}': credentials, endpoint and isolation settings are the module's own. Pass only what the task itself needs.", name);
            variables[name] = entry.Value?.ToString() ?? "";
        }
        return variables;
    }

    private string ResolveRepository()
    {
        string path;
        if (ParameterSetName == LiteralPathSet)
        {
            path = GetUnresolvedProviderPathFromPSPath(LiteralPath);
        }
        else
        {
            try
            {
                var resolved = GetResolvedProviderPathFromPSPath(Path, out _);
                if (resolved.Count != 1)
                    ThrowTerminating("RepositoryAmbiguous", ErrorKind.InvalidArgument, $"'{Path}' matches {resolved.Count} paths; give exactly one repository.", Path);
                path = resolved[0];
            }
            catch (ItemNotFoundException)
            {
                path = GetUnresolvedProviderPathFromPSPath(Path);
            }
        }
        if (File.Exists(path))
            ThrowTerminating("RepositoryNotADirectory", ErrorKind.InvalidArgument, $"'{path}' is a file; -Path must name the repository's folder.", path);
        if (!Directory.Exists(path))
            ThrowTerminating(ErrorIds.RepositoryNotFound, ErrorKind.ObjectNotFound, $"There is no folder at '{path}'. Check -Path (clone the repository first).", path);
        return path;
    }

    /// <summary>
    /// Results written inside the repository under measurement would change it, and every run would copy the runs
    /// before it (their traces and kept CLAUDE.md files): refused before anything is written.
    /// </summary>
    private void StopIfOutputIsInRepository(string output, string repository)
    {
        if (!PathContainment.IsWithin(System.IO.Path.GetFullPath(output), System.IO.Path.GetFullPath(repository))) return;
        var why = $"would put the results inside the repository you are measuring ('{repository}'): that changes it, and each run would copy the runs before it.";
        ThrowTerminating("OutputDirectoryInRepository", ErrorKind.InvalidArgument, OutputDirectory is null
            ? $"Results go to ./{RunOutputFolder.DefaultName} by default, which {why} Run from another folder, or give -OutputDirectory outside the repository (e.g. -OutputDirectory ../{RunOutputFolder.DefaultName})."
            : $"-OutputDirectory '{output}' {why} Choose a folder outside the repository.", output);
    }

    private string ResolveOutputDirectory()
    {
        if (OutputDirectory is not null) return GetUnresolvedProviderPathFromPSPath(OutputDirectory);
        return RunOutputFolder.ForSweep(GetUnresolvedProviderPathFromPSPath(RunOutputFolder.DefaultName), Resume);
    }
}
