using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LocalModels.Simulation.Anthropic;

namespace LocalModels.Simulation.Behaviors;

/// <summary>
/// Where a conversation stands, read from one Messages request: how many turns the model has taken, which tools it
/// called with what results, whether the user just nudged it, and whether this is a subagent's request.
/// </summary>
public sealed class ConversationState
{
    private static readonly Regex WorkingDirectoryPattern = new(@"Primary working directory:\s*(?<dir>[^\r\n]+)", RegexOptions.CultureInvariant);
    private static readonly string[] MainAgentTools = { "Agent", "Task", "Write", "Edit" };

    /// <summary>How Claude Code 2.1.328 starts a compaction request's last user text (section 12 of its behaviour).</summary>
    public const string CompactionInstruction = "CRITICAL: Respond with TEXT ONLY. Do NOT call any tools.";

    /// <summary>How Claude Code starts the user message that carries the summary after a compaction.</summary>
    public const string ContinuedFromSummary = "This session is being continued from a previous conversation";

    private ConversationState(MessagesRequest request, string sessionKey, bool lostTask)
    {
        Request = request;
        SessionKey = sessionKey;
        LostTask = lostTask;
        var messages = request.Messages;
        AssistantTurns = messages.Count(m => m.Role == "assistant");
        ToolCalls = JoinToolCalls(messages);

        // Role "system" messages (environment notes, background-task notifications) are not the user speaking.
        var last = messages.LastOrDefault(m => m.Role != "system");
        LastToolResults = last is { Role: "user" } && last.HasToolResults
            ? ToolCalls.Where(c => c.HasResult && last.Blocks.Any(b => b.Kind == ContentBlockKind.ToolResult && b.ToolUseId == c.Id)).ToList()
            : new List<ToolCall>();
        LastUserText = last is { Role: "user" } && !last.HasToolResults ? last.Text : "";
        Nudged = AssistantTurns > 0 && last is { Role: "user" } && !last.HasToolResults && LastUserText.Trim().Length > 0;
        IsSubagent = DetectSubagent(request);
        IsCompactionRequest = last is { Role: "user" } && last.Blocks.Any(b => b.Kind == ContentBlockKind.Text
            && b.Text.TrimStart().StartsWith(CompactionInstruction, StringComparison.Ordinal));
        Compacted = messages.Any(m => m.Role == "user" && m.Text.IndexOf(ContinuedFromSummary, StringComparison.Ordinal) >= 0);
        WorkingDirectory = FindWorkingDirectory(request);
        Facts = RepositoryFacts.From(this);
    }

    public MessagesRequest Request { get; }

    /// <summary>Identifies the run (Claude Code's session header) so wording varies between runs, not within one.</summary>
    public string SessionKey { get; }

    public int AssistantTurns { get; }

    /// <summary>Every tool call the model made so far, with its result when one came back.</summary>
    public IReadOnlyList<ToolCall> ToolCalls { get; }

    /// <summary>The calls whose results form the last user message (empty when the user typed instead).</summary>
    public IReadOnlyList<ToolCall> LastToolResults { get; }

    public string LastUserText { get; }

    /// <summary>The user spoke again after the model had answered ("Continue").</summary>
    public bool Nudged { get; }

    /// <summary>
    /// A request from a subagent that Claude Code's Agent tool started. Recognised by shape, not model name: Claude
    /// Code marks the subagent's system prompt (cc_is_subagent=true in its first block), and a subagent's tool set
    /// has none of the main agent's Agent/Write/Edit tools.
    /// </summary>
    public bool IsSubagent { get; }

    /// <summary>The message that said what to do was dropped or cut before the model saw it (Ollama's overflow).</summary>
    public bool LostTask { get; }

    /// <summary>Claude Code asks for a summary of the conversation so far (auto-compaction).</summary>
    public bool IsCompactionRequest { get; }

    /// <summary>The conversation continues from Claude Code's summary of an earlier one: the details are gone.</summary>
    public bool Compacted { get; }

    /// <summary>From the "Primary working directory:" line Claude Code sends; empty when absent.</summary>
    public string WorkingDirectory { get; }

    public RepositoryFacts Facts { get; }

    public static ConversationState From(MessagesRequest request, string sessionKey = "", bool lostTask = false) => new(request, sessionKey, lostTask);

    public int CallCount(string toolName) => ToolCalls.Count(c => string.Equals(c.Name, toolName, StringComparison.Ordinal));

    private static bool DetectSubagent(MessagesRequest request)
    {
        if (request.SystemText.IndexOf("cc_is_subagent=true", StringComparison.Ordinal) >= 0) return true;
        return request.ToolNames.Count > 0 && !request.ToolNames.Any(name => MainAgentTools.Contains(name, StringComparer.Ordinal));
    }

    private static string FindWorkingDirectory(MessagesRequest request)
    {
        var texts = new[] { request.SystemText }.Concat(request.Messages.Where(m => m.Role != "assistant").Select(m => m.Text));
        foreach (var text in texts)
        {
            var match = WorkingDirectoryPattern.Match(text);
            if (match.Success) return match.Groups["dir"].Value.Trim();
        }
        return "";
    }

    private static List<ToolCall> JoinToolCalls(IReadOnlyList<ConversationMessage> messages)
    {
        var results = messages.SelectMany(m => m.Blocks).Where(b => b.Kind == ContentBlockKind.ToolResult)
            .GroupBy(b => b.ToolUseId).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        var calls = new List<ToolCall>();
        foreach (var message in messages.Where(m => m.Role == "assistant"))
        {
            foreach (var block in message.Blocks.Where(b => b.Kind == ContentBlockKind.ToolUse))
            {
                results.TryGetValue(block.ToolUseId, out var result);
                calls.Add(new ToolCall(block.ToolUseId, block.ToolName, block.Input ?? new JsonObject(), result?.Text, result?.IsError ?? false));
            }
        }
        return calls;
    }
}

/// <summary>A tool call from the conversation and what came back (Result null when nothing has yet).</summary>
public sealed record ToolCall(string Id, string Name, JsonObject Input, string? Result, bool IsError)
{
    public bool HasResult => Result is not null;

    public bool Succeeded => HasResult && !IsError;

    public string? StringInput(string key) => Input[key] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
