using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LocalModels.Errors;
using LocalModels.Ollama;
using Xunit;

namespace LocalModels.Tests.Ollama;

/// <summary>The client against the simulator: every endpoint, and every way a server can fail.</summary>
public sealed class OllamaClientTests : IDisposable
{
    private readonly SimulatorScope _scope = new();
    private readonly OllamaClient _client;

    public OllamaClientTests() => _client = new OllamaClient(_scope.Simulator.BaseUri, TimeSpan.FromSeconds(5));

    public void Dispose() => _scope.Dispose();

    [Fact]
    public async Task Version_is_read()
    {
        _scope.Simulator.Version = "0.15.1";
        Assert.Equal("0.15.1", await _client.GetVersionAsync(default));
    }

    [Fact]
    public async Task Tags_list_the_catalogue()
    {
        var models = await _client.ListModelsAsync(default);
        Assert.Contains(models, m => m.Name == "devstral-small-2:latest" && m.Size > 10_000_000_000 && m.QuantizationLevel == "Q4_K_M");
        Assert.Equal(_scope.Simulator.Catalog.Models.Count, models.Count);
        Assert.All(models, m => Assert.Null(m.Capabilities)); // 0.14.2 lists capabilities only in /api/show
    }

    [Fact]
    public async Task Show_reports_capabilities_native_context_and_shape()
    {
        var devstral = await _client.ShowAsync("devstral-small-2", default);
        Assert.True(devstral.SupportsTools);
        Assert.Equal("mistral3", devstral.Architecture);
        Assert.Equal(262144, devstral.NativeContextLength);
        Assert.Null(devstral.ConfiguredContextLength);
        Assert.Equal(40, devstral.GetArchitectureNumber("block_count"));

        var deepseek = await _client.ShowAsync("deepseek-r1:32b", default);
        Assert.False(deepseek.SupportsTools);
        var magistral = await _client.ShowAsync("magistral:24b", default);
        Assert.Equal(40960, magistral.NativeContextLength);
    }

    [Fact]
    public async Task Create_merges_parameters_over_the_base_and_reports_status_lines()
    {
        var lines = new List<OllamaProgress>();
        await _client.CreateAsync("devstral-64k", "devstral-small-2", new Dictionary<string, object> { ["num_ctx"] = 65536 }, lines.Add, default);
        Assert.Equal("success", lines.Last().Status);
        Assert.Contains(lines, l => l.Status.StartsWith("using existing layer sha256:", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Status == "writing manifest");
        var created = await _client.ShowAsync("devstral-64k", default);
        Assert.Equal(65536, created.ConfiguredContextLength);
        Assert.True(created.SupportsTools);

        // The request used from + parameters, never the removed "modelfile" field.
        var request = _scope.Simulator.Server.Requests.Last(r => r.Path == "/api/create");
        Assert.Contains("\"from\":\"devstral-small-2\"", request.Body);
        Assert.Contains("\"num_ctx\":65536", request.Body);
        Assert.DoesNotContain("modelfile", request.Body);

        // A second alias keeps the first one's other parameters and replaces num_ctx.
        _scope.Simulator.Catalog.TryGet("devstral-64k", out var alias);
        alias.Parameters["temperature"] = "0.15";
        await _client.CreateAsync("devstral-128k", "devstral-64k", new Dictionary<string, object> { ["num_ctx"] = 131072 }, null, default);
        var merged = await _client.ShowAsync("devstral-128k", default);
        Assert.Equal(131072, merged.ConfiguredContextLength);
        Assert.Equal("0.15", merged.Parameters["temperature"]);
    }

    [Fact]
    public async Task Create_from_a_missing_base_fails_with_the_servers_message()
    {
        var ex = await Assert.ThrowsAsync<LocalModelsException>(() =>
            _client.CreateAsync("x-64k", "no-such-model", new Dictionary<string, object> { ["num_ctx"] = 65536 }, null, default));
        Assert.Equal("OllamaHttpError", ex.ErrorId);
        Assert.Contains("file does not exist", ex.Message);
    }

    [Fact]
    public async Task Pull_streams_total_and_completed_then_installs()
    {
        _scope.Simulator.Catalog.Remove("qwen3:0.6b");
        var lines = new List<OllamaProgress>();
        await _client.PullAsync("qwen3:0.6b", lines.Add, default);
        Assert.Equal("pulling manifest", lines.First().Status);
        Assert.Contains(lines, l => l.Total == 522_653_767L && l.Completed == l.Total && l.PercentComplete == 100);
        Assert.Contains(lines, l => l.Status == "verifying sha256 digest");
        Assert.True(await _client.ExistsAsync("qwen3:0.6b", default));
    }

    [Fact]
    public async Task Pull_of_an_unknown_model_is_OllamaModelNotFound()
    {
        var ex = await Assert.ThrowsAsync<LocalModelsException>(() => _client.PullAsync("no-such-model", null, default));
        Assert.Equal("OllamaModelNotFound", ex.ErrorId);
    }

    [Fact]
    public async Task Delete_removes_and_then_reports_not_found()
    {
        await _client.DeleteAsync("qwen3:0.6b", default);
        Assert.False(_scope.Simulator.Catalog.TryGet("qwen3:0.6b", out _));
        var ex = await Assert.ThrowsAsync<LocalModelsException>(() => _client.DeleteAsync("qwen3:0.6b", default));
        Assert.Equal("OllamaModelNotFound", ex.ErrorId);
        Assert.Contains("ollama pull qwen3:0.6b", ex.Message);
    }

    [Fact]
    public async Task Ps_lists_loaded_models_with_context_and_processor_split()
    {
        _scope.Simulator.Catalog.TryGet("qwen3-coder:30b", out var qwen);
        qwen.CpuPercent = 41;
        _scope.Simulator.LoadModel("qwen3-coder:30b", 131072);
        _scope.Simulator.LoadModel("qwen3:0.6b");
        var loaded = await _client.ListLoadedAsync(default);
        var big = loaded.Single(l => l.Name == "qwen3-coder:30b");
        Assert.Equal(131072, big.ContextLength);
        Assert.Equal("41%/59% CPU/GPU", big.Processor);
        Assert.True(big.ExpiresAt > DateTimeOffset.UtcNow);
        var small = loaded.Single(l => l.Name == "qwen3:0.6b");
        Assert.Equal(4096, small.ContextLength);
        Assert.Equal("100% GPU", small.Processor);
    }

    [Fact]
    public async Task Unknown_model_is_OllamaModelNotFound()
    {
        var ex = await Assert.ThrowsAsync<LocalModelsException>(() => _client.ShowAsync("nope", default));
        Assert.Equal("OllamaModelNotFound", ex.ErrorId);
    }

    [Fact]
    public async Task A_closed_port_is_OllamaNotRunning_with_how_to_start_it()
    {
        var client = new OllamaClient(new Uri(SimulatorScope.ClosedHost()));
        var ex = await Assert.ThrowsAsync<LocalModelsException>(() => client.GetVersionAsync(default));
        Assert.Equal("OllamaNotRunning", ex.ErrorId);
        Assert.Contains("ollama serve", ex.Message);
    }

    [Fact]
    public async Task A_500_carries_ollamas_error_message_and_status()
    {
        _scope.Simulator.InjectFault("/api/tags", 500, "{\"error\":\"llama runner process has terminated\"}");
        var ex = await Assert.ThrowsAsync<LocalModelsException>(() => _client.ListModelsAsync(default));
        Assert.Equal("OllamaHttpError", ex.ErrorId);
        Assert.Contains("500", ex.Message);
        Assert.Contains("llama runner process has terminated", ex.Message);
    }

    [Theory]
    [InlineData("/api/tags", "this is not json")]
    [InlineData("/api/tags", "{\"models\":\"not a list\"}")]
    [InlineData("/api/version", "{\"version\":42}")]
    [InlineData("/api/ps", "{}")]
    public async Task Garbage_is_OllamaMalformedResponse(string path, string body)
    {
        _scope.Simulator.InjectFault(path, 200, body);
        var ex = await Assert.ThrowsAsync<LocalModelsException>(async () =>
        {
            if (path == "/api/tags") await _client.ListModelsAsync(default);
            else if (path == "/api/ps") await _client.ListLoadedAsync(default);
            else await _client.GetVersionAsync(default);
        });
        Assert.Equal("OllamaMalformedResponse", ex.ErrorId);
    }

    [Fact]
    public async Task A_stream_without_success_is_malformed()
    {
        _scope.Simulator.InjectFault("/api/pull", 200, "{\"status\":\"pulling manifest\"}\n", "application/x-ndjson");
        var ex = await Assert.ThrowsAsync<LocalModelsException>(() => _client.PullAsync("qwen3:0.6b", null, default));
        Assert.Equal("OllamaMalformedResponse", ex.ErrorId);
    }

    [Fact]
    public async Task A_slow_answer_is_OllamaTimeout()
    {
        _scope.Simulator.InjectFault("/api/tags", 200, "{\"models\":[]}", delay: TimeSpan.FromSeconds(3));
        var client = new OllamaClient(_scope.Simulator.BaseUri, TimeSpan.FromMilliseconds(300));
        var ex = await Assert.ThrowsAsync<LocalModelsException>(() => client.ListModelsAsync(default));
        Assert.Equal("OllamaTimeout", ex.ErrorId);
    }

    [Fact]
    public async Task A_create_stream_whose_server_never_answers_is_OllamaTimeout_after_the_silence_limit()
    {
        _scope.Simulator.InjectFault("/api/create", 200, "{\"status\":\"success\"}\n", "application/x-ndjson", delay: TimeSpan.FromSeconds(30));
        var client = new OllamaClient(_scope.Simulator.BaseUri, TimeSpan.FromSeconds(5), streamSilenceLimit: TimeSpan.FromMilliseconds(500));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var ex = await Assert.ThrowsAsync<LocalModelsException>(() => client.CreateAsync("devstral-64k", "devstral-small-2", new Dictionary<string, object> { ["num_ctx"] = 65536 }, null, default));
        Assert.Equal("OllamaTimeout", ex.ErrorId);
        Assert.Equal(ErrorKind.OperationTimeout, ex.Kind);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"gave up after {clock.Elapsed.TotalSeconds:0} s");
    }

    [Fact]
    public async Task A_create_stream_that_goes_silent_midway_is_OllamaTimeout_and_one_that_keeps_talking_runs_past_the_limit()
    {
        var parameters = new Dictionary<string, object> { ["num_ctx"] = 65536 };
        // Lines every 100 ms for 8 s outlast a 4 s limit: only silence counts, not the stream's length. (The margin
        // between a pause and the limit is wide: a loaded CI machine has held a thread back for 2 s.)
        using (var talking = RawNdjsonServer.Start(Enumerable.Range(0, 80).Select(i => ("{\"status\":\"layer " + i + "\"}", TimeSpan.FromMilliseconds(100)))
            .Append(("{\"status\":\"success\"}", TimeSpan.Zero)), thenHang: false))
        {
            var progress = new List<OllamaProgress>();
            await new OllamaClient(talking.BaseUri, streamSilenceLimit: TimeSpan.FromSeconds(4)).CreateAsync("devstral-64k", "devstral-small-2", parameters, progress.Add, default);
            Assert.Equal(81, progress.Count);
        }
        using (var silent = RawNdjsonServer.Start(new[] { ("{\"status\":\"creating new layer\"}", TimeSpan.Zero) }, thenHang: true))
        {
            var progress = new List<OllamaProgress>();
            var ex = await Assert.ThrowsAsync<LocalModelsException>(() =>
                new OllamaClient(silent.BaseUri, streamSilenceLimit: TimeSpan.FromSeconds(2)).CreateAsync("devstral-64k", "devstral-small-2", parameters, progress.Add, default));
            Assert.Equal("OllamaTimeout", ex.ErrorId);
            Assert.Single(progress);
        }
    }

    [Fact]
    public async Task A_pull_may_be_quiet_once_it_has_answered_as_Ollama_is_while_it_checks_a_digest()
    {
        using var server = RawNdjsonServer.Start(new[]
        {
            ("{\"status\":\"verifying sha256 digest\"}", TimeSpan.FromSeconds(5)),
            ("{\"status\":\"success\"}", TimeSpan.Zero),
        }, thenHang: false);
        var progress = new List<OllamaProgress>();
        await new OllamaClient(server.BaseUri, streamSilenceLimit: TimeSpan.FromSeconds(2)).PullAsync("qwen3:0.6b", progress.Add, default);
        Assert.Equal(new[] { "verifying sha256 digest", "success" }, progress.Select(p => p.Status));
    }

    [Fact]
    public async Task A_pull_whose_server_never_answers_is_OllamaTimeout_after_the_silence_limit()
    {
        _scope.Simulator.InjectFault("/api/pull", 200, "{\"status\":\"success\"}\n", "application/x-ndjson", delay: TimeSpan.FromSeconds(30));
        var client = new OllamaClient(_scope.Simulator.BaseUri, streamSilenceLimit: TimeSpan.FromMilliseconds(500));
        var ex = await Assert.ThrowsAsync<LocalModelsException>(() => client.PullAsync("qwen3:0.6b", null, default));
        Assert.Equal("OllamaTimeout", ex.ErrorId);
    }

    [Fact]
    public async Task Cancelling_a_silent_stream_is_a_cancellation_not_a_timeout()
    {
        _scope.Simulator.InjectFault("/api/pull", 200, "{\"status\":\"success\"}\n", "application/x-ndjson", delay: TimeSpan.FromSeconds(30));
        var client = new OllamaClient(_scope.Simulator.BaseUri, streamSilenceLimit: TimeSpan.FromSeconds(20));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.PullAsync("qwen3:0.6b", null, cancel.Token));
    }

    [Fact]
    public async Task Cancellation_is_honoured_and_not_reported_as_a_timeout()
    {
        _scope.Simulator.InjectFault("/api/tags", 200, "{\"models\":[]}", delay: TimeSpan.FromSeconds(3));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _client.ListModelsAsync(cancel.Token));
    }

    [Fact]
    public async Task Faults_can_be_limited_to_a_number_of_requests()
    {
        _scope.Simulator.InjectFault("/api/version", 500, "{\"error\":\"busy\"}", times: 1);
        await Assert.ThrowsAsync<LocalModelsException>(() => _client.GetVersionAsync(default));
        Assert.Equal("0.14.2", await _client.GetVersionAsync(default));
    }
}
