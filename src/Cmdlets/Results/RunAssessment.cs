using System.Collections.Generic;
using System.Linq;
using LocalModels.Classification;
using LocalModels.Ollama;
using LocalModels.Traces;
using LocalModels.Verification;

namespace LocalModels.Results;

/// <summary>
/// Turns what a live run left behind (its trace, its deliverable, how it ended, /api/ps samples) into a ModelRun.
/// The ONE place where a live run's deliverable is verified and the run classified, for Measure-ModelRun and
/// Invoke-ClaudeLocal -Prompt alike; the columns are filled by <see cref="TraceMetrics"/>, as Import-ModelRun does.
/// </summary>
internal static class RunAssessment
{
    /// <summary>Checks the deliverable while the working copy still exists (it is deleted after the run).</summary>
    public static DeliverableVerification? VerifyDeliverable(string? deliverablePath, string repositoryRoot) =>
        deliverablePath is null ? null : DeliverableVerifier.Verify(deliverablePath, repositoryRoot);

    /// <summary>Fills the trace-derived columns; <paramref name="run"/>'s Duration is the measured wall time.</summary>
    public static void ApplyTraceMetrics(ModelRun run, RunTrace trace, string requestedTools)
    {
        TraceMetrics.ApplyTrace(run, trace, run.Duration);
        // The fixed set the run was given (--tools), as the user wrote it; the trace's init line would say "Task" for Agent.
        run.ToolSet = requestedTools;
    }

    /// <summary>Peak memory and the CPU/GPU split from /api/ps samples (the worst moment of the run).</summary>
    public static void ApplyMemory(ModelRun run, IReadOnlyList<MemorySample> samples)
    {
        if (samples.Count == 0) return;
        run.MemoryBytes = samples.Max(sample => sample.SizeBytes);
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

    /// <summary>Deliverable columns, then the classifier's verdict: Outcome, FailureMode, Signals, Evidence, Completed.</summary>
    public static void ApplyVerdict(ModelRun run, RunTrace trace, RunContext context)
    {
        TraceMetrics.ApplyDeliverable(run, context.Deliverable);
        TraceMetrics.ApplyVerdict(run, RunClassifier.Classify(trace, context));
    }
}
