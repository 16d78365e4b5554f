using System;
using System.Collections.Generic;
using System.IO;
using LocalModels.Claude;
using LocalModels.Results;

namespace LocalModels.Measurement;

/// <summary>Everything one measured run needs: what to run, where, with which limits, and where its trace goes.</summary>
internal sealed record RunPlan
{
    public string RunId { get; init; } = "";
    public string Model { get; init; } = "";

    /// <summary>"Init" (Claude Code's /init, deliverable CLAUDE.md) or "Prompt" (free text, no deliverable).</summary>
    public string Task { get; init; } = RunTasks.Init;

    /// <summary>What is sent with -p: "/init" or the user's prompt.</summary>
    public string Prompt { get; init; } = "";

    public int? ContextLength { get; init; }
    public int Repetition { get; init; } = 1;

    /// <summary>The repository as the user named it (recorded on the run); never written to by a measured run.</summary>
    public string Repository { get; init; } = "";

    /// <summary>Where claude runs: the disposable copy (Measure-ModelRun) or the current location (Invoke-ClaudeLocal).</summary>
    public string WorkingDirectory { get; init; } = "";

    public string ClaudePath { get; init; } = "";
    public string? ClaudeVersion { get; init; }
    public ClaudeEnvironment Environment { get; init; } = null!;
    public IReadOnlyList<string> Tools { get; init; } = HeadlessArguments.DefaultTools;
    public IReadOnlyList<string> ExtraArguments { get; init; } = Array.Empty<string>();
    public int? MaxTurns { get; init; }

    /// <summary>Wall-clock limit for the whole run, interventions included; null = none.</summary>
    public TimeSpan? Timeout { get; init; }

    public int MaxInterventions { get; init; }

    /// <summary>stream-json lines are appended here as they arrive (<c>&lt;runId&gt;.stream.jsonl</c>).</summary>
    public string TracePath { get; init; } = "";

    /// <summary>Claude Code's stderr is saved here at the end when not null.</summary>
    public string? StderrPath { get; init; }

    /// <summary>File the task must produce, relative to the working directory (CLAUDE.md for Init); null = none.</summary>
    public string? Deliverable { get; init; }

    /// <summary>Stop the run as soon as the live watcher reports a decisive failure.</summary>
    public bool StopOnFailure { get; init; }

    public bool Simulated { get; init; }

    /// <summary>
    /// Measure-ModelRun: no settings file of the repository is loaded (--setting-sources user, the run's own empty
    /// config folder), no hook runs, and the environment starts from the allowlist.
    /// </summary>
    public bool Unattended { get; init; }

    /// <summary>The run's scratch folder (the repository copy), deleted by the watchdog if the owner dies; null = none.</summary>
    public string? ScratchDirectory { get; init; }

    /// <summary>
    /// The most the run's commands may add to its scratch folder, in bytes; null = no disk guard (the run has no
    /// scratch folder of its own). See <see cref="DiskGuard"/>.
    /// </summary>
    public long? MaxDiskUse { get; init; }

    /// <summary>
    /// The one way a plan starts: the trace goes to &lt;runId&gt;.stream.jsonl in <paramref name="outputDirectory"/>
    /// and an Init run expects CLAUDE.md. Callers add the rest with <c>with</c>.
    /// </summary>
    public static RunPlan Create(string runId, string model, string task, string prompt, ClaudeInstallation claude,
        ClaudeEnvironment environment, string outputDirectory) => new()
    {
        RunId = runId,
        Model = model,
        Task = task,
        Prompt = prompt,
        ClaudePath = claude.Path,
        ClaudeVersion = claude.Version,
        Environment = environment,
        TracePath = Path.Combine(outputDirectory, runId + RunSidecar.TraceSuffix),
        Deliverable = task == RunTasks.Init ? RunTasks.InitDeliverable : null,
    };
}
