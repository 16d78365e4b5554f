using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace LocalModels.Simulation.Behaviors;

/// <summary>
/// A scripted model behaviour, read from JSON (see Behaviors/*.json and docs/simulator.md): the catalogue
/// models it answers for, how fast it "generates", and the steps it takes. On each request the first step whose
/// <see cref="StepCondition"/> matches the conversation is played; subagent requests use <see cref="Subagent"/>.
/// </summary>
public sealed class BehaviorDefinition
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public string Name { get; set; } = "";

    /// <summary>One line for people: what the model does.</summary>
    public string Summary { get; set; } = "";

    /// <summary>The taxonomy entry (LocalModels.Classification.FailureMode name) a run with this behaviour shows.</summary>
    public string FailureMode { get; set; } = "None";

    /// <summary>The expected verdict (LocalModels.Classification.RunOutcome name).</summary>
    public string Outcome { get; set; } = "Success";

    public List<BehaviorModel> Models { get; set; } = new();

    public BehaviorPace Pace { get; set; } = new();

    public List<BehaviorStep> Main { get; set; } = new();

    /// <summary>Steps for subagent requests (Claude Code's Agent tool); null = a short default report.</summary>
    public List<BehaviorStep>? Subagent { get; set; }

    /// <summary>Steps for Claude Code's compaction requests; null = a short summary of what the model learned.
    /// A step that calls a tool or answers empty is a failed compaction, as Claude Code counts it.</summary>
    public List<BehaviorStep>? Compaction { get; set; }

    /// <summary>Steps for a prompt Ollama truncated so far that the task message is gone; null = the model asks
    /// what to do, calling no tool.</summary>
    public List<BehaviorStep>? LostTask { get; set; }

    public static BehaviorDefinition FromJson(string json)
    {
        var definition = JsonSerializer.Deserialize<BehaviorDefinition>(json, Options)
            ?? throw new FormatException("A behaviour file must hold a JSON object.");
        if (string.IsNullOrWhiteSpace(definition.Name)) throw new FormatException("A behaviour needs a name.");
        if (definition.Main.Count == 0) throw new FormatException($"Behaviour '{definition.Name}' has no main steps.");
        return definition;
    }
}

/// <summary>A catalogue entry a behaviour answers for, as /api/tags, /api/show and /api/ps will report it.</summary>
public sealed class BehaviorModel
{
    public string Name { get; set; } = "";
    public string Family { get; set; } = "llama";
    public string ParameterSize { get; set; } = "24.0B";
    public string QuantizationLevel { get; set; } = "Q4_K_M";
    public long SizeBytes { get; set; } = 15_000_000_000;
    public List<string> Capabilities { get; set; } = new() { "completion", "tools" };
    public int NativeContextLength { get; set; } = 131072;

    /// <summary>Share of the loaded model on the CPU (0-100): high values are the memory-thrash signature.</summary>
    public int CpuPercent { get; set; }

    public Dictionary<string, string> Parameters { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>How fast the simulated model produces output, before OllamaSimulator.DelayScale is applied.</summary>
public sealed class BehaviorPace
{
    /// <summary>Output rate; a token is about 4 characters.</summary>
    public double TokensPerSecond { get; set; } = 2000;

    /// <summary>Delay before the first event after message_start (prompt processing).</summary>
    public int FirstTokenMs { get; set; } = 20;

    /// <summary>Size of each text or thinking delta.</summary>
    public int ChunkChars { get; set; } = 48;

    /// <summary>For steps that never finish: time between deltas.</summary>
    public int ForeverIntervalMs { get; set; } = 1000;
}

/// <summary>One model turn: optional thinking and text, tool calls, or nothing at all.</summary>
public sealed class BehaviorStep
{
    public StepCondition When { get; set; } = new();

    /// <summary>Alternative wordings; one is picked per session so runs differ.</summary>
    public List<string> Thinking { get; set; } = new();

    public List<string> Text { get; set; } = new();

    public List<ToolTemplate> Tools { get; set; } = new();

    /// <summary>Answer with no content blocks at all (a silent model).</summary>
    public bool Empty { get; set; }

    /// <summary>Keep streaming text deltas until the client or the server goes away.</summary>
    public bool Forever { get; set; }
}

/// <summary>A tool call to make; strings in Input are templates (see TemplateRenderer).</summary>
public sealed class ToolTemplate
{
    public string Name { get; set; } = "";

    public JsonObject Input { get; set; } = new();

    /// <summary>Repeat the call for each item of a list fact ("docs", "files"), exposed as {{item}}.</summary>
    [JsonPropertyName("forEach")]
    public string? ForEach { get; set; }

    /// <summary>Cap on the items forEach takes.</summary>
    public int Limit { get; set; } = 6;
}

/// <summary>When a step applies. Every condition given must hold; an empty condition always matches.</summary>
public sealed class StepCondition
{
    /// <summary>Exact number of assistant turns already in the conversation (0 = the first answer).</summary>
    public int? Turn { get; set; }

    public int? MinTurn { get; set; }

    public int? MaxTurn { get; set; }

    /// <summary>Tool name -> at least this many earlier calls of it.</summary>
    public Dictionary<string, int> Called { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Tools not called yet.</summary>
    public List<string> NotCalled { get; set; } = new();

    /// <summary>Whether the last tool results included (true) or lacked (false) an error.</summary>
    public bool? LastError { get; set; }

    /// <summary>Text the last tool results contain (case-insensitive).</summary>
    public string? LastResultContains { get; set; }

    /// <summary>Whether the last message is the user typing again (a "Continue" nudge) rather than tool results.</summary>
    public bool? Nudged { get; set; }

    /// <summary>A fact that must be known from earlier tool results: files, docs, commands, readme.</summary>
    public string? Knows { get; set; }

    /// <summary>Whether the conversation continues from Claude Code's summary (after a compaction).</summary>
    public bool? Compacted { get; set; }
}
