using System;
using System.Collections.Generic;
using LocalModels.Ollama;
using LocalModels.Verification;

namespace LocalModels.Classification;

/// <summary>What the classifier knows about a run beyond its trace: how it ended and what it produced.</summary>
public sealed record RunContext
{
    /// <summary>The deliverable check (Init: CLAUDE.md), null when the task has no deliverable to check.</summary>
    public DeliverableVerification? Deliverable { get; init; }
    public int Interventions { get; init; }
    public bool TimedOut { get; init; }
    public bool Cancelled { get; init; }
    /// <summary>Set when -StopOnFailure stopped the run early; the signal that stopped it.</summary>
    public FailureSignal? StoppedBy { get; init; }
    public TimeSpan Duration { get; init; }
    public IReadOnlyList<MemorySample> MemorySamples { get; init; } = Array.Empty<MemorySample>();
    public int? ExitCode { get; init; }
    /// <summary>The context the model ran with: /api/ps's loaded value, else the configured num_ctx; null when unknown.</summary>
    public int? ContextLength { get; init; }
}
