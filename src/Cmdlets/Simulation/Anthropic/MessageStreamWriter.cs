using System;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using LocalModels.Simulation.Behaviors;

namespace LocalModels.Simulation.Anthropic;

/// <summary>
/// Writes a scripted turn the way Ollama's /v1/messages does: SSE events (message_start, content blocks with
/// text_delta / thinking_delta, a tool call as ONE input_json_delta, message_delta, message_stop; no ping, no error
/// events) or, for stream:false, one message object. Delays follow the behaviour's pace times the delay scale.
/// </summary>
internal sealed class MessageStreamWriter
{
    private readonly SimulatorResponse _response;
    private readonly string _model;
    private readonly int _inputTokens;
    private readonly double _delayScale;
    private readonly CancellationToken _cancellation;

    public MessageStreamWriter(SimulatorResponse response, string model, int inputTokens, double delayScale, CancellationToken cancellation)
    {
        _response = response;
        _model = model;
        _inputTokens = inputTokens;
        _delayScale = Math.Max(0, delayScale);
        _cancellation = cancellation;
    }

    public async Task StreamAsync(ScriptedTurn turn)
    {
        var pace = turn.Pace;
        _response.BeginStream(200, "text/event-stream");
        await Event("message_start", new JsonObject
        {
            ["type"] = "message_start",
            ["message"] = new JsonObject
            {
                ["id"] = NewId("msg_"),
                ["type"] = "message",
                ["role"] = "assistant",
                ["model"] = _model,
                ["content"] = new JsonArray(),
                ["usage"] = Usage(0),
            },
        }).ConfigureAwait(false);
        await Delay(pace.FirstTokenMs).ConfigureAwait(false);

        var index = 0;
        foreach (var block in turn.Blocks)
        {
            switch (block.Kind)
            {
                case ScriptedBlockKind.Text:
                    await StreamTextBlock(index, "text", "text_delta", block.Text, pace).ConfigureAwait(false);
                    break;
                case ScriptedBlockKind.Thinking:
                    await StreamTextBlock(index, "thinking", "thinking_delta", block.Text, pace).ConfigureAwait(false);
                    break;
                case ScriptedBlockKind.ToolUse:
                    await StreamToolUse(index, block, pace).ConfigureAwait(false);
                    break;
            }
            index++;
        }

        if (turn.Forever) await StreamForever(index, pace).ConfigureAwait(false);

        await Event("message_delta", new JsonObject
        {
            ["type"] = "message_delta",
            ["delta"] = new JsonObject { ["stop_reason"] = turn.StopReason },
            ["usage"] = Usage(turn.EstimatedOutputTokens),
        }).ConfigureAwait(false);
        await Event("message_stop", new JsonObject { ["type"] = "message_stop" }).ConfigureAwait(false);
    }

    public async Task WriteMessageAsync(ScriptedTurn turn)
    {
        var pace = turn.Pace;
        var generation = pace.FirstTokenMs + turn.Blocks.Sum(b => GenerationMs(b.Kind == ScriptedBlockKind.ToolUse ? b.Input!.ToJsonString().Length : b.Text.Length, pace));
        await Delay(generation).ConfigureAwait(false);
        if (turn.Forever) await Task.Delay(Timeout.Infinite, _cancellation).ConfigureAwait(false);
        var content = new JsonArray();
        foreach (var block in turn.Blocks)
        {
            content.Add(block.Kind switch
            {
                ScriptedBlockKind.Text => new JsonObject { ["type"] = "text", ["text"] = block.Text },
                ScriptedBlockKind.Thinking => new JsonObject { ["type"] = "thinking", ["thinking"] = block.Text },
                _ => new JsonObject { ["type"] = "tool_use", ["id"] = NewId("toolu_"), ["name"] = block.ToolName, ["input"] = block.Input!.DeepClone() },
            });
        }
        await _response.WriteJsonAsync(200, new JsonObject
        {
            ["id"] = NewId("msg_"),
            ["type"] = "message",
            ["role"] = "assistant",
            ["model"] = _model,
            ["content"] = content,
            ["stop_reason"] = turn.StopReason,
            ["usage"] = Usage(turn.EstimatedOutputTokens),
        }).ConfigureAwait(false);
    }

    private async Task StreamTextBlock(int index, string type, string deltaType, string text, BehaviorPace pace)
    {
        var field = type == "text" ? "text" : "thinking";
        await Event("content_block_start", new JsonObject
        {
            ["type"] = "content_block_start",
            ["index"] = index,
            ["content_block"] = new JsonObject { ["type"] = type, [field] = "" },
        }).ConfigureAwait(false);
        var chunk = Math.Max(1, pace.ChunkChars);
        for (var start = 0; start < text.Length; start += chunk)
        {
            var piece = text.Substring(start, Math.Min(chunk, text.Length - start));
            await Delay(GenerationMs(piece.Length, pace)).ConfigureAwait(false);
            await Delta(index, new JsonObject { ["type"] = deltaType, [field] = piece }).ConfigureAwait(false);
        }
        await Event("content_block_stop", new JsonObject { ["type"] = "content_block_stop", ["index"] = index }).ConfigureAwait(false);
    }

    private async Task StreamToolUse(int index, ScriptedBlock block, BehaviorPace pace)
    {
        var json = block.Input!.ToJsonString();
        await Event("content_block_start", new JsonObject
        {
            ["type"] = "content_block_start",
            ["index"] = index,
            ["content_block"] = new JsonObject { ["type"] = "tool_use", ["id"] = NewId("toolu_"), ["name"] = block.ToolName, ["input"] = new JsonObject() },
        }).ConfigureAwait(false);
        // Ollama parses the whole tool call before it answers, so the arguments arrive in one delta.
        await Delay(GenerationMs(json.Length, pace)).ConfigureAwait(false);
        await Delta(index, new JsonObject { ["type"] = "input_json_delta", ["partial_json"] = json }).ConfigureAwait(false);
        await Event("content_block_stop", new JsonObject { ["type"] = "content_block_stop", ["index"] = index }).ConfigureAwait(false);
    }

    /// <summary>A model that never finishes: small text deltas until the client hangs up or the server stops.</summary>
    private async Task StreamForever(int index, BehaviorPace pace)
    {
        await Event("content_block_start", new JsonObject
        {
            ["type"] = "content_block_start",
            ["index"] = index,
            ["content_block"] = new JsonObject { ["type"] = "text", ["text"] = "" },
        }).ConfigureAwait(false);
        while (true)
        {
            _cancellation.ThrowIfCancellationRequested();
            await Delay(Math.Max(1, pace.ForeverIntervalMs)).ConfigureAwait(false);
            await Delta(index, new JsonObject { ["type"] = "text_delta", ["text"] = "." }).ConfigureAwait(false);
        }
    }

    private Task Delta(int index, JsonObject delta) =>
        Event("content_block_delta", new JsonObject { ["type"] = "content_block_delta", ["index"] = index, ["delta"] = delta });

    private Task Event(string name, JsonObject data) => _response.WriteSseEventAsync(name, data);

    private JsonObject Usage(int outputTokens) => new() { ["input_tokens"] = _inputTokens, ["output_tokens"] = outputTokens };

    private static double GenerationMs(int characters, BehaviorPace pace) =>
        pace.TokensPerSecond <= 0 ? 0 : characters / 4.0 / pace.TokensPerSecond * 1000.0;

    private Task Delay(double milliseconds)
    {
        var scaled = milliseconds * _delayScale;
        return scaled < 1 ? Task.CompletedTask : Task.Delay(TimeSpan.FromMilliseconds(scaled), _cancellation);
    }

    private static string NewId(string prefix) => prefix + Guid.NewGuid().ToString("N").Substring(0, 24);
}
