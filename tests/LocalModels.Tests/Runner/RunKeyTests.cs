using Xunit;
using LocalModels.Results;

namespace LocalModels.Tests.Runner;

/// <summary>-Resume's notion of "the same measurement": model names compare the way Ollama resolves them.</summary>
public sealed class RunKeyTests
{
    [Theory]
    [InlineData("devstral-64k", "devstral-64k:latest")]
    [InlineData("devstral-64k", "Devstral-64K")]
    [InlineData("devstral-64k:latest", "library/devstral-64k")]
    [InlineData("sim/explorer", "SIM/Explorer:latest")]
    public void Spellings_of_one_Ollama_model_give_one_key(string measured, string requested)
    {
        var key = new RunKey(measured, "Init", "", 65536, 1);
        var again = new RunKey(requested, "init", "", 65536, 1);
        Assert.Equal(key, again);
        Assert.Equal(key.GetHashCode(), again.GetHashCode());
        Assert.Equal(RunKey.Of(new ModelRun { Model = measured, Task = "Init", ContextLength = 65536, Repetition = 1 }), again);
    }

    [Theory]
    [InlineData("devstral-64k:v2", "Init", "", 65536, 1)]
    [InlineData("other/devstral-64k", "Init", "", 65536, 1)]
    [InlineData("devstral-64k", "Prompt", "", 65536, 1)]
    [InlineData("devstral-64k", "Init", "Explain", 65536, 1)]
    [InlineData("devstral-64k", "Init", "", 32768, 1)]
    [InlineData("devstral-64k", "Init", "", 65536, 2)]
    public void Another_model_tag_task_prompt_context_or_repetition_is_another_measurement(string model, string task, string prompt, int context, int repetition) =>
        Assert.NotEqual(new RunKey("devstral-64k", "Init", "", 65536, 1), new RunKey(model, task, prompt, context, repetition));
}
