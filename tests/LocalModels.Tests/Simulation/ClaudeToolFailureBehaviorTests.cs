using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace LocalModels.Tests.Simulation;

/// <summary>End to end with the real Claude Code CLI: behaviours whose failure shows in how they call tools.</summary>
public sealed class ClaudeToolFailureBehaviorTests
{
    [Fact]
    public async Task Hallucinated_tools_are_answered_with_no_such_tool_errors()
    {
        using var run = SimulatedClaudeRun.Start();
        var result = await run.RunAsync("hallucinated-tools");

        Assert.True(result.ExitCode == 0, result.Describe());
        // The calls the behaviour scripts, whatever names it invents; each refused by Claude Code as unknown.
        var scripted = LocalModels.Simulation.Behaviors.BehaviorLibrary.LoadBuiltIn().Behaviors.Single(b => b.Name == "hallucinated-tools")
            .Main.SelectMany(step => step.Tools).Select(tool => tool.Name).ToList();
        Assert.Equal(scripted, result.MainToolUses.Select(t => t.Name));
        Assert.DoesNotContain(scripted, name => ClaudeCliRun.Tools.Split(',').Contains(name));
        Assert.All(result.MainToolResults, r => Assert.True(r.IsError));
        Assert.All(result.MainToolUses.Zip(result.MainToolResults), pair => Assert.Contains($"No such tool available: {pair.First.Name}", pair.Second.Content));
        Assert.Null(result.ReadRepositoryFile("CLAUDE.md"));
    }

    [Fact]
    public async Task Hallucinated_params_get_validation_errors_and_the_model_gives_up_in_text()
    {
        using var run = SimulatedClaudeRun.Start();
        var result = await run.RunAsync("hallucinated-params");

        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.Equal(3, result.MainToolUses.Count);
        Assert.All(result.MainToolResults, r => Assert.Contains("InputValidationError: Agent failed", r.Content));
        Assert.Contains(result.MainToolResults, r => r.Content.Contains("The required parameter `description` is missing"));
        // It gives up in words, and every failed call got its answer.
        Assert.False(string.IsNullOrWhiteSpace(result.MainTexts.Last()), result.Describe());
        Assert.Equal(result.MainToolUses.Count, result.MainToolResults.Count);
        Assert.Null(result.ReadRepositoryFile("CLAUDE.md"));
    }

    [Fact]
    public async Task Nested_params_fail_validation_every_time()
    {
        using var run = SimulatedClaudeRun.Start();
        var result = await run.RunAsync("nested-params");

        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.Equal(4, result.MainToolUses.Count);
        Assert.All(result.MainToolUses, t => Assert.True(t.Input.TryGetProperty("tool_name", out _)));
        Assert.All(result.MainToolResults, r => Assert.True(r.IsError && r.Content.Contains("InputValidationError"), r.Content));
        Assert.Contains(result.MainToolResults, r => r.Content.Contains("An unexpected parameter `tool_name` was provided"));
        Assert.Null(result.ReadRepositoryFile("CLAUDE.md"));
    }

    [Fact]
    public async Task Narrated_tools_invoke_nothing()
    {
        using var run = SimulatedClaudeRun.Start();
        var result = await run.RunAsync("narrated-tools");

        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.Empty(result.MainToolUses);
        Assert.Contains("```", string.Join("\n", result.MainTexts));
        Assert.Null(result.ReadRepositoryFile("CLAUDE.md"));
    }

    [Fact]
    public async Task Stuck_on_subagent_keeps_delegating_and_writes_nothing()
    {
        using var run = SimulatedClaudeRun.Start();
        var result = await run.RunAsync("stuck-on-subagent");

        Assert.True(result.ExitCode == 0, result.Describe());
        var agentCalls = result.MainToolUses.Where(t => t.Name == "Agent").ToList();
        Assert.True(agentCalls.Count >= 3, result.Describe());
        Assert.All(agentCalls, t => Assert.Equal("Explore", t.Input.GetProperty("subagent_type").GetString()));
        Assert.DoesNotContain(result.MainToolUses, t => t.Name == "Write");
        Assert.Null(result.ReadRepositoryFile("CLAUDE.md"));
        // The subagents' own requests were recognised by shape and answered by the behaviour's subagent section.
        Assert.True(result.HasSubagentLines, result.Describe());
    }

    [Fact]
    public async Task Adapts_after_subagent_then_writes_an_accurate_CLAUDE_md()
    {
        using var run = SimulatedClaudeRun.Start();
        var result = await run.RunAsync("adapts-after-subagent");

        Assert.True(result.ExitCode == 0, result.Describe());
        var tools = result.MainToolUses.Select(t => t.Name).ToList();
        Assert.Equal(new[] { "Agent", "Agent", "Bash" }, tools.Take(3));
        Assert.Equal("Write", tools.Last());
        var claudeMd = result.ReadRepositoryFile("CLAUDE.md");
        Assert.NotNull(claudeMd);
        Assert.Contains("`npm run lint`", claudeMd);
        Assert.Contains("`tests/`", claudeMd);
    }
}
