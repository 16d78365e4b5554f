using System;
using System.Runtime.CompilerServices;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using LocalModels.Claude;

namespace LocalModels.Traces;

/// <summary>
/// Turns Claude Code output into a <see cref="RunTrace"/>, one line at a time. Reads both stream-json
/// (`-p --output-format stream-json --verbose`) and session transcripts (~/.claude/projects/*/*.jsonl), telling
/// them apart from the lines themselves. Malformed lines are counted, never thrown; memory stays bounded
/// (see <see cref="TraceLimits"/>).
/// </summary>
public sealed partial class TraceReader
{
    private static readonly Regex AgentIdInResult = AgentIdInResultRegex();

    [GeneratedRegex(@"agentId:\s*([A-Za-z0-9_-]+)", RegexOptions.CultureInvariant)]
    private static partial Regex AgentIdInResultRegex();

    private const string EmptyResponseNudge = "[Your previous response had no visible output";

    private readonly ReadingState _state = ReadingState.Take();
    private string? _openUsageId;
    private long _openInput, _openOutput, _committedInput, _committedOutput;
    private string? _pendingDeliverableCallId;
    private int _exploringSucceeded;

    /// <summary>The line kinds <see cref="Process"/> reads; every other kind is bookkeeping no verdict uses.</summary>
    internal static readonly string[] ReadKinds = { "system", "assistant", "user", "result", "cost-state", "api-request" };

    /// <summary>
    /// Whether a line whose head reads as <paramref name="head"/> (with <see cref="ReadKinds"/>) can be passed over:
    /// its kind is one no verdict reads, or it is a request whose tool list is known already (<paramref name="toolsKnown"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static bool IsSkimmable(in TraceLineHead head, bool toolsKnown) =>
        head.KindKnown && (head.Kind is null || head.Kind == "api-request" && toolsKnown);

    public TraceReader(string deliverableFileName = ClaudeMemoryFile.Name) => DeliverableFileName = deliverableFileName;

    /// <summary>
    /// True (the default): a line whose head shows a kind the reader has no use for is passed over unparsed, keeping
    /// only its time. False parses every line whole; the two read the same trace (tests hold them to it).
    /// </summary>
    public bool SkimsLines { get; init; } = true;

    public RunTrace Trace { get; } = new();

    /// <summary>The file name whose writes are kept as the deliverable (CLAUDE.md for Init).</summary>
    public string DeliverableFileName { get; }

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
        if (line.Length > TraceLimits.MaxLineBytes)
        {
            Trace.TotalLines++;
            Trace.OversizedLines++;
            return;
        }
        AddLine(Encoding.UTF8.GetBytes(line), receivedAt);
    }

    /// <summary>Adds one line given as UTF-8 bytes (the file reader's path: no string for the whole line).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddLine(ReadOnlyMemory<byte> utf8Line, DateTimeOffset? receivedAt = null)
    {
        if (IsBlank(utf8Line.Span)) return;
        Trace.TotalLines++;
        if (utf8Line.Length > TraceLimits.MaxLineBytes)
        {
            Trace.OversizedLines++;
            return;
        }
        if (SkimsLines && TrySkim(utf8Line.Span, receivedAt)) return;
        var json = JsonLine.ForThisThread;
        if (!json.TryParse(utf8Line))
        {
            if (json.TooLarge) Trace.OversizedLines++;
            else Trace.MalformedLines++;
            json.Clear();
            return;
        }
        try
        {
            Process(json.Root, receivedAt);
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or OverflowException or KeyNotFoundException or DecoderFallbackException)
        {
            // A known field with an unexpected shape that the tolerant readers missed, or a string that is not UTF-8: count it, go on.
            Trace.MalformedLines++;
        }
        finally
        {
            json.Clear();
        }
    }

    /// <summary>Counts a line the caller skipped because it exceeded the line bound.</summary>
    public void AddOversizedLine()
    {
        Trace.TotalLines++;
        Trace.OversizedLines++;
    }

    /// <summary>
    /// Passes over a line of a kind no verdict reads, once the trace's format is known, taking what such a line gives
    /// when parsed whole: its time and, in a transcript, the session's identity. False: the line must be parsed.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool TrySkim(ReadOnlySpan<byte> line, DateTimeOffset? receivedAt)
    {
        if (Trace.Format == TraceFormat.Unknown || !TraceLineHead.TryRead(line, ReadKinds, out var head) || !IsSkimmable(head, Trace.InitTools.Count > 0)) return false;
        var transcriptIdentity = Trace.Format == TraceFormat.Transcript && !head.IsSidechain;
        // Until a transcript has named its session, a line that might name it is read whole.
        if (transcriptIdentity && (Trace.SessionId is null && head.SessionId.Length < 0 || Trace.ClaudeCodeVersion is null && head.Version.Length < 0 || Trace.WorkingDirectory is null && head.WorkingDirectory.Length < 0))
            return false;
        Trace.SkimmedLines++;
        NoteTime(head.Timestamp ?? receivedAt);
        if (!transcriptIdentity) return true;
        Trace.SessionId ??= head.SessionId.Text(line);
        Trace.ClaudeCodeVersion ??= head.Version.Text(line);
        Trace.WorkingDirectory ??= head.WorkingDirectory.SharedText(line);
        Trace.PermissionMode ??= head.PermissionMode.Text(line);
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void NoteTime(DateTimeOffset? at)
    {
        if (at is null) return;
        if (Trace.FirstEventAt is null || at < Trace.FirstEventAt) Trace.FirstEventAt = at;
        if (Trace.LastEventAt is null || at > Trace.LastEventAt) Trace.LastEventAt = at;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Process(JsonNode root, DateTimeOffset? receivedAt)
    {
        if (root.ValueKind != JsonValueKind.Object || root.Str("type"u8) is not { } type)
        {
            Trace.MalformedLines++;
            return;
        }
        DetectFormat(root, type);
        var at = Timestamp(root) ?? receivedAt;
        NoteTime(at);
        if (Trace.Format == TraceFormat.Transcript) ReadTranscriptIdentity(root);
        switch (type)
        {
            case "system": ReadSystem(root); break;
            case "assistant": ReadAssistant(root, at); break;
            case "user": ReadUser(root, at); break;
            case "result": ReadResult(root); break;
            case "cost-state": Trace.CostStateDurationMs = (long)root.Double("totalDuration"u8); break;
            case "api-request": ReadToolList(root); break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void DetectFormat(JsonNode root, string type)
    {
        if (Trace.Format != TraceFormat.Unknown) return;
        // A session's title line ({"type":"summary","summary":...,"leafUuid":...}) is a transcript's too: older
        // Claude Code versions start sessions with them, and some session files hold nothing else.
        if (root.TryGetProperty("sessionId"u8, out _) || root.TryGetProperty("isSidechain"u8, out _) || root.TryGetProperty("parentUuid"u8, out _)
            || type == "summary" && root.TryGetProperty("leafUuid"u8, out _))
            Trace.Format = TraceFormat.Transcript;
        else if (type is "result" || root.TryGetProperty("session_id"u8, out _))
            Trace.Format = TraceFormat.StreamJson;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ReadTranscriptIdentity(JsonNode root)
    {
        // Only the parts still missing are looked up; a subagent's line (isSidechain) does not speak for the session.
        var sessionId = Trace.SessionId is null ? root.Str("sessionId"u8) : null;
        var version = Trace.ClaudeCodeVersion is null ? root.Str("version"u8) : null;
        var workingDirectory = Trace.WorkingDirectory is null ? root.SharedStr("cwd"u8) : null;
        var permissionMode = Trace.PermissionMode is null ? root.Str("permissionMode"u8) : null;
        if (sessionId is null && version is null && workingDirectory is null && permissionMode is null) return;
        if (root.Bool("isSidechain"u8)) return;
        Trace.SessionId ??= sessionId;
        Trace.ClaudeCodeVersion ??= version;
        Trace.WorkingDirectory ??= workingDirectory;
        Trace.PermissionMode ??= permissionMode;
    }

    private void ReadSystem(JsonNode root)
    {
        switch (root.Str("subtype"u8))
        {
            case "init":
                // A second init appears when a background subagent's turn resumes the session: keep the first.
                if (Trace.SessionId is not null && Trace.InitTools.Count > 0) return;
                Trace.SessionId ??= root.Str("session_id"u8);
                Trace.Model ??= root.Str("model"u8);
                Trace.ClaudeCodeVersion ??= root.Str("claude_code_version"u8);
                Trace.WorkingDirectory ??= root.Str("cwd"u8);
                Trace.PermissionMode ??= root.Str("permissionMode"u8);
                Trace.ApiKeySource ??= root.Str("apiKeySource"u8);
                AddStrings(root.Arr("tools"u8), Trace.InitTools);
                AddStrings(root.Arr("agents"u8), Trace.InitAgents);
                break;
            case "api_retry":
                Trace.ApiRetries++;
                break;
            case "status" when root.Str("compact_result"u8) == "failed":
                // Successes are counted from the compact_boundary line that follows them (transcripts have only that).
                Trace.Compactions.Add(new TraceCompaction(Trace.AssistantTurns, false, root.Str("compact_error"u8), null));
                break;
            case "compact_boundary":
                var metadata = root.Obj("compact_metadata"u8);
                if (metadata.ValueKind != JsonValueKind.Object) metadata = root.Obj("compactMetadata"u8);
                var pre = metadata.ValueKind == JsonValueKind.Object ? metadata.Long("pre_tokens"u8) + metadata.Long("preTokens"u8) : 0;
                Trace.Compactions.Add(new TraceCompaction(Trace.AssistantTurns, true, null, pre > 0 ? pre : null));
                break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ReadToolList(JsonNode root)
    {
        if (Trace.InitTools.Count > 0) return;
        var tools = root.Arr("tools"u8);
        if (tools.ValueKind != JsonValueKind.Array) tools = root.Obj("params"u8).Arr("tools"u8);
        if (tools.ValueKind != JsonValueKind.Array) return;
        foreach (var tool in tools.EnumerateArray())
        {
            var name = tool.ValueKind == JsonValueKind.String ? tool.GetString() : tool.Str("name"u8);
            if (!string.IsNullOrEmpty(name)) Trace.InitTools.Add(name!);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ReadAssistant(JsonNode root, DateTimeOffset? at)
    {
        var message = root.Obj("message"u8);
        var parent = ParentOf(root);
        var messageId = message.Str("id"u8, TraceLimits.MaxIdChars);
        var content = message.Arr("content"u8);

        var synthetic = message.Str("model"u8) == "<synthetic>";
        var isApiError = root.Bool("is_api_error_message"u8) || root.Bool("isApiErrorMessage"u8)
            || synthetic && (root.Str("error"u8) is not null || content.ValueKind == JsonValueKind.Array && content.ContentText(TraceLimits.MaxTextChars).StartsWith("API Error", StringComparison.Ordinal));
        if (isApiError)
        {
            Trace.ApiErrors.Add(new TraceApiError(
                content.ValueKind == JsonValueKind.Array ? content.ContentText(TraceLimits.MaxTextChars) : "",
                root.NullableInt("api_error_status"u8) ?? root.NullableInt("apiErrorStatus"u8),
                root.Str("api_error_type"u8) ?? root.Str("apiErrorType"u8) ?? root.Str("error"u8)));
            return;
        }

        // Claude Code's own stand-ins ("No response requested." after an empty answer) are not the model's words.
        if (synthetic) return;
        if (message.Str("model"u8) is { Length: > 0 } model) Trace.Model ??= model;
        if (parent is null && messageId is not null && _state.MainThreadMessageIds.Add(messageId))
            Trace.AssistantTurns++;
        if (parent is null && message.Str("stop_reason"u8) is { } stop) Trace.LastStopReason = stop;
        CountUsage(messageId, message.Obj("usage"u8), parent is not null, at);
        if (content.ValueKind != JsonValueKind.Array) return;

        foreach (var block in content.EnumerateArray())
        {
            switch (block.Str("type"u8))
            {
                case "text":
                    AddText(block.Str("text"u8, TraceLimits.MaxTextChars) ?? "", false, parent, messageId, at);
                    break;
                case "thinking":
                    AddText(block.Str("thinking"u8, TraceLimits.MaxTextChars) ?? "", true, parent, messageId, at);
                    break;
                case "tool_use":
                    AddToolCall(block, parent, messageId, at);
                    break;
            }
        }
    }

    /// <summary>Keeps a text block, already cut to <see cref="TraceLimits.MaxTextChars"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AddText(string text, bool thinking, string? parent, string? messageId, DateTimeOffset? at)
    {
        Trace.TextBlocks++;
        Trace.LastModelOutputAt = at ?? Trace.LastModelOutputAt;
        Trace.Texts.Add(new TraceText(text, thinking, parent, messageId, at, Trace.AssistantTurns));
        // Keep the most recent texts: drop the oldest half in one go so trimming stays cheap.
        if (Trace.Texts.Count > 2 * TraceLimits.MaxKeptTexts) Trace.Texts.RemoveRange(0, Trace.Texts.Count - TraceLimits.MaxKeptTexts);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AddToolCall(JsonNode block, string? parent, string? messageId, DateTimeOffset? at)
    {
        Trace.ToolCallCount++;
        Trace.LastModelOutputAt = at ?? Trace.LastModelOutputAt;
        var input = block.TryGetProperty("input"u8, out var i) ? i : default;
        var call = new TraceToolCall
        {
            Id = block.Str("id"u8, TraceLimits.MaxIdChars) ?? "",
            Name = block.Str("name"u8, TraceLimits.MaxIdChars) ?? "",
            InputKeys = Keys(input),
            ParentToolUseId = parent,
            MessageId = messageId,
            At = at,
            Turn = Trace.AssistantTurns,
        };
        // The one input a verdict reads; the rest is passed over (its keys show a nested call).
        if (ToolNames.IsSubagent(call.Name)) call.SubagentType = input.Str("subagent_type"u8, TraceLimits.MaxSubagentTypeChars);
        if (Trace.ToolCalls.Count < TraceLimits.MaxKeptToolCalls) Trace.ToolCalls.Add(call);
        if (call.Id.Length == 0) return;
        if (_state.PendingCalls.Count > 4 * TraceLimits.MaxKeptToolCalls) _state.PendingCalls.Clear();
        _state.PendingCalls[call.Id] = call;

        if (call.Name is not ("Write" or "Edit" or "MultiEdit") || input.Str("file_path"u8) is not { } path || !IsDeliverable(path)) return;
        if (call.Name == "Write")
            Trace.DeliverableWrite = new TraceFileWrite(path, input.Str("content"u8, TraceLimits.MaxDeliverableChars) ?? "", false, _exploringSucceeded, at);
        else
            Trace.DeliverableEdit = new TraceFileWrite(path, input.Str("new_string"u8, TraceLimits.MaxDeliverableChars) ?? "", false, _exploringSucceeded, at);
        _pendingDeliverableCallId = call.Id;
        if (parent is null) Trace.DeliverableWriteTurn = Trace.AssistantTurns;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ReadUser(JsonNode root, DateTimeOffset? at)
    {
        var message = root.Obj("message"u8);
        var content = message.ValueKind == JsonValueKind.Object && message.TryGetProperty("content"u8, out var c) ? c : default;
        var isPrompt = !root.Bool("isMeta"u8) && !root.Bool("isSidechain"u8) && ParentOf(root) is null && !root.Bool("isCompactSummary"u8);
        if (content.ValueKind == JsonValueKind.String)
        {
            // Transcripts keep Claude Code's re-ask after an empty answer as a meta user message.
            if (isPrompt) AddPrompt(content);
            else if (content.Prefix(EmptyResponseNudge.Length) == EmptyResponseNudge) Trace.EmptyResponseRetries++;
            return;
        }
        if (content.ValueKind != JsonValueKind.Array) return;
        foreach (var block in content.EnumerateArray())
        {
            var blockType = block.Str("type"u8);
            if (blockType == "text" && block.TryGetProperty("text"u8, out var prompt) && prompt.ValueKind == JsonValueKind.String)
            {
                if (isPrompt) AddPrompt(prompt);
                else if (prompt.Prefix(EmptyResponseNudge.Length) == EmptyResponseNudge) Trace.EmptyResponseRetries++;
                continue;
            }
            if (blockType != "tool_result") continue;
            var id = block.Str("tool_use_id"u8, TraceLimits.MaxIdChars);
            if (id is null || !_state.PendingCalls.TryGetValue(id, out var call)) continue;
            _state.PendingCalls.Remove(id);
            var resultContent = block.TryGetProperty("content"u8, out var given) ? given : default;
            var isError = block.Bool("is_error"u8);
            string text;
            if (ToolNames.IsSubagent(call.Name))
            {
                // A subagent's id comes at the end of its result: this one result is read whole.
                var whole = resultContent.ContentText();
                var agentId = AgentIdInResult.Match(whole) is { Success: true } m
                    ? TraceLimits.Cut(m.Groups[1].Value, TraceLimits.MaxIdChars)
                    : root.Obj("toolUseResult"u8).Str("agentId"u8, TraceLimits.MaxIdChars);
                if (agentId is not null) _state.AgentCallByAgentId[agentId] = call.Id;
                text = TraceLimits.Cut(whole, TraceLimits.MaxToolResultChars);
            }
            else if (isError || resultContent.ContentTextMayContain(ToolNames.UnknownToolSentenceUtf8))
            {
                text = resultContent.ContentText(TraceLimits.MaxToolResultChars);
            }
            else
            {
                // A successful call's output (a file read, a command's output: most of a transcript's text) is read by no
                // verdict, unless it names a tool Claude Code does not know: checked, not decoded.
                text = "";
            }
            call.Result = new TraceToolResult(isError, text, at);
            if (isError) Trace.ToolErrors++;
            else if (ToolNames.IsExploring(call.Name)) _exploringSucceeded++;
            if (id == _pendingDeliverableCallId)
            {
                if (call.Name == "Write" && Trace.DeliverableWrite is { } write) Trace.DeliverableWrite = write with { Succeeded = !isError };
                else if (call.Name != "Write" && Trace.DeliverableEdit is { } edit) Trace.DeliverableEdit = edit with { Succeeded = !isError };
            }
        }
    }

    /// <summary>A person's prompt: only what is kept of it is decoded.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AddPrompt(JsonNode text)
    {
        var prompt = text.Prefix(TraceLimits.MaxTextChars + 1);
        // A prompt that opens with more blank space than is kept is rare enough to read whole, to see what follows it.
        if (prompt.Length > TraceLimits.MaxTextChars && string.IsNullOrWhiteSpace(prompt)) prompt = text.GetString();
        if (prompt.StartsWith(EmptyResponseNudge, StringComparison.Ordinal))
        {
            Trace.EmptyResponseRetries++;
            return;
        }
        if (Trace.Prompt is null)
        {
            Trace.Prompt = TraceLimits.Cut(prompt, TraceLimits.MaxTextChars);
            return;
        }
        // Tags are Claude Code's own messages (command output, reminders), not a person nudging the model.
        if (prompt.TrimStart().StartsWith("<", StringComparison.Ordinal)) return;
        if (Trace.UserPrompts.Count < TraceLimits.MaxKeptPrompts) Trace.UserPrompts.Add(new TraceUserPrompt(TraceLimits.Cut(prompt, TraceLimits.MaxTextChars), Trace.AssistantTurns));
    }

    private void ReadResult(JsonNode root)
    {
        var usage = root.Obj("usage"u8);
        var input = usage.Long("input_tokens"u8) + usage.Long("cache_creation_input_tokens"u8) + usage.Long("cache_read_input_tokens"u8);
        var errors = root.Arr("errors"u8);
        var errorText = errors.ValueKind == JsonValueKind.Array ? string.Join("; ", ErrorStrings(errors)) : "";
        Trace.Results.Add(new TraceResult(
            root.Str("subtype"u8),
            root.Bool("is_error"u8),
            root.Str("terminal_reason"u8),
            root.Str("stop_reason"u8),
            (int)Math.Min(int.MaxValue, Math.Max(0, root.Long("num_turns"u8))),
            Math.Max(0, root.Long("duration_ms"u8)),
            input,
            usage.Long("output_tokens"u8),
            root.Str("result"u8, TraceLimits.MaxTextChars) ?? "",
            root.NullableInt("api_error_status"u8),
            TraceLimits.Cut(errorText, TraceLimits.MaxTextChars)));
    }

    /// <summary>
    /// Per-message usage, one count per message id: a message's blocks come as several lines with the same id, and
    /// transcripts carry the final usage on them. The open message's latest usage wins; it is committed when the id changes.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void CountUsage(string? messageId, JsonNode usage, bool subagent, DateTimeOffset? at)
    {
        if (messageId is null || usage.ValueKind != JsonValueKind.Object) return;
        var opened = false;
        if (messageId != _openUsageId)
        {
            _committedInput += _openInput;
            _committedOutput += _openOutput;
            _openInput = _openOutput = 0;
            _openUsageId = _state.CountedUsageIds.Add(messageId) ? messageId : null;
            if (_openUsageId is null) return;
            opened = true;
        }
        _openInput = usage.Long("input_tokens"u8) + usage.Long("cache_creation_input_tokens"u8) + usage.Long("cache_read_input_tokens"u8);
        _openOutput = usage.Long("output_tokens"u8);
        // One prompt per request; a transcript's later lines of the same message carry its final usage.
        if (opened && Trace.Prompts.Count < TraceLimits.MaxKeptToolCalls)
            Trace.Prompts.Add(new TracePrompt(Trace.AssistantTurns, _openInput, subagent, at));
        else if (!opened && Trace.Prompts.Count > 0 && Trace.Prompts[Trace.Prompts.Count - 1] is { } open && open.InputTokens != _openInput)
            Trace.Prompts[Trace.Prompts.Count - 1] = open with { InputTokens = _openInput };
        Trace.MessageInputTokens = _committedInput + _openInput;
        Trace.MessageOutputTokens = _committedOutput + _openOutput;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private string? ParentOf(JsonNode root)
    {
        if (root.Str("parent_tool_use_id"u8, TraceLimits.MaxIdChars) is { } parent) return parent;
        if (!root.Bool("isSidechain"u8)) return null;
        var agentId = root.Str("agentId"u8, TraceLimits.MaxIdChars) ?? root.Str("agent_id"u8, TraceLimits.MaxIdChars);
        if (agentId is null) return "sidechain";
        return _state.AgentCallByAgentId.TryGetValue(agentId, out var callId) ? callId : "agent:" + agentId;
    }

    private bool IsDeliverable(string path)
    {
        var slash = Math.Max(path.LastIndexOf('/'), path.LastIndexOf('\\'));
        return string.Equals(path.Substring(slash + 1), DeliverableFileName, StringComparison.OrdinalIgnoreCase);
    }

    private static IReadOnlyList<string> Keys(JsonNode input) => input.PropertyNames(32);

    private static void AddStrings(JsonNode array, List<string> into)
    {
        if (array.ValueKind != JsonValueKind.Array) return;
        foreach (var item in array.EnumerateArray())
            if (item.ValueKind == JsonValueKind.String && item.GetString() is { Length: > 0 } text) into.Add(text);
    }

    private static IEnumerable<string> ErrorStrings(JsonNode errors)
    {
        foreach (var error in errors.EnumerateArray())
            if (error.ValueKind == JsonValueKind.String) yield return error.GetString()!;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static DateTimeOffset? Timestamp(JsonNode root) =>
        root.TryGetProperty("timestamp"u8, out var value) && value.ValueKind == JsonValueKind.String && value.TryGetDateTimeOffset(out var at)
            ? at
            : null;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool IsBlank(ReadOnlySpan<byte> line)
    {
        foreach (var b in line)
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')) return false;
        return true;
    }

    /// <summary>
    /// Hands this reader's working collections (calls awaiting results, ids seen) to the next reader on this thread,
    /// emptied: an import reads thousands of files one after another on each thread, and grew new ones for each.
    /// Only for a reader that is done: nothing may be added to it afterwards.
    /// </summary>
    internal void Recycle() => _state.Recycle();

    /// <summary>What a reader keeps while it reads, apart from the trace it builds; reused per thread (see <see cref="Recycle"/>).</summary>
    private sealed class ReadingState
    {
        /// <summary>Collections that grew room for more entries than this are left to the GC rather than kept for the next file.</summary>
        private const int KeptEntries = 4096;

        [ThreadStatic]
        private static ReadingState? _spare;

        public Dictionary<string, TraceToolCall> PendingCalls { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, string> AgentCallByAgentId { get; } = new(StringComparer.Ordinal);
        public BoundedIdSet MainThreadMessageIds { get; } = new();
        public BoundedIdSet CountedUsageIds { get; } = new();

        public static ReadingState Take()
        {
            var spare = _spare;
            if (spare is null) return new ReadingState();
            _spare = null;
            return spare;
        }

        public void Recycle()
        {
            // EnsureCapacity(0) tells the room a collection has grown, which Clear keeps (a session's calls mostly leave it).
            if (PendingCalls.EnsureCapacity(0) + AgentCallByAgentId.EnsureCapacity(0) + MainThreadMessageIds.Capacity + CountedUsageIds.Capacity > KeptEntries) return;
            PendingCalls.Clear();
            AgentCallByAgentId.Clear();
            MainThreadMessageIds.Clear();
            CountedUsageIds.Clear();
            _spare = this;
        }
    }

    /// <summary>A set of ids that forgets everything past a bound: a rare recount beats unbounded memory.</summary>
    private sealed class BoundedIdSet
    {
        private const int Bound = 100_000;
        private readonly HashSet<string> _ids = new(StringComparer.Ordinal);

        public int Capacity => _ids.EnsureCapacity(0);

        public void Clear() => _ids.Clear();

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public bool Add(string id)
        {
            if (_ids.Count >= Bound) _ids.Clear();
            return _ids.Add(id);
        }
    }
}
