using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using LocalModels.Ollama;
using LocalModels.Tests.Hosting;
using Xunit;

namespace LocalModels.Tests.Simulation;

/// <summary>
/// End to end: the real Claude Code CLI against the simulator, for the behaviours the runner depends on first
/// (explorer, no-tools, silent, never-finishes).
/// </summary>
public sealed class ClaudeCoreBehaviorTests
{
    [Fact]
    public async Task Explorer_lists_reads_and_writes_an_accurate_CLAUDE_md()
    {
        using var run = SimulatedClaudeRun.Start();
        var result = await run.RunAsync("explorer");

        Assert.True(result.ExitCode == 0, result.Describe());
        var tools = result.MainToolUses.Select(t => t.Name).ToList();
        Assert.Equal("Bash", tools.First());
        Assert.Contains("Read", tools);
        Assert.Equal("Write", tools.Last());
        Assert.DoesNotContain(result.MainToolResults, r => r.IsError);

        var claudeMd = result.ReadRepositoryFile("CLAUDE.md");
        Assert.NotNull(claudeMd);
        Assert.Contains("wordtally", claudeMd);
        Assert.Contains("`npm run build`", claudeMd);
        Assert.Contains("`npm test`", claudeMd);
        Assert.Contains("`npm run lint`", claudeMd);
        Assert.Contains("`src/`", claudeMd);
        Assert.Contains("`count.ts`", claudeMd);
        Assert.DoesNotContain("{{", claudeMd);
        var final = result.Result!.Value;
        Assert.False(final.GetProperty("is_error").GetBoolean());
        Assert.Equal("completed", final.GetProperty("terminal_reason").GetString());
    }

    [Fact]
    public async Task Explorer_documents_an_unfamiliar_python_repository_accurately()
    {
        using var run = SimulatedClaudeRun.Start();
        var repo = run.Cli.Repository;
        foreach (var entry in Directory.EnumerateFileSystemEntries(repo))
        {
            if (Directory.Exists(entry)) Directory.Delete(entry, recursive: true); else File.Delete(entry);
        }
        Directory.CreateDirectory(Path.Combine(repo, "ledger"));
        File.WriteAllText(Path.Combine(repo, "README.md"), "# Ledger\n\nPlain-text double-entry accounting.\n");
        File.WriteAllText(Path.Combine(repo, "Makefile"), ".PHONY: check\ncheck:\n\tpytest -q\nfmt:\n\truff format .\n");
        File.WriteAllText(Path.Combine(repo, "ledger", "journal.py"), "def post(entry):\n    return entry\n");

        var result = await run.RunAsync("explorer", saveTrace: false);

        Assert.True(result.ExitCode == 0, result.Describe());
        var claudeMd = result.ReadRepositoryFile("CLAUDE.md");
        Assert.NotNull(claudeMd);
        Assert.Contains("**Ledger**: Plain-text double-entry accounting.", claudeMd);
        Assert.Contains("`make check`", claudeMd);
        Assert.Contains("`make fmt`", claudeMd);
        Assert.Contains("`ledger/`: `journal.py`", claudeMd);
        Assert.DoesNotContain("npm", claudeMd);
        Assert.DoesNotContain("wordtally", claudeMd);
    }

    [Fact]
    public async Task Explorer_never_receives_a_real_looking_credential()
    {
        using var run = SimulatedClaudeRun.Start();
        var result = await run.RunAsync("explorer", saveTrace: false);

        Assert.True(result.ExitCode == 0, result.Describe());
        var requests = run.Simulator.Server.Requests.Where(r => r.Path == "/v1/messages").ToList();
        Assert.NotEmpty(requests);
        Assert.All(requests, r =>
        {
            Assert.Equal("?beta=true", r.Query);
            Assert.False(r.Headers.TryGetValue("x-api-key", out var key) && key.Length > 0, $"x-api-key sent: {key}");
            Assert.Equal("Bearer ollama", r.Headers["Authorization"]);
        });
        Assert.Contains(run.Simulator.Catalog.Loaded, l => l.Model.Name == "sim/explorer:latest" && l.ContextLength == 65536);
    }

    [Fact]
    public async Task No_tools_model_is_refused_with_400_and_the_run_fails()
    {
        using var run = SimulatedClaudeRun.Start();
        var result = await run.RunAsync("no-tools");

        Assert.Equal(1, result.ExitCode);
        var final = result.Result!.Value;
        Assert.True(final.GetProperty("is_error").GetBoolean(), result.Describe());
        Assert.Equal(400, final.GetProperty("api_error_status").GetInt32());
        Assert.Equal("api_error", final.GetProperty("terminal_reason").GetString());
        Assert.Contains("registry.ollama.ai/sim/no-tools:latest does not support tools", final.GetProperty("result").GetString());
    }

    [Fact]
    public async Task Silent_model_gets_one_retry_then_an_empty_successful_result()
    {
        using var run = SimulatedClaudeRun.Start();
        var result = await run.RunAsync("silent");

        Assert.True(result.ExitCode == 0, result.Describe());
        var final = result.Result!.Value;
        Assert.False(final.GetProperty("is_error").GetBoolean());
        Assert.Equal("", final.GetProperty("result").GetString());
        Assert.Empty(result.MainToolUses);
        var posts = run.Simulator.Server.Requests.Where(r => r.Path == "/v1/messages").ToList();
        Assert.Equal(2, posts.Count);
        Assert.Contains("no visible output", posts[1].Body);
        Assert.Null(result.ReadRepositoryFile("CLAUDE.md"));
    }

    [Fact]
    public async Task Never_finishing_model_holds_the_run_until_it_is_killed()
    {
        using var run = SimulatedClaudeRun.Start();
        var result = await run.RunAsync("never-finishes", timeout: TimeSpan.FromSeconds(4));

        Assert.True(result.TimedOut, result.Describe());
        Assert.Null(result.Result);
        Assert.Null(result.ReadRepositoryFile("CLAUDE.md"));
    }
}
