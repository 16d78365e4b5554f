using LocalModels.Errors;
using LocalModels.Ollama;
using Xunit;

namespace LocalModels.Tests.Ollama;

public sealed class OllamaModelNameTests
{
    [Theory]
    [InlineData("devstral-small-2")]
    [InlineData("devstral-64k")]
    [InlineData("qwen3-coder:30b")]
    [InlineData("qwen3:0.6b")]
    [InlineData("library/llama3.2:latest")]
    [InlineData("registry.ollama.ai/library/mistral:7b")]
    [InlineData("localhost:5000/team/model:v1.2")]
    [InlineData("_private")]
    public void Accepts_names_ollama_accepts(string name) => Assert.Null(OllamaModelName.Explain(name));

    [Theory]
    [InlineData("", "empty")]
    [InlineData("-devstral", "must start")]
    [InlineData(".hidden", "must start")]
    [InlineData("dev stral", "contains ' '")]
    [InlineData("model:", "tag is empty")]
    [InlineData("model:-x", "must start")]
    [InlineData("my.team/model", "namespace 'my.team' contains '.'")]
    [InlineData("a/b/c/d", "more than")]
    [InlineData("name!", "contains '!'")]
    public void Rejects_names_ollama_rejects(string name, string reason)
    {
        var ex = Assert.Throws<LocalModelsException>(() => OllamaModelName.Validate(name));
        Assert.Equal("InvalidModelName", ex.ErrorId);
        Assert.Contains(reason, ex.Message);
    }

    [Fact]
    public void Parts_are_limited_to_80_characters()
    {
        Assert.True(OllamaModelName.IsValid(new string('a', 80)));
        Assert.False(OllamaModelName.IsValid(new string('a', 81)));
        Assert.False(OllamaModelName.IsValid("m:" + new string('t', 81)));
    }

    [Fact]
    public void A_name_without_tag_is_the_latest_tag()
    {
        Assert.True(OllamaModelName.SameModel("devstral-64k", "devstral-64k:latest"));
        Assert.True(OllamaModelName.SameModel("Devstral-64K", "devstral-64k"));
        Assert.False(OllamaModelName.SameModel("devstral-64k", "devstral-64k:v2"));
    }

    [Theory]
    [InlineData("devstral-64k", "registry.ollama.ai/library/devstral-64k:latest")]
    [InlineData("Devstral-64K:LATEST", "registry.ollama.ai/library/devstral-64k:latest")]
    [InlineData("library/devstral-64k", "registry.ollama.ai/library/devstral-64k:latest")]
    [InlineData("sim/explorer", "registry.ollama.ai/sim/explorer:latest")]
    [InlineData("hf.co/unsloth/Devstral-GGUF:Q4_K_M", "hf.co/unsloth/devstral-gguf:q4_k_m")]
    [InlineData("localhost:5000/team/coder:7b", "localhost:5000/team/coder:7b")]
    [InlineData("https://registry.ollama.ai/library/qwen3:8b", "registry.ollama.ai/library/qwen3:8b")]
    [InlineData(" qwen3-coder:30b ", "registry.ollama.ai/library/qwen3-coder:30b")]
    public void Canonical_fills_in_Ollamas_default_host_namespace_and_tag_in_lower_case(string name, string canonical) =>
        Assert.Equal(canonical, OllamaModelName.Canonical(name));

    [Fact]
    public void Names_that_differ_in_namespace_or_tag_are_different_models()
    {
        Assert.True(OllamaModelName.SameModel("library/devstral-64k:latest", "devstral-64k"));
        Assert.False(OllamaModelName.SameModel("sim/devstral-64k", "devstral-64k"));
        Assert.False(OllamaModelName.SameModel("devstral-64k:latest", "devstral-64k:24b"));
    }
}
