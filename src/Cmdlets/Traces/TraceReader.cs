using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace LocalModels.Traces;

/// <summary>
/// Turns Claude Code output into a <see cref="RunTrace"/>, one line at a time. Reads stream-json
/// (`-p --output-format stream-json --verbose`) lines; malformed lines are counted, never thrown.
/// </summary>
public sealed class TraceReader
{
    private readonly Dictionary<string, TraceToolCall> _callsById = new(StringComparer.Ordinal);
    private readonly HashSet<string> _mainThreadMessageIds = new(StringComparer.Ordinal);

    public RunTrace Trace { get; } = new();

    /// <summary>Reads a whole trace (a file's lines, a sample) at once.</summary>
    public static RunTrace Read(IEnumerable<string> lines)
    {
        var reader = new TraceReader();
        foreach (var line in lines) reader.AddLine(line);
        return reader.Trace;
    }

    /// <summary>Adds one line. <paramref name="receivedAt"/> stamps lines that carry no timestamp of their own.</summary>
    public void AddLine(string line, DateTimeOffset? receivedAt = null)
    {
        if (string.IsNullOrWhiteSpace(line)) return;
        Trace.TotalLines++;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException)
        {
            Trace.MalformedLines++;
            return;
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || root.Str("type") is not { } type)
            {
                Trace.MalformedLines++;
                return;
            }
            var at = Timestamp(root) ?? receivedAt;
            if (at is not null)
            {
                Trace.FirstEventAt ??= at;
                Trace.LastEventAt = at;
            }
            switch (type)
            {
                case "system": ReadSystem(root); break;
                case "assistant": ReadAssistant(root, at); break;
                case "user": ReadUser(root, at); break;
                case "result": ReadResult(root); break;
            }
        }
    }

    private void ReadSystem(JsonElement root)
    {
        switch (root.Str("subtype"))
        {
            case "init":
                // A second init appears when a background subagent's turn resumes the session: keep the first.
                if (Trace.SessionId is not null) return;
                Trace.SessionId = root.Str("session_id");
                Trace.Model = root.Str("model");
                Trace.ClaudeCodeVersion = root.Str("claude_code_version");
                Trace.WorkingDirectory = root.Str("cwd");
                Trace.PermissionMode = root.Str("permissionMode");
                var tools = root.Arr("tools");
                if (tools.ValueKind == JsonValueKind.Array)
                    foreach (var tool in tools.EnumerateArray())
                        if (tool.ValueKind == JsonValueKind.String) Trace.InitTools.Add(tool.GetString()!);
                break;
            case "api_retry":
                Trace.ApiRetries++;
                break;
        }
    }

    private void ReadAssistant(JsonElement root, DateTimeOffset? at)
    {
        var message = root.Obj("message");
        var parent = root.Str("parent_tool_use_id");
        var messageId = message.Str("id");
        var content = message.Arr("content");

        if (root.Bool("is_api_error_message") || message.Str("model") == "<synthetic>" && root.Str("error") is not null)
        {
            var text = content.ValueKind == JsonValueKind.Array ? content.ContentText() : "";
            Trace.ApiErrors.Add(new TraceApiError(text, root.NullableInt("api_error_status"), root.Str("api_error_type") ?? root.Str("error")));
            return;
        }

        if (parent is null && messageId is not null && _mainThreadMessageIds.Add(messageId))
            Trace.AssistantTurns++;
        if (content.ValueKind != JsonValueKind.Array) return;

        foreach (var block in content.EnumerateArray())
        {
            switch (block.Str("type"))
            {
                case "text":
                    Trace.Texts.Add(new TraceText(block.Str("text") ?? "", false, parent, messageId, at));
                    Trace.LastModelOutputAt = at;
                    break;
                case "thinking":
                    Trace.Texts.Add(new TraceText(block.Str("thinking") ?? "", true, parent, messageId, at));
                    Trace.LastModelOutputAt = at;
                    break;
                case "tool_use":
                    var call = new TraceToolCall
                    {
                        Id = block.Str("id") ?? "",
                        Name = block.Str("name") ?? "",
                        InputJson = block.TryGetProperty("input", out var input) ? input.GetRawText() : "{}",
                        ParentToolUseId = parent,
                        At = at,
                    };
                    Trace.ToolCalls.Add(call);
                    if (call.Id.Length > 0) _callsById[call.Id] = call;
                    Trace.LastModelOutputAt = at;
                    break;
            }
        }
    }

    private void ReadUser(JsonElement root, DateTimeOffset? at)
    {
        var content = root.Obj("message") is var message && message.ValueKind == JsonValueKind.Object
            && message.TryGetProperty("content", out var c) ? c : default;
        if (content.ValueKind == JsonValueKind.String)
        {
            Trace.UserPrompts.Add(content.GetString() ?? "");
            return;
        }
        if (content.ValueKind != JsonValueKind.Array) return;
        foreach (var block in content.EnumerateArray())
        {
            if (block.Str("type") == "text" && block.Str("text") is { } prompt)
            {
                Trace.UserPrompts.Add(prompt);
                continue;
            }
            if (block.Str("type") != "tool_result") continue;
            var id = block.Str("tool_use_id");
            if (id is null || !_callsById.TryGetValue(id, out var call)) continue;
            var text = block.TryGetProperty("content", out var resultContent) ? resultContent.ContentText() : "";
            call.Result = new TraceToolResult(block.Bool("is_error"), text, at);
        }
    }

    private void ReadResult(JsonElement root)
    {
        var usage = root.Obj("usage");
        var input = usage.Long("input_tokens") + usage.Long("cache_creation_input_tokens") + usage.Long("cache_read_input_tokens");
        var errors = root.Arr("errors");
        var errorText = errors.ValueKind == JsonValueKind.Array ? string.Join("; ", ErrorStrings(errors)) : "";
        Trace.Results.Add(new TraceResult(
            root.Str("subtype"),
            root.Bool("is_error"),
            root.Str("terminal_reason"),
            root.Str("stop_reason"),
            (int)root.Long("num_turns"),
            root.Long("duration_ms"),
            input,
            usage.Long("output_tokens"),
            root.Str("result") ?? "",
            root.NullableInt("api_error_status"),
            errorText));
    }

    private static IEnumerable<string> ErrorStrings(JsonElement errors)
    {
        foreach (var error in errors.EnumerateArray())
            if (error.ValueKind == JsonValueKind.String) yield return error.GetString()!;
    }

    private static DateTimeOffset? Timestamp(JsonElement root) =>
        root.Str("timestamp") is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : null;
}
