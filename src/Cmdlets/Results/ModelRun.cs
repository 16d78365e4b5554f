using System;
using LocalModels.Classification;
using LocalModels.Ollama;
using LocalModels.Platform;

namespace LocalModels;

/// <summary>
/// One run of Claude Code on one model: what Measure-ModelRun and Import-ModelRun emit. Every property is a
/// scalar so Export-Csv, Group-Object and Where-Object see plain values; sequences are pre-joined strings. Every text
/// is safe to print (<see cref="TerminalText"/>): much of it comes from the model or from files a folder holds.
/// </summary>
public sealed class ModelRun
{
    // Identity
    public string RunId { get; set => field = TerminalText.Safe(value); } = "";
    public string Model { get; set => field = TerminalText.Safe(value); } = "";
    public string Task { get; set => field = TerminalText.Safe(value); } = "";
    /// <summary>The prompt of a Prompt task (empty for Init, whose prompt is Claude Code's /init).</summary>
    public string Prompt { get; set => field = TerminalText.Safe(value); } = "";
    public int Repetition { get; set; } = 1;
    public int? ContextLength { get; set; }
    public string Repository { get; set => field = TerminalText.Safe(value); } = "";
    public DateTimeOffset StartTime { get; set; }

    // Time
    public TimeSpan Duration { get; set; }
    public TimeSpan? LoadDuration { get; set; }

    // Agent activity
    public int Turns { get; set; }
    public int ToolCalls { get; set; }
    public string ToolSequence { get; set => field = TerminalText.Safe(value); } = "";
    public int ToolErrors { get; set; }
    public string ToolSet { get; set => field = TerminalText.Safe(value); } = "";

    // Tokens
    public long InputTokens { get; set; }
    public long OutputTokens { get; set; }
    public double? OutputTokensPerSecond { get; set; }

    // Context: the largest prompt a request carried, against the context the model ran with
    public long? PeakPromptTokens { get; set; }
    /// <summary>PeakPromptTokens as a share of the context in effect (0..1; near 1 means Ollama was truncating).</summary>
    public double? PeakContextUse { get; set; }
    public int ContextOverflows { get; set; }
    public int Compactions { get; set; }
    public int FailedCompactions { get; set; }

    // Memory, from /api/ps samples
    public int? LoadedContextLength { get; set; }
    public long? MemoryBytes { get; set; }
    public long? GpuMemoryBytes { get; set; }
    public int? CpuPercent { get; set; }
    public string Processor { get; set => field = TerminalText.Safe(value); } = "";

    // Deliverable
    public string DeliverablePath { get; set => field = TerminalText.Safe(value); } = "";
    public bool DeliverableExists { get; set; }
    public int DeliverableLines { get; set; }
    public int Hallucinations { get; set; }
    public string HallucinationList { get; set => field = TerminalText.Safe(value); } = "";
    /// <summary>The deliverable's grade, from <see cref="Grounding"/> and <see cref="Coverage"/> (None: nothing to grade).</summary>
    public QualityGrade Quality { get; set; }
    /// <summary>Of the concrete claims the deliverable makes, the share that exist in the repository (0..1).</summary>
    public double? Grounding { get; set; }
    /// <summary>Of the facts a good deliverable for this repository holds, the share it mentions (0..1).</summary>
    public double? Coverage { get; set; }
    public string CoveredFacts { get; set => field = TerminalText.Safe(value); } = "";
    public string MissingFacts { get; set => field = TerminalText.Safe(value); } = "";

    // Verdict
    public bool Completed { get; set; }
    public int Interventions { get; set; }
    public RunOutcome Outcome { get; set; }
    public FailureMode FailureMode { get; set; }
    public string Signals { get; set => field = TerminalText.Safe(value); } = "";
    public string Evidence { get; set => field = TerminalText.Safe(value); } = "";

    // How it ended
    public int? ExitCode { get; set; }
    public bool IsError { get; set; }
    public string ExitReason { get; set => field = TerminalText.Safe(value); } = "";
    public string ErrorMessage { get; set => field = TerminalText.Safe(value); } = "";
    public bool TimedOut { get; set; }

    // Provenance
    public string ClaudeCodeVersion { get; set => field = TerminalText.Safe(value); } = "";
    public string SessionId { get; set => field = TerminalText.Safe(value); } = "";
    public bool Simulated { get; set; }
    /// <summary>The Ollama server the run went to (a sweep across a host pool spreads its runs over several).</summary>
    public string OllamaHost { get; set => field = TerminalText.Safe(value); } = "";
    public string TracePath { get; set => field = TerminalText.Safe(value); } = "";

    public override string ToString() => $"{Model} {Task} #{Repetition}: {Outcome} ({FailureMode})";
}
