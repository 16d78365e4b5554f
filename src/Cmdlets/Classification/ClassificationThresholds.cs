using System;

namespace LocalModels.Classification;

/// <summary>The numbers behind judgements that are matters of degree, shared by the classifier and the live watcher.</summary>
public sealed record ClassificationThresholds
{
    public static ClassificationThresholds Default { get; } = new();

    /// <summary>Share of the model in system RAM from which a near-zero token rate counts as thrashing (the report: 41% thrashed, 8% ran).</summary>
    public int MemoryThrashCpuPercent { get; init; } = 25;

    /// <summary>Output tokens per second below which a spilled model counts as thrashing.</summary>
    public double MemoryThrashTokensPerSecond { get; init; } = 1.0;

    /// <summary>A stretch without model output this long is a stall worth reporting.</summary>
    public TimeSpan NoOutputStretch { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Exploring calls at or below which a written deliverable is treated as made up (0: nothing was read).</summary>
    public int MaxExploringCallsForUnexploredWrite { get; init; } = 0;

    /// <summary>
    /// A deliverable with more than this share of its checked claims false is made up, not a slip: the run fails even
    /// after exploring (the report's qwen3:30b, "everything" invented). Exactly half is not "most".
    /// </summary>
    public double FabricatedClaimShare { get; init; } = 0.5;

    /// <summary>False claims needed before the share counts: one wrong name in a two-line file is a slip, not a fabrication.</summary>
    public int MinFalseClaimsForFabrication { get; init; } = 2;
}
