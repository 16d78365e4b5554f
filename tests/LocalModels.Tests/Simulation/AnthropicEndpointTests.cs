using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using LocalModels.Ollama;
using LocalModels.Simulation;
using Xunit;

namespace LocalModels.Tests.Simulation;

/// <summary>The /v1/messages wire format, parsed from what the simulator actually sends.</summary>
public sealed class AnthropicEndpointTests : IDisposable
{
    private readonly OllamaSimulator _simulator = new() { DelayScale = 0 };
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(20) };

    public void Dispose()
    {
        _http.Dispose();
        _simulator.Dispose();
    }

    [Fact]
    public async Task Streams_a_tool_call_as_start_one_input_json_delta_and_stop()
    {
        var events = await StreamAsync(Request("sim/explorer", tools: true));

        var names = events.Select(e => e.Name).ToList();
        Assert.Equal("message_start", names.First());
        Assert.Equal(new[] { "message_delta", "message_stop" }, names.TakeLast(2));
        Assert.DoesNotContain("ping", names);
        Assert.DoesNotContain("error", names);
        Assert.All(events, e => Assert.Equal(e.Name, e.Data["type"]!.GetValue<string>()));

        var toolStart = events.Single(e => e.Name == "content_block_start" && e.Data["content_block"]!["type"]!.GetValue<string>() == "tool_use");
        var index = toolStart.Data["index"]!.GetValue<int>();
        Assert.Equal("Bash", toolStart.Data["content_block"]!["name"]!.GetValue<string>());
        Assert.Empty(toolStart.Data["content_block"]!["input"]!.AsObject());
        Assert.StartsWith("toolu_", toolStart.Data["content_block"]!["id"]!.GetValue<string>());
        var toolDeltas = events.Where(e => e.Name == "content_block_delta" && e.Data["index"]!.GetValue<int>() == index).ToList();
        var delta = Assert.Single(toolDeltas);
        Assert.Equal("input_json_delta", delta.Data["delta"]!["type"]!.GetValue<string>());
        var input = JsonNode.Parse(delta.Data["delta"]!["partial_json"]!.GetValue<string>())!;
        Assert.Contains("find", input["command"]!.GetValue<string>());
        Assert.Contains(events, e => e.Name == "content_block_stop" && e.Data["index"]!.GetValue<int>() == index);

        var textDeltas = events.Where(e => e.Name == "content_block_delta" && e.Data["delta"]!["type"]!.GetValue<string>() == "text_delta");
        Assert.NotEmpty(textDeltas);
        var messageDelta = events.Single(e => e.Name == "message_delta");
        Assert.Equal("tool_use", messageDelta.Data["delta"]!["stop_reason"]!.GetValue<string>());
        Assert.True(messageDelta.Data["usage"]!["output_tokens"]!.GetValue<int>() > 0);
    }

    [Fact]
    public async Task Message_start_estimates_input_tokens_as_body_length_over_four()
    {
        var body = Request("sim/refuses", tools: true);
        var events = await StreamAsync(body);

        var start = events.First().Data["message"]!;
        Assert.Equal("assistant", start["role"]!.GetValue<string>());
        Assert.Equal("sim/refuses", start["model"]!.GetValue<string>());
        Assert.StartsWith("msg_", start["id"]!.GetValue<string>());
        Assert.Equal(Encoding.UTF8.GetByteCount(body) / 4, start["usage"]!["input_tokens"]!.GetValue<int>());
        Assert.Equal("end_turn", events.Single(e => e.Name == "message_delta").Data["delta"]!["stop_reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Streams_thinking_as_thinking_deltas()
    {
        var events = await StreamAsync(Request("sim/hallucinated-content", tools: true));

        var thinkingStart = events.First(e => e.Name == "content_block_start");
        Assert.Equal("thinking", thinkingStart.Data["content_block"]!["type"]!.GetValue<string>());
        Assert.Contains(events, e => e.Name == "content_block_delta" && e.Data["delta"]!["type"]!.GetValue<string>() == "thinking_delta");
    }

    [Fact]
    public async Task Silent_model_streams_no_content_blocks()
    {
        var events = await StreamAsync(Request("sim/silent", tools: true));

        Assert.Equal(new[] { "message_start", "message_delta", "message_stop" }, events.Select(e => e.Name));
    }

    [Fact]
    public async Task Non_streaming_request_gets_one_message()
    {
        var response = await PostAsync(Request("sim/explorer", tools: true, stream: false));

        Assert.Equal(200, (int)response.StatusCode);
        var message = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("message", message["type"]!.GetValue<string>());
        Assert.Equal("tool_use", message["stop_reason"]!.GetValue<string>());
        var tool = message["content"]!.AsArray().Single(b => b!["type"]!.GetValue<string>() == "tool_use")!;
        Assert.Equal("Bash", tool["name"]!.GetValue<string>());
        Assert.Contains("find", tool["input"]!["command"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("{\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", "model is required")]
    [InlineData("{\"model\":\"sim/explorer\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", "max_tokens is required and must be positive")]
    [InlineData("{\"model\":\"sim/explorer\",\"max_tokens\":0,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", "max_tokens is required and must be positive")]
    [InlineData("{\"model\":\"sim/explorer\",\"max_tokens\":10,\"messages\":[]}", "messages is required")]
    public async Task Invalid_requests_get_400_invalid_request_error(string body, string message)
    {
        var error = await ErrorAsync(body, 400);

        Assert.Equal("invalid_request_error", error["error"]!["type"]!.GetValue<string>());
        Assert.Equal(message, error["error"]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Unknown_model_gets_404_not_found_error()
    {
        var error = await ErrorAsync(Request("qwen9:999b", tools: true), 404);

        Assert.Equal("not_found_error", error["error"]!["type"]!.GetValue<string>());
        Assert.Equal("model 'qwen9:999b' not found", error["error"]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Model_without_tools_capability_gets_400_when_the_request_has_tools()
    {
        var error = await ErrorAsync(Request("sim/no-tools", tools: true), 400);

        Assert.Equal("invalid_request_error", error["error"]!["type"]!.GetValue<string>());
        Assert.Equal("registry.ollama.ai/sim/no-tools:latest does not support tools", error["error"]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Library_model_without_tools_is_named_with_the_library_namespace()
    {
        var model = _simulator.Catalog.Models.Single(m => m.Name == "sim/no-tools:latest").Clone("deepseek-r1:32b");
        _simulator.Catalog.Add(model);

        var error = await ErrorAsync(Request("deepseek-r1:32b", tools: true), 400);

        Assert.Equal("registry.ollama.ai/library/deepseek-r1:32b does not support tools", error["error"]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Model_without_tools_still_answers_a_request_without_tools()
    {
        var events = await StreamAsync(Request("sim/no-tools", tools: false));

        Assert.Contains(events, e => e.Name == "content_block_delta");
    }

    [Fact]
    public async Task First_request_loads_the_model_at_its_num_ctx_or_the_server_default_capped_at_native()
    {
        _simulator.DefaultContextLength = 8192;
        await StreamAsync(Request("sim/explorer", tools: true));
        var unsized = _simulator.Catalog.Models.Single(m => m.Name == "sim/refuses:latest").Clone("unsized:latest");
        unsized.Parameters.Remove("num_ctx");
        _simulator.Catalog.Add(unsized);
        await StreamAsync(Request("unsized", tools: true));
        var small = _simulator.Catalog.Models.Single(m => m.Name == "sim/refuses:latest").Clone("tiny:1b");
        small.NativeContextLength = 2048;
        _simulator.Catalog.Add(small);
        await StreamAsync(Request("tiny:1b", tools: true));

        var loaded = _simulator.Catalog.Loaded.ToDictionary(l => l.Model.Name);
        Assert.Equal(65536, loaded["sim/explorer:latest"].ContextLength);
        Assert.Equal(8192, loaded["unsized:latest"].ContextLength);
        Assert.Equal(2048, loaded["tiny:1b"].ContextLength);
        var explorer = loaded["sim/explorer:latest"];
        Assert.True(explorer.SizeBytes > explorer.Model.SizeBytes, "the KV cache adds to the weights");
        Assert.Equal(explorer.SizeBytes, explorer.SizeVramBytes);
    }

    [Fact]
    public async Task Every_error_body_has_the_anthropic_shape()
    {
        var error = await ErrorAsync("not json", 400);

        Assert.Equal("error", error["type"]!.GetValue<string>());
        Assert.StartsWith("req_", error["request_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Query_string_is_ignored_when_matching_the_route()
    {
        using var content = new StringContent(Request("sim/refuses", tools: true), Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync(new Uri(_simulator.BaseUri, "/v1/messages?beta=true"), content);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Never_finishing_stream_ends_promptly_when_the_simulator_stops()
    {
        _simulator.DelayScale = 0.05;
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_simulator.BaseUri, "/v1/messages"))
        {
            Content = new StringContent(Request("sim/never-finishes", tools: true), Encoding.UTF8, "application/json"),
        };
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var seen = new List<string>();
        while (seen.Count(l => l.Contains("text_delta")) < 5) seen.Add(await reader.ReadLineAsync() ?? throw new EndOfStreamException());
        Assert.DoesNotContain(seen, l => l.Contains("message_stop"));

        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        _simulator.Dispose();
        var rest = await ReadToEndOrFailAsync(reader);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"stream took {stopwatch.Elapsed} to end");
        Assert.DoesNotContain("message_stop", rest);
    }

    [Fact]
    public async Task Never_finishing_stream_goes_on_until_the_client_leaves_and_the_server_keeps_serving()
    {
        _simulator.DelayScale = 0.02;
        using (var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(1)))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            {
                using var response = await _http.PostAsync(new Uri(_simulator.BaseUri, "/v1/messages"),
                    new StringContent(Request("sim/never-finishes", tools: true), Encoding.UTF8, "application/json"), cancel.Token);
                await response.Content.ReadAsStringAsync(cancel.Token);
            });
        }
        var events = await StreamAsync(Request("sim/refuses", tools: true));
        Assert.Equal("message_stop", events.Last().Name);
    }

    private static async Task<string> ReadToEndOrFailAsync(StreamReader reader)
    {
        try { return await reader.ReadToEndAsync(); }
        catch (IOException) { return ""; }
        catch (HttpRequestException) { return ""; }
    }

    internal static string Request(string model, bool tools, bool stream = true)
    {
        var body = new JsonObject
        {
            ["model"] = model,
            ["max_tokens"] = 32000,
            ["stream"] = stream,
            ["system"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = "You are a Claude agent." }),
            ["messages"] = new JsonArray(
                new JsonObject { ["role"] = "user", ["content"] = "Please analyze this codebase and create a CLAUDE.md file." },
                new JsonObject { ["role"] = "system", ["content"] = "# Environment\n - Primary working directory: /work/demo\n" }),
        };
        if (tools)
        {
            body["tools"] = new JsonArray(
                new JsonObject { ["name"] = "Agent", ["input_schema"] = new JsonObject() },
                new JsonObject { ["name"] = "Bash", ["input_schema"] = new JsonObject() },
                new JsonObject { ["name"] = "Read", ["input_schema"] = new JsonObject() },
                new JsonObject { ["name"] = "Write", ["input_schema"] = new JsonObject() });
        }
        return body.ToJsonString();
    }

    private async Task<HttpResponseMessage> PostAsync(string body) =>
        await _http.PostAsync(new Uri(_simulator.BaseUri, "/v1/messages"), new StringContent(body, Encoding.UTF8, "application/json"));

    private async Task<JsonNode> ErrorAsync(string body, int status)
    {
        using var response = await PostAsync(body);
        Assert.Equal(status, (int)response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private async Task<List<SseEvent>> StreamAsync(string body)
    {
        using var response = await PostAsync(body);
        Assert.Equal(200, (int)response.StatusCode);
        return SseEvent.Parse(await response.Content.ReadAsStringAsync());
    }

    internal sealed record SseEvent(string Name, JsonNode Data)
    {
        public static List<SseEvent> Parse(string text) => text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(chunk => chunk.Split('\n'))
            .Select(lines => new SseEvent(
                lines.Single(l => l.StartsWith("event: ", StringComparison.Ordinal)).Substring(7),
                JsonNode.Parse(lines.Single(l => l.StartsWith("data: ", StringComparison.Ordinal)).Substring(6))!))
            .ToList();
    }
}
