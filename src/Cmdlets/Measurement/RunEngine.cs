using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using LocalModels.Claude;
using LocalModels.Classification;
using LocalModels.Ollama;
using LocalModels.Results;
using LocalModels.Traces;

namespace LocalModels.Measurement;

/// <summary>
/// Runs Claude Code headless for one <see cref="RunPlan"/> and measures it: the trace is read as it arrives,
/// /api/ps is sampled, the time limit and Ctrl+C kill the whole process tree, and a run that stopped mid-task is
/// nudged with "Continue" (same session, same trace) up to MaxInterventions times. Everything happens on the
/// caller's thread except pipe reads and /api/ps polls, so progress callbacks may write to PowerShell.
/// </summary>
internal sealed class RunEngine
{
    private readonly Func<CancellationToken, MemorySample?>? _readMemory;

    /// <param name="readMemory">One /api/ps reading for the model under test (null = not loaded); null = no sampling.</param>
    public RunEngine(Func<CancellationToken, MemorySample?>? readMemory) => _readMemory = readMemory;

    public RunEngineResult Execute(RunPlan plan, Action<RunProgress>? progress, CancellationToken cancellationToken)
    {
        var reader = new TraceReader();
        var started = DateTimeOffset.Now;
        // With StopOnFailure, a decisive failure seen while the trace streams ends the run early.
        var watcher = plan.StopOnFailure ? new LiveFailureWatcher(started) : null;
        var clock = Stopwatch.StartNew();
        var deadline = plan.Timeout;
        var processIds = new List<int>();
        var stderr = new System.Text.StringBuilder();
        var timedOut = false;
        var cancelled = false;
        FailureSignal? stoppedBy = null;
        int? exitCode = null;
        var interventions = 0;
        var deliverablePath = plan.Deliverable is null ? null : Path.Combine(plan.WorkingDirectory, plan.Deliverable);

        using var sampler = _readMemory is null ? null : new MemorySampler(_readMemory);
        sampler?.Start();
        IReadOnlyList<MemorySample> Samples() => sampler?.Samples ?? (IReadOnlyList<MemorySample>)Array.Empty<MemorySample>();

        // Every process of the run carries the marker; the watchdog ends them all if this process dies.
        var marker = RunMarker.New();
        plan.Environment.With(RunMarker.VariableName, marker.Value);
        using var watchdog = RunWatchdog.Start(marker, plan.ScratchDirectory);
        // Windows has no marker sweep or watchdog: a kill-on-close job object does both jobs there.
        using var job = WindowsJob.Create();
        var killedByModule = false;
        // A command that fills the disk is stopped like one that runs past the time limit.
        var disk = plan is { ScratchDirectory: { } scratch, MaxDiskUse: { } maxDiskUse }
            ? DiskGuard.Start(scratch, DiskGuard.DisksOf(Path.GetDirectoryName(plan.TracePath) ?? ""), maxDiskUse)
            : null;

        string? resumeSession = null;
        while (true)
        {
            var prompt = resumeSession is null ? plan.Prompt : HeadlessArguments.ContinuePrompt;
            var arguments = HeadlessArguments.Build(prompt, plan.Model, plan.Tools, plan.MaxTurns, resumeSession, plan.ExtraArguments)
                .Concat(CommandLineSettings.Arguments(plan.Environment, plan.Unattended)).ToList();
            using (var process = HeadlessClaudeProcess.Start(plan.ClaudePath, arguments, plan.WorkingDirectory, plan.Environment, plan.TracePath))
            {
                processIds.Add(process.ProcessId);
                process.JoinJob(job);
                string? lastTool = null;
                process.Pump(
                    (line, at) =>
                    {
                        var calls = reader.Trace.ToolCalls.Count;
                        reader.AddLine(line, at);
                        if (reader.Trace.ToolCalls.Count > calls) lastTool = reader.Trace.ToolCalls[reader.Trace.ToolCalls.Count - 1].Name;
                        Report();
                    },
                    () =>
                    {
                        sampler?.Drain();
                        processIds.AddRange(ProcessTree.Descendants(process.ProcessId).Where(id => !processIds.Contains(id)));
                        Report();
                        if (cancellationToken.IsCancellationRequested) return cancelled = true;
                        if (deadline is not null && clock.Elapsed >= deadline.Value) return timedOut = true;
                        if (disk?.Check() is { } full)
                        {
                            stoppedBy = full;
                            return true;
                        }
                        if (watcher?.Observe(reader.Trace, DateTimeOffset.Now, Samples()) is { } signal)
                        {
                            stoppedBy = signal;
                            return true;
                        }
                        return false;
                    });
                // Ctrl+C in a terminal reaches claude too, which may end before the token is seen: still a cancel.
                if (!cancelled && !timedOut && stoppedBy is null && cancellationToken.IsCancellationRequested) cancelled = true;
                exitCode = process.ExitCode;
                killedByModule |= process.WasKilled;
                processIds.AddRange(process.KilledProcessIds.Where(id => !processIds.Contains(id)));
                // What left the tree (setsid, a subshell's background job) or was started after the kill.
                processIds.AddRange(marker.KillAll().Where(id => !processIds.Contains(id)));
                stderr.Append(process.StandardError);

                void Report() => progress?.Invoke(new RunProgress(plan.Model, plan.Repetition, clock.Elapsed,
                    reader.Trace.AssistantTurns, reader.Trace.ToolCalls.Count, lastTool, interventions));
            }

            if (!NeedsIntervention()) break;
            interventions++;
            resumeSession = reader.Trace.SessionId;
        }

        sampler?.Stop();
        clock.Stop();
        // Claude Code exits 0 on the interrupt a terminal's Ctrl+C sends it, and a killed process has no exit code of
        // its own on Windows: a stopped run says how it really ended, the same on every platform.
        if (cancelled) exitCode = killedByModule ? ExitCodes.Killed : ExitCodes.Interrupted;
        else if (killedByModule && (timedOut || stoppedBy is not null)) exitCode = ExitCodes.Killed;
        if (plan.StderrPath is not null) File.WriteAllText(plan.StderrPath, stderr.ToString());

        var run = new ModelRun
        {
            RunId = plan.RunId,
            Model = plan.Model,
            Task = plan.Task,
            Prompt = plan.Task == RunTasks.Prompt ? plan.Prompt : "",
            Repetition = plan.Repetition,
            ContextLength = plan.ContextLength,
            Repository = plan.Repository,
            StartTime = started,
            Duration = clock.Elapsed,
            Interventions = interventions,
            ExitCode = exitCode,
            TimedOut = timedOut,
            ClaudeCodeVersion = plan.ClaudeVersion ?? "",
            Simulated = plan.Simulated,
            TracePath = plan.TracePath,
        };
        if (sampler is not null && !sampler.LoadedAtStart && sampler.FirstSeenLoadedAt is { } loadedAt)
            run.LoadDuration = loadedAt - started;
        RunAssessment.ApplyTraceMetrics(run, reader.Trace, string.Join(",", plan.Tools));
        RunAssessment.ApplyMemory(run, Samples());
        if (timedOut) run.ExitReason = "timeout";
        else if (cancelled) run.ExitReason = "cancelled";
        else if (stoppedBy is not null) run.ExitReason = "stopped: " + stoppedBy.Mode;
        else if (reader.Trace.FinalResult is null) run.ExitReason = $"no result (exit code {exitCode?.ToString() ?? "unknown"})";
        if (reader.Trace.FinalResult is null && run.ErrorMessage.Length == 0 && exitCode is not 0 && !timedOut && !cancelled && stoppedBy is null)
            run.ErrorMessage = LastLines(stderr.ToString(), 5);
        if (timedOut && run.ErrorMessage.Length == 0)
            run.ErrorMessage = $"The run reached its time limit of {plan.Timeout} and was stopped with everything it started.";

        var deliverable = RunAssessment.VerifyDeliverable(deliverablePath, plan.WorkingDirectory);
        var context = new RunContext
        {
            Deliverable = deliverable,
            Interventions = interventions,
            TimedOut = timedOut,
            Cancelled = cancelled,
            StoppedBy = stoppedBy,
            Duration = run.Duration,
            MemorySamples = Samples().ToList(),
            ExitCode = exitCode,
            ContextLength = run.LoadedContextLength ?? plan.ContextLength,
        };
        TraceMetrics.ApplyContext(run, reader.Trace, context.ContextLength);
        RunAssessment.ApplyVerdict(run, reader.Trace, context);
        if (reader.Trace.ApiKeySource is { } keySource && keySource != CommandLineSettings.ExpectedApiKeySource)
            NotAMeasurement(run, $"Claude Code used an API key from {keySource}, not the module's local token: a settings file or helper overrode the module's settings, so its requests may have gone elsewhere. Check managed settings (managed-settings.json) and the arguments passed to claude.");
        if (deliverable?.Exists != true) run.DeliverablePath = "";
        return new RunEngineResult(run, reader.Trace, context, processIds, cancelled);

        bool NeedsIntervention() =>
            !timedOut && !cancelled && stoppedBy is null
            && interventions < plan.MaxInterventions
            && deliverablePath is not null && !File.Exists(deliverablePath)
            && reader.Trace.FinalResult is { IsError: false }
            && reader.Trace.SessionId is not null;
    }

    /// <summary>A run whose requests may have gone somewhere other than the chosen endpoint is never reported as a normal result.</summary>
    private static void NotAMeasurement(ModelRun run, string why)
    {
        run.IsError = true;
        run.ExitReason = "settings overridden";
        run.ErrorMessage = why;
        run.Outcome = RunOutcome.Failed;
        run.FailureMode = FailureMode.EndpointError;
        run.Completed = false;
        run.Evidence = why;
    }

    private static string LastLines(string text, int count) =>
        string.Join(Environment.NewLine, text.Split(new[] { '\n' }, StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.TrimEnd('\r'))
            .Where(line => !line.StartsWith("[claude-code:unrecognized_model]", StringComparison.Ordinal))
            .Reverse().Take(count).Reverse());
}

/// <summary>A finished (or stopped) run, its trace facts, how it ended (as the classifier saw it), and every process id seen in its tree.</summary>
internal sealed record RunEngineResult(ModelRun Run, RunTrace Trace, RunContext Context, IReadOnlyList<int> ProcessIds, bool Cancelled)
{
    /// <summary>The run's Ollama server stopped answering: recorded, but it measured nothing about the model.</summary>
    public bool HostUnavailable { get; init; }
}
