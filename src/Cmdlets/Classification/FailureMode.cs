namespace LocalModels.Classification;

/// <summary>
/// How a run of Claude Code on a local model failed, after the field report's taxonomy. Users filter and group on
/// it (<c>Group-Object FailureMode</c>). The order of declaration is not the precedence: see FailureModePrecedence.
/// </summary>
public enum FailureMode
{
    /// <summary>The run produced its deliverable without a failure signal.</summary>
    None = 0,
    /// <summary>The endpoint rejected the request because the model has no tool support (HTTP 400).</summary>
    NoToolSupport,
    /// <summary>The model declined the task.</summary>
    Refuses,
    /// <summary>The model wrote the deliverable without exploring, or its output names things that do not exist.</summary>
    HallucinatedContent,
    /// <summary>The model called tools that are not in the run's tool list.</summary>
    HallucinatedTools,
    /// <summary>The model invented parameter names or left out required ones.</summary>
    HallucinatedParams,
    /// <summary>The model wrapped parameters as {"tool_name": ..., "parameters": {...}}.</summary>
    NestedParams,
    /// <summary>The model described tool calls in text and invoked none.</summary>
    NarratedTools,
    /// <summary>Subagent calls failed or hung and the model could not adapt.</summary>
    StuckOnSubagent,
    /// <summary>The model explored, then stopped without the deliverable.</summary>
    ContextStall,
    /// <summary>The model produced no output at all.</summary>
    Silent,
    /// <summary>The model does not fit in memory: CPU spill and a near-zero token rate.</summary>
    MemoryThrash,
    /// <summary>The run hit its time limit.</summary>
    Timeout,
    /// <summary>The endpoint or the CLI failed for a reason outside the model (model not found, server down, 500s).</summary>
    EndpointError,
    /// <summary>The user stopped the run (Ctrl+C) before it could be judged.</summary>
    Cancelled,
    /// <summary>The conversation outgrew the model's context before the model failed: Ollama dropped messages or cut
    /// the prompt, Claude Code compacted it into a summary, or refused to send it.</summary>
    ContextOverflow,
    /// <summary>The model's commands wrote more to disk than a run may (-MaxDiskUse), or brought a disk near full;
    /// the module stopped the run.</summary>
    DiskLimit,
}
