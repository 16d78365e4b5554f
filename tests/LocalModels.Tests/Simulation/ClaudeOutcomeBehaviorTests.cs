using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Xunit;
using LocalModels.Ollama;

namespace LocalModels.Tests.Simulation;

/// <summary>End to end with the real Claude Code CLI: behaviours whose failure shows in the deliverable or its absence.</summary>
public sealed class ClaudeOutcomeBehaviorTests
{
    [Fact]
    public async Task Refusing_model_answers_in_text_and_touches_nothing()
    {
        using var run = SimulatedClaudeRun.Start();
        var result = await run.RunAsync("refuses");

        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.Empty(result.MainToolUses);
        Assert.False(string.IsNullOrEmpty(result.Result!.Value.GetProperty("result").GetString()));
        Assert.Null(result.ReadRepositoryFile("CLAUDE.md"));
    }

    [Fact]
    public async Task Hallucinated_content_writes_at_once_with_invented_paths()
    {
        using var run = SimulatedClaudeRun.Start();
        var result = await run.RunAsync("hallucinated-content");

        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.Equal("Write", result.MainToolUses.First().Name);
        Assert.DoesNotContain(result.MainToolUses, t => t.Name is "Bash" or "Read");
        var claudeMd = result.ReadRepositoryFile("CLAUDE.md");
        Assert.NotNull(claudeMd);
        Assert.Contains("frontend/", claudeMd);
        Assert.Contains("npm run dev", claudeMd);
        Assert.False(Directory.Exists(Path.Combine(result.Repository, "frontend")));
    }

    [Fact]
    public async Task Lazy_model_reads_the_README_only_and_names_a_file_that_does_not_exist()
    {
        using var run = SimulatedClaudeRun.Start();
        var result = await run.RunAsync("lazy-hallucinating");

        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.Equal(new[] { "Read", "Write" }, result.MainToolUses.Select(t => t.Name));
        var claudeMd = result.ReadRepositoryFile("CLAUDE.md");
        Assert.NotNull(claudeMd);
        Assert.Contains("wordtally", claudeMd);
        Assert.Contains("src/components/Toolbar.tsx", claudeMd);
        Assert.False(File.Exists(Path.Combine(result.Repository, "src", "components", "Toolbar.tsx")));
    }

    [Fact]
    public async Task Context_stall_explores_then_stops_even_when_nudged()
    {
        using var run = SimulatedClaudeRun.Start();
        var first = await run.RunAsync("context-stall");
        Assert.True(first.ExitCode == 0, first.Describe());
        Assert.Contains("Bash", first.MainToolUses.Select(t => t.Name));
        Assert.Contains("Read", first.MainToolUses.Select(t => t.Name));
        Assert.DoesNotContain("Write", first.MainToolUses.Select(t => t.Name));

        var nudged = await run.RunAsync("context-stall", prompt: "Continue", continueSession: true);
        Assert.True(nudged.ExitCode == 0, nudged.Describe());
        Assert.DoesNotContain("Write", nudged.MainToolUses.Select(t => t.Name));
        Assert.Null(nudged.ReadRepositoryFile("CLAUDE.md"));
    }

    [Fact]
    public async Task Needs_intervention_writes_CLAUDE_md_only_after_a_Continue_nudge()
    {
        using var run = SimulatedClaudeRun.Start();
        var first = await run.RunAsync("needs-intervention");
        Assert.True(first.ExitCode == 0, first.Describe());
        Assert.Contains("Read", first.MainToolUses.Select(t => t.Name));
        Assert.Null(first.ReadRepositoryFile("CLAUDE.md"));

        var nudged = await run.RunAsync("needs-intervention", prompt: "Continue", continueSession: true);
        Assert.True(nudged.ExitCode == 0, nudged.Describe());
        Assert.Equal("Write", nudged.MainToolUses.Single().Name);
        var claudeMd = nudged.ReadRepositoryFile("CLAUDE.md");
        Assert.NotNull(claudeMd);
        Assert.Contains("`npm run build`", claudeMd);
    }

    [Fact]
    public async Task Memory_thrash_loads_partly_on_cpu_and_stalls_between_tiny_deltas()
    {
        using var run = SimulatedClaudeRun.Start(delayScale: 0.01);
        var result = await run.RunAsync("memory-thrash");

        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.DoesNotContain("Write", result.MainToolUses.Select(t => t.Name));
        var loaded = run.Simulator.Catalog.Loaded.Single(l => l.Model.Name == "sim/memory-thrash:latest");
        Assert.Equal(131072, loaded.ContextLength);
        Assert.InRange(loaded.SizeVramBytes / (double)loaded.SizeBytes, 0.58, 0.60);
        // Even at 1/100 of its pace the run is slow: seconds for a few short turns.
        Assert.True(result.Duration > TimeSpan.FromSeconds(1.5), result.Describe());
    }
}
