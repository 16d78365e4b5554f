using System;
using System.Collections.Generic;
using System.Linq;

namespace LocalModels.Simulation.Behaviors;

/// <summary>
/// Chooses what a behaviour answers to a request: the first step whose condition holds and that produces something
/// (a forEach over an unknown fact produces nothing, so the next step gets its chance).
/// </summary>
public static class BehaviorPlayer
{
    private static readonly List<BehaviorStep> DefaultSubagent = new()
    {
        new BehaviorStep { Text = { "I looked around but found nothing specific to report.", "No notable findings to report." } },
    };

    // A summary from the model's own tool results only: what it read survives as names, the contents do not.
    private static readonly List<BehaviorStep> DefaultCompaction = new()
    {
        new BehaviorStep
        {
            Text =
            {
                "<analysis>\nThe user asked for work on this repository. I had listed {{file_count}} files and read {{docs.read}}.\n</analysis>\n<summary>\n1. Primary Request and Intent: the user's task on the repository in the working directory.\n2. Files examined: {{docs.read}}.\n3. Pending Tasks: finish the task.\n</summary>",
                "<analysis>\nSo far: a listing of {{file_count}} files, and {{docs.read}} read.\n</analysis>\n<summary>\n1. Primary Request and Intent: complete the user's task in this repository.\n2. Key files: {{docs.read}}.\n3. Next Step: continue with the task.\n</summary>",
            },
        },
    };

    // With the task message gone the model sees an environment note, perhaps tool results, and no request.
    private static readonly List<BehaviorStep> DefaultLostTask = new()
    {
        new BehaviorStep
        {
            Text =
            {
                "Hello! I'm ready to help with this repository. What would you like me to do?",
                "I see the working directory but no request yet. What should I work on?",
                "Could you tell me what you need? There is no task in our conversation so far.",
            },
        },
    };

    private static readonly BehaviorStep DefaultFinal = new() { Text = { "Done.", "That is all for now." } };

    public static ScriptedTurn NextTurn(BehaviorDefinition behavior, ConversationState state)
    {
        var steps = state.IsCompactionRequest ? behavior.Compaction ?? DefaultCompaction
            : state.LostTask ? behavior.LostTask ?? DefaultLostTask
            : state.IsSubagent ? behavior.Subagent ?? DefaultSubagent
            : behavior.Main;
        for (var index = 0; index < steps.Count; index++)
        {
            var step = steps[index];
            if (!Matches(step.When, state)) continue;
            var turn = Play(step, index, behavior.Pace, state);
            if (turn is not null) return turn;
        }
        return Play(DefaultFinal, steps.Count, behavior.Pace, state)!;
    }

    public static bool Matches(StepCondition when, ConversationState state)
    {
        if (when.Turn is { } turn && state.AssistantTurns != turn) return false;
        if (when.MinTurn is { } min && state.AssistantTurns < min) return false;
        if (when.MaxTurn is { } max && state.AssistantTurns > max) return false;
        if (when.Called.Any(pair => state.CallCount(pair.Key) < pair.Value)) return false;
        if (when.NotCalled.Any(name => state.CallCount(name) > 0)) return false;
        if (when.LastError is { } lastError && state.LastToolResults.Any(c => c.IsError) != lastError) return false;
        if (when.LastResultContains is { } text &&
            !state.LastToolResults.Any(c => (c.Result ?? "").IndexOf(text, StringComparison.OrdinalIgnoreCase) >= 0)) return false;
        if (when.Nudged is { } nudged && state.Nudged != nudged) return false;
        if (when.Knows is { } fact && !state.Facts.Knows(fact)) return false;
        if (when.Compacted is { } compacted && state.Compacted != compacted) return false;
        return true;
    }

    private static ScriptedTurn? Play(BehaviorStep step, int stepIndex, BehaviorPace pace, ConversationState state)
    {
        if (step.Empty) return new ScriptedTurn(Array.Empty<ScriptedBlock>(), pace);
        var facts = state.Facts;
        var blocks = new List<ScriptedBlock>();
        if (Pick(step.Thinking, state, stepIndex, 1) is { } thinking) blocks.Add(ScriptedBlock.ThinkingBlock(TemplateRenderer.Render(thinking, facts)));
        if (Pick(step.Text, state, stepIndex, 2) is { } text) blocks.Add(ScriptedBlock.TextBlock(TemplateRenderer.Render(text, facts)));
        foreach (var tool in step.Tools)
        {
            if (tool.ForEach is { } list)
            {
                foreach (var item in facts.List(list).Take(tool.Limit))
                    blocks.Add(ScriptedBlock.ToolUse(tool.Name, TemplateRenderer.Render(tool.Input, facts, item)));
            }
            else
            {
                blocks.Add(ScriptedBlock.ToolUse(tool.Name, TemplateRenderer.Render(tool.Input, facts)));
            }
        }
        if (step.Tools.Count > 0 && !blocks.Any(b => b.Kind == ScriptedBlockKind.ToolUse)) return null;
        if (blocks.Count == 0 && !step.Forever) return null;
        return new ScriptedTurn(blocks, pace, step.Forever);
    }

    /// <summary>One wording per run and turn: stable within a session, different across sessions.</summary>
    private static string? Pick(IReadOnlyList<string> variants, ConversationState state, int stepIndex, int salt)
    {
        if (variants.Count == 0) return null;
        var hash = Fnv1a($"{state.SessionKey}|{state.AssistantTurns}|{stepIndex}|{salt}");
        return variants[(int)(hash % (uint)variants.Count)];
    }

    private static uint Fnv1a(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash ^= c;
            hash *= 16777619u;
        }
        return hash;
    }
}
