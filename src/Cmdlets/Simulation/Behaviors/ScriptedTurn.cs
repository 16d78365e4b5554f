using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace LocalModels.Simulation.Behaviors;

/// <summary>What the simulated model answers on one request, before it is written as SSE or JSON.</summary>
public sealed class ScriptedTurn
{
    public ScriptedTurn(IReadOnlyList<ScriptedBlock> blocks, BehaviorPace pace, bool forever = false)
    {
        Blocks = blocks;
        Pace = pace;
        Forever = forever;
    }

    public IReadOnlyList<ScriptedBlock> Blocks { get; }

    public BehaviorPace Pace { get; }

    /// <summary>Keep the response open, streaming text, until cancelled.</summary>
    public bool Forever { get; }

    public bool HasToolCalls => Blocks.Any(b => b.Kind == ScriptedBlockKind.ToolUse);

    /// <summary>Anthropic stop_reason: tool_use when the turn calls tools, else end_turn (as Ollama reports).</summary>
    public string StopReason => HasToolCalls ? "tool_use" : "end_turn";

    public int EstimatedOutputTokens => Blocks.Sum(b => (b.Kind == ScriptedBlockKind.ToolUse ? b.Input!.ToJsonString().Length : b.Text.Length) / 4 + 1);
}

public enum ScriptedBlockKind
{
    Thinking,
    Text,
    ToolUse,
}

public sealed record ScriptedBlock(ScriptedBlockKind Kind, string Text, string ToolName, JsonObject? Input)
{
    public static ScriptedBlock ThinkingBlock(string text) => new(ScriptedBlockKind.Thinking, text, "", null);

    public static ScriptedBlock TextBlock(string text) => new(ScriptedBlockKind.Text, text, "", null);

    public static ScriptedBlock ToolUse(string name, JsonObject input) => new(ScriptedBlockKind.ToolUse, "", name, input);
}
