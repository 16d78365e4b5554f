using System;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace LocalModels.Tests.Ollama;

/// <summary>The simulator's native endpoints at the HTTP level: status codes and bodies as Ollama sends them.</summary>
public sealed class SimulatorWireTests : IDisposable
{
    private static readonly HttpClient Http = new();
    private readonly SimulatorScope _scope = new();

    public void Dispose() => _scope.Dispose();

    private Task<HttpResponseMessage> Send(HttpMethod method, string path, string? body = null)
    {
        var request = new HttpRequestMessage(method, new Uri(_scope.Simulator.BaseUri, path));
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        return Http.SendAsync(request);
    }

    [Fact]
    public async Task Head_version_answers_200()
    {
        var response = await Send(HttpMethod.Head, "/api/version");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/api/show", "{\"model\":\"ghost\"}", 404, "model 'ghost' not found")]
    [InlineData("/api/show", "{}", 400, "model is required")]
    [InlineData("/api/show", "not json", 400, "invalid character")]
    [InlineData("/api/create", "{\"model\":\"-bad\",\"from\":\"qwen3:0.6b\"}", 400, "invalid model name")]
    public async Task Errors_are_json_with_an_error_field(string path, string body, int status, string message)
    {
        var response = await Send(HttpMethod.Post, path, body);
        Assert.Equal(status, (int)response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(message, json.RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Delete_answers_200_then_404()
    {
        Assert.Equal(HttpStatusCode.OK, (await Send(HttpMethod.Delete, "/api/delete", "{\"model\":\"qwen3:0.6b\"}")).StatusCode);
        var second = await Send(HttpMethod.Delete, "/api/delete", "{\"model\":\"qwen3:0.6b\"}");
        Assert.Equal(HttpStatusCode.NotFound, second.StatusCode);
        Assert.Equal("{\"error\":\"model 'qwen3:0.6b' not found\"}", await second.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Show_has_padded_parameters_and_flat_model_info()
    {
        await Send(HttpMethod.Post, "/api/create", "{\"model\":\"tiny-8k\",\"from\":\"qwen3:0.6b\",\"parameters\":{\"num_ctx\":8192},\"stream\":false}");
        var response = await Send(HttpMethod.Post, "/api/show", "{\"model\":\"tiny-8k\"}");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        Assert.Equal("num_ctx                        8192", root.GetProperty("parameters").GetString());
        Assert.Equal("qwen3", root.GetProperty("model_info").GetProperty("general.architecture").GetString());
        Assert.Equal(40960, root.GetProperty("model_info").GetProperty("qwen3.context_length").GetInt32());
        Assert.Equal("Q4_K_M", root.GetProperty("details").GetProperty("quantization_level").GetString());
        Assert.Contains("tools", root.GetProperty("capabilities").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Create_without_stream_answers_one_object()
    {
        var response = await Send(HttpMethod.Post, "/api/create", "{\"model\":\"tiny-8k\",\"from\":\"qwen3:0.6b\",\"parameters\":{\"num_ctx\":8192},\"stream\":false}");
        Assert.Equal("{\"status\":\"success\"}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Newer_versions_list_capabilities_in_tags()
    {
        _scope.Simulator.Version = "0.30.1";
        var text = await (await Send(HttpMethod.Get, "/api/tags")).Content.ReadAsStringAsync();
        Assert.Contains("\"capabilities\":[\"completion\",\"thinking\"]", text);
    }
}
