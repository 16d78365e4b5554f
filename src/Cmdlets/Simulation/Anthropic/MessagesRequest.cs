using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LocalModels.Simulation.Anthropic;

/// <summary>
/// The parts of an Anthropic Messages request the simulator reacts to: model, limits, tools, the system prompt and
/// the conversation so far. Parsed leniently (unknown fields and block types are ignored, as Ollama drops them).
/// </summary>
public sealed class MessagesRequest
{
    private MessagesRequest(string? model, int? maxTokens, bool stream, IReadOnlyList<string> toolNames, string systemText,
        IReadOnlyList<ConversationMessage> messages, int bodyLength)
    {
        Model = model;
        MaxTokens = maxTokens;
        Stream = stream;
        ToolNames = toolNames;
        SystemText = systemText;
        Messages = messages;
        BodyLength = bodyLength;
    }

    public string? Model { get; }
    public int? MaxTokens { get; }
    public bool Stream { get; }
    public IReadOnlyList<string> ToolNames { get; }

    /// <summary>The top-level system prompt, blocks joined with newlines.</summary>
    public string SystemText { get; }

    /// <summary>Messages in order; Claude Code also sends role "system" entries (environment, task notifications).</summary>
    public IReadOnlyList<ConversationMessage> Messages { get; }

    /// <summary>Length of the JSON body: Ollama estimates input tokens as len/4 when it has no count.</summary>
    public int BodyLength { get; }

    public int EstimatedInputTokens => Math.Max(1, BodyLength / 4);

    /// <summary>
    /// Tokens of what every prompt carries besides the messages (system prompt, tool schemas, options): the body's
    /// estimate less the messages' own. Ollama renders it on every request, so it is never dropped.
    /// </summary>
    public int FixedTokens => Math.Max(0, EstimatedInputTokens - Messages.Sum(m => m.Tokens));

    /// <summary>True when the conversation holds nothing but the system prompt and tools (Ollama cut the prompt).</summary>
    public bool ToolsAndSystemLost { get; private set; }

    /// <summary>This request as the model sees it after Ollama kept only <paramref name="kept"/> of its messages.</summary>
    internal MessagesRequest WithMessages(IReadOnlyList<ConversationMessage> kept, bool toolsAndSystemLost) =>
        new(Model, MaxTokens, Stream, toolsAndSystemLost ? Array.Empty<string>() : ToolNames, toolsAndSystemLost ? "" : SystemText, kept, BodyLength)
        {
            ToolsAndSystemLost = toolsAndSystemLost,
        };

    /// <summary>Parses a body; null when it is not a JSON object.</summary>
    public static MessagesRequest? TryParse(string body)
    {
        JsonNode? root;
        try { root = JsonNode.Parse(body); }
        catch (JsonException) { return null; }
        if (root is not JsonObject obj) return null;

        var model = obj["model"] is JsonValue m && m.TryGetValue<string>(out var name) ? name : null;
        int? maxTokens = obj["max_tokens"] is JsonValue t && t.TryGetValue<double>(out var max) ? (int)Math.Min(max, int.MaxValue) : null;
        var stream = obj["stream"] is JsonValue s && s.TryGetValue<bool>(out var flag) && flag;
        var tools = obj["tools"] is JsonArray toolArray
            ? toolArray.OfType<JsonObject>().Select(tool => tool["name"]?.GetValue<string>() ?? "").Where(n => n.Length > 0).ToList()
            : new List<string>();
        var messages = obj["messages"] is JsonArray messageArray
            ? messageArray.OfType<JsonObject>().Select(message => ParseMessage(message) with { Tokens = Math.Max(1, message.ToJsonString().Length / 4) }).ToList()
            : new List<ConversationMessage>();
        return new MessagesRequest(model, maxTokens, stream, tools, TextOf(obj["system"]), messages, body.Length);
    }

    /// <summary>The 400 message Ollama gives for a request it cannot serve, or null when the request is valid.</summary>
    public string? ValidationError()
    {
        if (string.IsNullOrEmpty(Model)) return "model is required";
        if (MaxTokens is null or <= 0) return "max_tokens is required and must be positive";
        if (Messages.Count == 0) return "messages is required";
        return null;
    }

    private static ConversationMessage ParseMessage(JsonObject message)
    {
        var role = message["role"] is JsonValue r && r.TryGetValue<string>(out var text) ? text : "user";
        var blocks = new List<ContentBlock>();
        switch (message["content"])
        {
            case JsonValue value when value.TryGetValue<string>(out var plain):
                blocks.Add(ContentBlock.TextBlock(plain));
                break;
            case JsonArray array:
                foreach (var block in array.OfType<JsonObject>())
                {
                    var parsed = ParseBlock(block);
                    if (parsed is not null) blocks.Add(parsed);
                }
                break;
        }
        return new ConversationMessage(role, blocks);
    }

    private static ContentBlock? ParseBlock(JsonObject block)
    {
        var type = block["type"]?.GetValue<string>();
        switch (type)
        {
            case "text":
                return ContentBlock.TextBlock(block["text"]?.GetValue<string>() ?? "");
            case "tool_use":
                return ContentBlock.ToolUse(
                    block["id"]?.GetValue<string>() ?? "",
                    block["name"]?.GetValue<string>() ?? "",
                    block["input"]?.DeepClone() as JsonObject ?? new JsonObject());
            case "tool_result":
                var isError = block["is_error"] is JsonValue e && e.TryGetValue<bool>(out var err) && err;
                return ContentBlock.ToolResult(block["tool_use_id"]?.GetValue<string>() ?? "", TextOf(block["content"]), isError);
            default:
                return null;
        }
    }

    /// <summary>Flattens string-or-blocks content to its text.</summary>
    private static string TextOf(JsonNode? node)
    {
        switch (node)
        {
            case JsonValue value when value.TryGetValue<string>(out var text):
                return text;
            case JsonArray array:
                var builder = new StringBuilder();
                foreach (var item in array.OfType<JsonObject>())
                {
                    if (item["text"] is JsonValue t && t.TryGetValue<string>(out var part))
                    {
                        if (builder.Length > 0) builder.Append('\n');
                        builder.Append(part);
                    }
                }
                return builder.ToString();
            default:
                return "";
        }
    }
}

/// <summary>One message of the conversation, with the content blocks the simulator understands.</summary>
public sealed record ConversationMessage(string Role, IReadOnlyList<ContentBlock> Blocks)
{
    public bool HasToolResults => Blocks.Any(b => b.Kind == ContentBlockKind.ToolResult);

    public string Text => string.Join("\n", Blocks.Where(b => b.Kind == ContentBlockKind.Text).Select(b => b.Text));

    /// <summary>The message's share of the prompt, estimated as Ollama does without a tokenizer (JSON length / 4).</summary>
    public int Tokens { get; init; }

    /// <summary>Role "system": Ollama keeps these whatever the context.</summary>
    public bool IsSystem => Role == "system";
}

public enum ContentBlockKind
{
    Text,
    ToolUse,
    ToolResult,
}

/// <summary>A text, tool_use or tool_result block; fields not relevant to the kind are empty.</summary>
public sealed record ContentBlock(ContentBlockKind Kind, string Text, string ToolUseId, string ToolName, JsonObject? Input, bool IsError)
{
    public static ContentBlock TextBlock(string text) => new(ContentBlockKind.Text, text, "", "", null, false);

    public static ContentBlock ToolUse(string id, string name, JsonObject input) => new(ContentBlockKind.ToolUse, "", id, name, input, false);

    public static ContentBlock ToolResult(string toolUseId, string content, bool isError) => new(ContentBlockKind.ToolResult, content, toolUseId, "", null, isError);
}
