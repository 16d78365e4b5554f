using LocalModels.Errors;
using LocalModels.Ollama;
using Xunit;

namespace LocalModels.Tests.Ollama;

public sealed class OllamaEndpointTests
{
    [Theory]
    [InlineData(null, null, "http://localhost:11434/")]
    [InlineData(null, "", "http://localhost:11434/")]
    [InlineData(null, "127.0.0.1:11500", "http://127.0.0.1:11500/")]
    [InlineData(null, "0.0.0.0", "http://localhost:11434/")]
    [InlineData(null, "0.0.0.0:9999", "http://localhost:9999/")]
    [InlineData(null, "http://example.com", "http://example.com:11434/")]
    [InlineData(null, "https://ollama.example.com", "https://ollama.example.com/")]
    [InlineData(null, "ollama.lan", "http://ollama.lan:11434/")]
    [InlineData(null, "[::1]:11434", "http://[::1]:11434/")]
    [InlineData(null, "http://example.com:8080/ollama/", "http://example.com:8080/ollama")]
    [InlineData("localhost:2000", "ignored:3000", "http://localhost:2000/")]
    public void Resolves_like_ollama_does(string? explicitHost, string? environment, string expected) =>
        Assert.Equal(expected, OllamaEndpoint.Resolve(explicitHost, environment).ToString());

    [Theory]
    [InlineData("ftp://localhost")]
    [InlineData("localhost:99999")]
    [InlineData("localhost:abc")]
    [InlineData("http://")]
    [InlineData("bad host:1")]
    public void Rejects_malformed_hosts_with_InvalidOllamaHost(string value)
    {
        var ex = Assert.Throws<LocalModelsException>(() => OllamaEndpoint.Parse(value));
        Assert.Equal("InvalidOllamaHost", ex.ErrorId);
        Assert.Contains(value, ex.Message);
    }
}
