using System;
using System.Linq;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LocalModels.Classification;
using LocalModels.Simulation;
using LocalModels.Simulation.Anthropic;
using LocalModels.Simulation.Behaviors;
using Xunit;

namespace LocalModels.Tests.Simulation;

/// <summary>The behaviour engine without HTTP: loading, step selection, templating and subagent detection.</summary>
public sealed class BehaviorEngineTests
{
    private const string Cwd = "/home/dev/proj";

    // Ollama model names: [namespace/]name[:tag], lowercase letters, digits, '_', '-', '.'; parts start alphanumeric.
    private static readonly Regex OllamaName = new(@"^([a-z0-9][a-z0-9_.-]*/)?[a-z0-9][a-z0-9_.-]*:[a-z0-9_][a-z0-9_.-]{0,127}$");

    [Fact]
    public void Every_built_in_behaviour_loads_and_declares_valid_models_and_taxonomy_names()
    {
        var library = BehaviorLibrary.LoadBuiltIn();

        var expected = new[]
        {
            "adapts-after-subagent", "context-stall", "explorer", "hallucinated-content", "hallucinated-params", "hallucinated-tools",
            "lazy-hallucinating", "memory-thrash", "narrated-tools", "needs-intervention", "nested-params", "never-finishes",
            "no-tools", "refuses", "silent", "stuck-on-subagent",
        };
        Assert.Equal(expected, library.Names);
        foreach (var behavior in library.Behaviors)
        {
            Assert.True(Enum.TryParse<FailureMode>(behavior.FailureMode, out _), $"{behavior.Name}: {behavior.FailureMode}");
            Assert.True(Enum.TryParse<RunOutcome>(behavior.Outcome, out _), $"{behavior.Name}: {behavior.Outcome}");
            Assert.NotEmpty(behavior.Models);
            Assert.All(behavior.Models, m => Assert.Matches(OllamaName, m.Name));
            Assert.False(string.IsNullOrWhiteSpace(behavior.Summary));
        }
    }

    [Fact]
    public void Simulator_seeds_the_declared_models_bound_to_their_behaviour()
    {
        using var simulator = new OllamaSimulator();

        var thrash = simulator.Catalog.Models.Single(m => m.Name == "sim/memory-thrash:latest");
        Assert.Equal("memory-thrash", thrash.Behavior);
        Assert.Equal(41, thrash.CpuPercent);
        Assert.Equal("131072", thrash.Parameters["num_ctx"]);
        Assert.DoesNotContain("tools", simulator.Catalog.Models.Single(m => m.Name == "sim/no-tools:latest").Capabilities);
        Assert.Equal(64, simulator.Catalog.Models.Single(m => m.Name == "sim/explorer:latest").Digest.Length);
    }

    [Fact]
    public void Unknown_or_missing_behaviour_falls_back_to_the_explorer()
    {
        var library = BehaviorLibrary.LoadBuiltIn();

        Assert.Equal("explorer", library.For(new SimulatedModel { Name = "devstral-small-2:latest" }).Name);
        Assert.Equal("silent", library.For(new SimulatedModel { Name = "x:latest", Behavior = "silent" }).Name);
    }

    [Fact]
    public void Explorer_reacts_to_its_tool_results_step_by_step()
    {
        var explorer = Behavior("explorer");

        var first = Play(explorer);
        var listing = Assert.Single(first.Blocks, b => b.Kind == ScriptedBlockKind.ToolUse);
        Assert.Equal("Bash", listing.ToolName);

        var afterListing = Play(explorer, Turn("Bash", new JsonObject { ["command"] = "find . -type f" },
            "./README.md\n./package.json\n./src/main.py\n./Makefile\n./tests/test_main.py"));
        var reads = afterListing.Blocks.Where(b => b.Kind == ScriptedBlockKind.ToolUse).ToList();
        Assert.All(reads, r => Assert.Equal("Read", r.ToolName));
        Assert.Equal(new[] { $"{Cwd}/README.md", $"{Cwd}/package.json", $"{Cwd}/Makefile" }, reads.Select(r => r.Input!["file_path"]!.GetValue<string>()));
    }

    [Fact]
    public void Explorer_retries_the_listing_when_it_failed()
    {
        var turn = Play(Behavior("explorer"), Turn("Bash", new JsonObject { ["command"] = "find ." }, "Exit code 127\nfind: not found", isError: true));

        var retry = Assert.Single(turn.Blocks, b => b.Kind == ScriptedBlockKind.ToolUse);
        Assert.Equal("ls -R", retry.Input!["command"]!.GetValue<string>());
    }

    [Fact]
    public void Explorer_writes_CLAUDE_md_from_the_files_it_listed_and_read()
    {
        var messages = Turn("Bash", new JsonObject { ["command"] = "find . -type f" }, "./README.md\n./Makefile\n./pyproject.toml\n./app/core.py\n./app/cli.py")
            .Concat(Turn("Read", new JsonObject { ["file_path"] = $"{Cwd}/README.md" }, "1\t# Ledger\n2\t\n3\tKeeps accounts in plain text.\n", id: "t2"))
            .Concat(Turn("Read", new JsonObject { ["file_path"] = $"{Cwd}/Makefile" }, "1\t.PHONY: test\n2\ttest:\n3\t\tpytest\n4\tlint:\n5\t\truff check .\n", id: "t3"))
            .ToArray();

        var turn = Play(Behavior("explorer"), messages);

        var write = Assert.Single(turn.Blocks, b => b.Kind == ScriptedBlockKind.ToolUse);
        Assert.Equal("Write", write.ToolName);
        Assert.Equal($"{Cwd}/CLAUDE.md", write.Input!["file_path"]!.GetValue<string>());
        var content = write.Input!["content"]!.GetValue<string>();
        Assert.Contains("**Ledger**: Keeps accounts in plain text.", content);
        Assert.Contains("`make test`", content);
        Assert.Contains("`make lint`", content);
        Assert.DoesNotContain("make .PHONY", content);
        Assert.Contains("`app/`: `core.py`, `cli.py`", content);
        Assert.DoesNotContain("{{", content);
    }

    [Fact]
    public void Package_json_scripts_become_commands_with_the_lockfile_s_package_manager()
    {
        var messages = Turn("Bash", new JsonObject { ["command"] = "ls" }, "package.json\npnpm-lock.yaml\nsrc")
            .Concat(Turn("Read", new JsonObject { ["file_path"] = $"{Cwd}/package.json" },
                "1\t{\"name\":\"web\",\"description\":\"A site.\",\"scripts\":{\"dev\":\"vite\",\"test\":\"vitest\"}}", id: "t2"))
            .ToArray();

        var facts = State(messages).Facts;

        Assert.Equal("web", facts.ProjectName);
        Assert.Equal("A site.", facts.Summary);
        Assert.Equal(new[] { "pnpm run dev", "pnpm run test" }, facts.Commands.Select(c => c.Command));
        Assert.Equal("vite", facts.Commands[0].Detail);
    }

    [Fact]
    public void A_continue_nudge_is_recognised_and_moves_needs_intervention_to_write()
    {
        var explored = Turn("Bash", new JsonObject { ["command"] = "find . -type f" }, "./README.md")
            .Concat(Turn("Read", new JsonObject { ["file_path"] = $"{Cwd}/README.md" }, "1\t# X\n", id: "t2"))
            .ToList();
        var stalled = Play(Behavior("needs-intervention"), explored.ToArray());
        Assert.DoesNotContain(stalled.Blocks, b => b.Kind == ScriptedBlockKind.ToolUse);
        Assert.Equal("end_turn", stalled.StopReason);

        explored.Add(Message("assistant", new JsonObject { ["type"] = "text", ["text"] = "Next I'll write it." }));
        explored.Add(new JsonObject { ["role"] = "user", ["content"] = "Continue" });
        var state = State(explored.ToArray());
        Assert.True(state.Nudged);
        var nudged = BehaviorPlayer.NextTurn(Behavior("needs-intervention"), state);
        Assert.Equal("Write", Assert.Single(nudged.Blocks, b => b.Kind == ScriptedBlockKind.ToolUse).ToolName);
    }

    [Fact]
    public void Background_task_notifications_in_system_messages_are_not_a_nudge()
    {
        var messages = Turn("Agent", new JsonObject { ["subagent_type"] = "Explore" }, "Async agent launched successfully.").ToList();
        messages.Add(Message("assistant", new JsonObject { ["type"] = "text", ["text"] = "Waiting." }));
        messages.Add(new JsonObject { ["role"] = "system", ["content"] = "[SYSTEM NOTIFICATION - NOT USER INPUT] task completed" });

        var state = State(messages.ToArray());

        Assert.False(state.Nudged);
        Assert.Equal(2, state.AssistantTurns);
        Assert.Empty(state.LastToolResults);
    }

    [Theory]
    [InlineData("x-anthropic-billing-header: cc_version=2.1.328.256; cc_entrypoint=sdk-cli; cc_is_subagent=true;", "Bash,Read,Write", true)]
    [InlineData("You are a file search specialist.", "Bash,DeferredToolPlaceholder,Read", true)]
    [InlineData("You are a Claude agent.", "Agent,Bash,Edit,Read,DeferredToolPlaceholder,Write", false)]
    [InlineData("You are a Claude agent.", "", false)]
    public void Subagent_requests_are_recognised_by_their_shape(string system, string tools, bool isSubagent)
    {
        var body = new JsonObject
        {
            ["model"] = "sim/explorer",
            ["max_tokens"] = 100,
            ["system"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = system }),
            ["tools"] = new JsonArray(tools.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(t => (JsonNode)new JsonObject { ["name"] = t }).ToArray()),
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "List files" }),
        };

        var state = ConversationState.From(MessagesRequest.TryParse(body.ToJsonString())!);

        Assert.Equal(isSubagent, state.IsSubagent);
    }

    [Fact]
    public void Subagent_requests_are_answered_by_the_subagent_section_or_a_short_default()
    {
        var body = new JsonObject
        {
            ["model"] = "m",
            ["max_tokens"] = 100,
            ["system"] = "cc_is_subagent=true",
            ["tools"] = new JsonArray(new JsonObject { ["name"] = "Bash" }, new JsonObject { ["name"] = "Read" }),
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "Explore" }),
        };
        var state = ConversationState.From(MessagesRequest.TryParse(body.ToJsonString())!);

        Assert.Equal("Bash", BehaviorPlayer.NextTurn(Behavior("explorer"), state).Blocks.Last().ToolName);
        var fallback = BehaviorPlayer.NextTurn(Behavior("hallucinated-tools"), state);
        Assert.Equal(ScriptedBlockKind.Text, Assert.Single(fallback.Blocks).Kind);
    }

    [Fact]
    public void Wording_varies_between_sessions_but_not_within_one()
    {
        var explorer = Behavior("explorer");
        var request = MessagesRequest.TryParse(Body().ToJsonString())!;
        string FirstText(string session) => BehaviorPlayer.NextTurn(explorer, ConversationState.From(request, session)).Blocks[0].Text;

        Assert.Equal(FirstText("a"), FirstText("a"));
        Assert.True(Enumerable.Range(0, 20).Select(i => FirstText("s" + i)).Distinct().Count() > 1);
    }

    [Fact]
    public void Unknown_placeholders_stay_visible()
    {
        var facts = State().Facts;

        Assert.Equal("{{nope}} in /home/dev/proj", TemplateRenderer.Render("{{nope}} in {{cwd}}", facts));
    }

    [Fact]
    public void A_malformed_behaviour_is_rejected_with_a_reason()
    {
        Assert.Throws<FormatException>(() => BehaviorDefinition.FromJson("{\"name\":\"x\",\"main\":[]}"));
        Assert.Throws<FormatException>(() => BehaviorDefinition.FromJson("{\"main\":[{\"text\":[\"a\"]}]}"));
    }

    [Fact]
    public void Hallucinated_tools_call_names_that_claude_code_does_not_offer()
    {
        var offered = new[] { "Agent", "Bash", "Edit", "Read", "Write", "Glob", "Grep", "Task", "WebSearch", "WebFetch", "TodoWrite", "Skill" };
        var behavior = Behavior("hallucinated-tools");
        var names = behavior.Main.SelectMany(s => s.Tools).Select(t => t.Name).ToList();

        Assert.NotEmpty(names);
        Assert.All(names, n => Assert.DoesNotContain(n, offered));
    }

    private static BehaviorDefinition Behavior(string name) =>
        BehaviorLibrary.LoadBuiltIn().TryGet(name, out var behavior) ? behavior : throw new InvalidOperationException(name);

    private static ScriptedTurn Play(BehaviorDefinition behavior, params JsonObject[] messages) => BehaviorPlayer.NextTurn(behavior, State(messages));

    private static ConversationState State(params JsonObject[] messages) =>
        ConversationState.From(MessagesRequest.TryParse(Body(messages).ToJsonString())!, "session-1");

    private static JsonObject Body(params JsonObject[] messages)
    {
        var all = new JsonArray(
            new JsonObject { ["role"] = "user", ["content"] = "/init" },
            new JsonObject { ["role"] = "system", ["content"] = $"# Environment\n - Primary working directory: {Cwd}\n" });
        foreach (var message in messages) all.Add(message.DeepClone());
        return new JsonObject
        {
            ["model"] = "sim/explorer",
            ["max_tokens"] = 32000,
            ["tools"] = new JsonArray(new JsonObject { ["name"] = "Agent" }, new JsonObject { ["name"] = "Bash" }, new JsonObject { ["name"] = "Read" }, new JsonObject { ["name"] = "Write" }),
            ["messages"] = all,
        };
    }

    /// <summary>An assistant tool call and the user message with its result.</summary>
    private static JsonObject[] Turn(string tool, JsonObject input, string result, bool isError = false, string id = "t1") => new[]
    {
        Message("assistant", new JsonObject { ["type"] = "tool_use", ["id"] = id, ["name"] = tool, ["input"] = input }),
        Message("user", new JsonObject { ["type"] = "tool_result", ["tool_use_id"] = id, ["content"] = result, ["is_error"] = isError }),
    };

    private static JsonObject Message(string role, JsonObject block) => new() { ["role"] = role, ["content"] = new JsonArray(block) };
}
