using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using LocalModels.Classification;
using LocalModels.Traces;
using LocalModels.Verification;

namespace LocalModels.Measurement;

/// <summary>
/// Turns what a run left behind (its trace, its deliverable, how it ended, /api/ps samples) into a ModelRun. This
/// is the ONE place where the deliverable is verified and the run is classified, for live runs of Measure-ModelRun
/// and Invoke-ClaudeLocal -Prompt alike.
/// </summary>
internal static class RunAssessment
{
    /// <summary>Checks the deliverable while the working copy still exists (it is deleted after the run).</summary>
    public static DeliverableVerification? VerifyDeliverable(string? deliverablePath, string repositoryRoot)
    {
        if (deliverablePath is null) return null;
        var exists = File.Exists(deliverablePath);
        // Content checks (files and commands that do not exist) belong to Verification/DeliverableVerifier.
        var lines = exists ? File.ReadAllLines(deliverablePath).Length : 0;
        return new DeliverableVerification(deliverablePath, exists, lines, Array.Empty<string>());
    }

    /// <summary>Fills the trace-derived metrics of <paramref name="run"/>.</summary>
    public static void ApplyTraceMetrics(ModelRun run, RunTrace trace)
    {
        run.Turns = trace.AssistantTurns;
        run.ToolCalls = trace.ToolCalls.Count;
        run.ToolSequence = string.Join(" → ", trace.ToolCalls.Select(call => call.Name));
        run.ToolErrors = trace.ToolErrors;
        run.InputTokens = trace.InputTokens;
        run.OutputTokens = trace.OutputTokens;
        run.OutputTokensPerSecond = run.OutputTokens > 0 && run.Duration > TimeSpan.Zero
            ? Math.Round(run.OutputTokens / run.Duration.TotalSeconds, 2)
            : null;
        run.SessionId = trace.SessionId ?? run.SessionId;
        if (trace.ClaudeCodeVersion is { Length: > 0 } version) run.ClaudeCodeVersion = version;

        var result = trace.FinalResult;
        if (result is not null)
        {
            run.IsError = result.IsError;
            run.ExitReason = result.TerminalReason ?? (result.IsError ? "error" : "completed");
            if (result.IsError)
                run.ErrorMessage = FirstNonEmpty(result.ResultText, result.Errors, trace.ApiErrors.LastOrDefault()?.Message);
        }
        else if (trace.ApiErrors.Count > 0)
        {
            run.IsError = true;
            run.ErrorMessage = trace.ApiErrors[trace.ApiErrors.Count - 1].Message;
        }
    }

    /// <summary>Peak memory and the CPU/GPU split from /api/ps samples (the worst moment of the run).</summary>
    public static void ApplyMemory(ModelRun run, IReadOnlyList<MemorySample> samples)
    {
        if (samples.Count == 0) return;
        var peak = samples.OrderByDescending(sample => sample.SizeBytes).First();
        run.MemoryBytes = peak.SizeBytes;
        run.GpuMemoryBytes = samples.Max(sample => sample.SizeVramBytes);
        run.CpuPercent = samples.Max(sample => sample.CpuPercent);
        run.LoadedContextLength = samples.LastOrDefault(sample => sample.ContextLength is not null)?.ContextLength;
        run.Processor = run.CpuPercent switch
        {
            0 => "100% GPU",
            100 => "100% CPU",
            var cpu => $"{cpu}%/{100 - cpu}% CPU/GPU",
        };
    }

    /// <summary>Completion, outcome and failure mode: where the classifier plugs in.</summary>
    public static void ApplyVerdict(ModelRun run, RunTrace trace, RunContext context)
    {
        if (context.Deliverable is { } deliverable)
        {
            run.DeliverableExists = deliverable.Exists;
            run.DeliverableLines = deliverable.Lines;
            run.Hallucinations = deliverable.Hallucinations.Count;
            run.HallucinationList = string.Join("; ", deliverable.Hallucinations);
            run.Completed = deliverable.Exists && !context.Cancelled;
        }
        else
        {
            run.Completed = trace.FinalResult is { IsError: false } && !context.TimedOut && !context.Cancelled;
        }

        // Until Classification/RunClassifier lands, the outcome comes from plain facts and no failure mode is named.
        run.Outcome = context.TimedOut || context.Cancelled || context.StoppedBy is not null
            ? RunOutcome.Stopped
            : !run.Completed
                ? RunOutcome.Failed
                : context.Interventions > 0
                    ? RunOutcome.CompletedAfterIntervention
                    : RunOutcome.Success;
        run.FailureMode = FailureMode.None;
        if (context.StoppedBy is { } signal)
        {
            run.Signals = signal.Mode.ToString();
            run.Evidence = signal.Evidence;
        }
    }

    private static string FirstNonEmpty(params string?[] values) =>
        values.FirstOrDefault(value => !string.IsNullOrWhiteSpace(value)) ?? "";
}
