using LocalModels.Classification;
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using LocalModels.Claude;
using LocalModels.Ollama;
using LocalModels.Platform;
using LocalModels.Results;
using LocalModels.Verification;
using LocalModels.Traces;

namespace LocalModels.Measurement;

/// <summary>The settings shared by every run of one Measure-ModelRun call.</summary>
internal sealed record MeasurementSettings
{
    public string Repository { get; init; } = "";
    public string Task { get; init; } = RunTasks.Init;
    public string? Prompt { get; init; }
    public IReadOnlyList<string> Tools { get; init; } = HeadlessArguments.DefaultTools;
    public int? MaxTurns { get; init; }
    public TimeSpan? Timeout { get; init; }
    public int MaxInterventions { get; init; }
    public bool StopOnFailure { get; init; }
    public string ClaudePath { get; init; } = "";
    public string? ClaudeVersion { get; init; }
    public string OutputDirectory { get; init; } = "";

    /// <summary>Variables a task needs beyond the allowlist (-Environment), name -> value.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>The most a repository copy may hold; past it the run stops with RepositoryTooLarge.</summary>
    public long MaxRepositoryBytes { get; init; } = 2L * 1024 * 1024 * 1024;

    /// <summary>The most a run's commands may add to its copy and temp folder (-MaxDiskUse); see <see cref="DiskGuard"/>.</summary>
    public long MaxDiskUse { get; init; } = DiskGuard.DefaultMaxGrowth;

    /// <summary>Retries of a failed API call inside Claude Code: small, so a dead server fails a run in seconds, not minutes.</summary>
    public int MaxRetries { get; init; } = 2;
}

/// <summary>
/// One Measure-ModelRun call: each run gets a disposable copy of the repository, an isolated Claude Code config
/// and temp directory, a trace and a metadata sidecar in the output directory; the deliverable is kept, the copy
/// deleted, and the finished run appended to runs.jsonl / runs.csv at once.
/// </summary>
internal sealed class MeasurementSession
{
    private readonly MeasurementSettings _settings;
    private readonly HashSet<RunKey> _done;

    /// <summary>
    /// The ExitReason of a run whose Ollama server stopped answering: it is recorded, but it measured nothing about
    /// the model, so a host pool runs it again on another host and -Resume does not count it as done.
    /// </summary>
    public const string HostUnavailable = "host unavailable";

    public MeasurementSession(MeasurementSettings settings, bool resume)
    {
        _settings = settings;
        Store = new RunResultsStore(settings.OutputDirectory);
        RemoveLeftovers();
        _done = resume
            ? new HashSet<RunKey>(Store.ReadRuns().Where(Measured).Select(RunKey.Of))
            : new HashSet<RunKey>();
    }

    /// <summary>A recorded run -Resume counts as done: neither stopped by Ctrl+C nor lost with its server.</summary>
    private static bool Measured(ModelRun run) => run.FailureMode != FailureMode.Cancelled && run.ExitReason != HostUnavailable;

    public RunResultsStore Store { get; }

    public string Prompt => _settings.Task == RunTasks.Init ? HeadlessArguments.InitPrompt : _settings.Prompt ?? "";

    /// <summary>True when -Resume found this run already in runs.jsonl.</summary>
    public bool AlreadyMeasured(string model, int? contextLength, int repetition)
    {
        var key = new RunKey(model, _settings.Task, _settings.Task == RunTasks.Prompt ? Prompt : "", contextLength, repetition);
        // Runs on several hosts finish on their own threads.
        lock (_done) return _done.Contains(key);
    }

    /// <summary>Runs and records one measurement. A cancelled run is returned but not recorded, so -Resume redoes it.</summary>
    public RunEngineResult Run(LocalEndpoint endpoint, string model, int? contextLength, int repetition, Action<RunProgress>? progress, CancellationToken cancellationToken)
    {
        var runId = NewRunId(model, contextLength, repetition);
        var output = _settings.OutputDirectory;
        DiskGuard.EnsureRoom(output);
        var configDirectory = Path.Combine(output, runId + RunSidecar.ConfigDirectorySuffix);
        Directory.CreateDirectory(configDirectory);
        // The copy counts against the run's time limit too: a repository that never finishes copying is stopped.
        using var copy = RepositoryCopy.Create(_settings.Repository, runId, _settings.MaxRepositoryBytes,
            _settings.Timeout ?? TimeSpan.FromHours(1), cancellationToken);
        // The run's own empty home, unless the task names one (-Environment @{ HOME = ... }).
        var environment = ClaudeEnvironment.ForLocalModel(endpoint.BaseUri, model, contextLength).InheritOnlyAllowlist()
            .With("HOME", copy.HomeDirectory);
        foreach (var pair in _settings.Environment) environment.With(pair.Key, pair.Value);
        environment
            .With("CLAUDE_CONFIG_DIR", configDirectory)
            .With("TMPDIR", copy.TempDirectory)
            .With("CLAUDE_CODE_TMPDIR", copy.TempDirectory)
            .With("CLAUDE_CODE_MAX_RETRIES", _settings.MaxRetries.ToString(CultureInfo.InvariantCulture));
        var plan = RunPlan.Create(runId, model, _settings.Task, Prompt, new ClaudeInstallation(_settings.ClaudePath, _settings.ClaudeVersion), environment, output) with
        {
            ContextLength = contextLength,
            Repetition = repetition,
            Repository = _settings.Repository,
            WorkingDirectory = copy.Repository,
            Tools = _settings.Tools,
            MaxTurns = _settings.MaxTurns,
            Timeout = _settings.Timeout,
            MaxInterventions = _settings.MaxInterventions,
            StderrPath = Path.Combine(output, runId + ".stderr.txt"),
            StopOnFailure = _settings.StopOnFailure,
            Simulated = endpoint.Simulated,
            Unattended = true,
            ScratchDirectory = copy.Root,
            MaxDiskUse = _settings.MaxDiskUse,
        };
        var sidecar = Sidecar(plan, configDirectory, endpoint);
        var sidecarPath = Path.Combine(output, runId + RunSidecar.FileSuffix);
        sidecar.Write(sidecarPath);

        // /api/ps is read on the sampler's thread for this run's model.
        var engine = new RunEngine(token => endpoint.ReadLoaded(model, token));
        var result = engine.Execute(plan, progress, cancellationToken);
        var run = result.Run;
        run.OllamaHost = endpoint.HostText;
        // A run that failed because its server went away says so, and names the server, instead of blaming the model.
        var hostUnavailable = !result.Cancelled && !run.Completed && !cancellationToken.IsCancellationRequested && !endpoint.Answers(cancellationToken);
        if (hostUnavailable) ServerWentAway(run, endpoint.HostText);
        if (run.DeliverableExists && plan.Deliverable is not null
            && ContentFile.ResolveInside(Path.Combine(copy.Repository, plan.Deliverable), copy.Repository) is { } deliverable)
        {
            // The copy is deleted below: the deliverable is what the user wants to read, so it is kept beside the trace,
            // as a file of its own (never a link's target out of the copy) and no bigger than a deliverable is checked.
            var kept = Path.Combine(output, runId + "." + plan.Deliverable);
            ContentFile.CopyBounded(deliverable, kept, DeliverableVerifier.MaxDeliverableBytes);
            run.DeliverablePath = kept;
        }
        // The trace cannot tell a "Continue" leg from a background subagent's, nor show the time limit or /api/ps:
        // the sidecar records how the run ended, so Import-ModelRun judges it as it was judged here.
        sidecar.Ended(run, result.Context).Write(sidecarPath);
        // A run cut short by Ctrl+C is recorded too (nothing measured is lost), but -Resume runs it again.
        Store.Append(run);
        if (!result.Cancelled && !hostUnavailable)
            lock (_done) _done.Add(RunKey.Of(run));
        return result with { HostUnavailable = hostUnavailable };
    }

    private static void ServerWentAway(ModelRun run, string host)
    {
        var seen = run.ErrorMessage.Length > 0 ? run.ErrorMessage : run.ExitReason;
        run.IsError = true;
        run.Completed = false;
        run.Outcome = RunOutcome.Failed;
        run.FailureMode = FailureMode.EndpointError;
        run.ExitReason = HostUnavailable;
        run.Evidence = $"Ollama at {host} no longer answers /api/version; the run ended with: {seen}";
        run.ErrorMessage = $"Ollama at {host} stopped answering during this run, so it measured nothing about {run.Model}. "
            + "A host pool runs it again on another host; -Resume runs it again. Check that server (ollama serve, its network).";
    }

    /// <summary>
    /// What a run of this output folder left behind when its owner died before the watchdog could act (a reboot, a
    /// killed watchdog): its processes and its scratch copy in the temp folder. Only runs recorded in this folder
    /// are touched, and only when the process that owned them is gone.
    /// </summary>
    private void RemoveLeftovers()
    {
        if (!Directory.Exists(_settings.OutputDirectory)) return;
        foreach (var sidecar in Directory.GetFiles(_settings.OutputDirectory, "*" + RunSidecar.FileSuffix))
        {
            var name = Path.GetFileName(sidecar);
            var runId = name.Substring(0, name.Length - RunSidecar.FileSuffix.Length);
            var root = RepositoryCopy.RootFor(runId);
            if (!Directory.Exists(root)) continue;
            var ownerFile = Path.Combine(root, RepositoryCopy.OwnerFile);
            var owner = File.Exists(ownerFile) && int.TryParse(File.ReadAllText(ownerFile).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : 0;
            if (owner > 0 && ProcessTree.IsAlive(owner)) continue;
            // Every process of that run inherited its own config folder.
            new RunMarker("CLAUDE_CONFIG_DIR", Path.Combine(_settings.OutputDirectory, runId + RunSidecar.ConfigDirectorySuffix)).KillAll();
            RepositoryCopy.Delete(root);
        }
    }

    private static RunSidecar Sidecar(RunPlan plan, string configDirectory, LocalEndpoint endpoint) =>
        new()
        {
            RunId = plan.RunId,
            Model = plan.Model,
            Task = plan.Task,
            Prompt = plan.Task == RunTasks.Prompt ? plan.Prompt : "",
            ContextLength = plan.ContextLength,
            Repetition = plan.Repetition,
            Repository = plan.Repository,
            WorkingDirectory = plan.WorkingDirectory,
            Simulated = plan.Simulated,
            ToolSet = string.Join(",", plan.Tools),
            MaxTurns = plan.MaxTurns,
            TimeoutSeconds = plan.Timeout?.TotalSeconds,
            MaxInterventions = plan.MaxInterventions,
            OllamaHost = endpoint.HostText,
            ClaudeCodeVersion = plan.ClaudeVersion ?? "",
            StartTime = DateTimeOffset.Now,
            TraceFile = Path.GetFileName(plan.TracePath),
            ConfigDirectory = Path.GetFileName(configDirectory),
        };

    /// <summary>Readable, file-name safe and unique: model, context, task, repetition, time, a short random tail.</summary>
    private string NewRunId(string model, int? contextLength, int repetition)
    {
        var safeModel = new StringBuilder();
        foreach (var c in model) safeModel.Append(char.IsLetterOrDigit(c) || c == '.' || c == '-' ? c : '_');
        var context = contextLength is null ? "" : "-c" + contextLength.Value.ToString(CultureInfo.InvariantCulture);
        return string.Format(CultureInfo.InvariantCulture, "{0:yyyyMMdd-HHmmss}-{1}{2}-{3}-r{4}-{5}",
            DateTime.Now, safeModel, context, _settings.Task.ToLowerInvariant(), repetition, Guid.NewGuid().ToString("N").Substring(0, 6));
    }
}
