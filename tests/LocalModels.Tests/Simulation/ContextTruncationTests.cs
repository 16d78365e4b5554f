using System.Linq;
using System.Text.Json.Nodes;
using LocalModels.Simulation.Anthropic;
using LocalModels.Simulation.Behaviors;
using Xunit;

namespace LocalModels.Tests.Simulation;

/// <summary>Ollama's overflow rules and the behaviours' answers to compaction and to a lost task, without the CLI.</summary>
public sealed class ContextTruncationTests
{
    private static string Pad(int chars) => new('x', chars);

    /// <summary>A Claude Code-shaped request: tools and system prompt, the task, a system note, turns, and a last message.</summary>
    private static MessagesRequest Conversation(string last = "Continue", int toolChars = 8000)
    {
        var messages = new JsonArray
        {
            new JsonObject { ["role"] = "user", ["content"] = "Please write CLAUDE.md for this repository. " + Pad(2000) },
            new JsonObject { ["role"] = "system", ["content"] = "Primary working directory: /tmp/repo" },
            new JsonObject { ["role"] = "assistant", ["content"] = new JsonArray { new JsonObject { ["type"] = "tool_use", ["id"] = "t1", ["name"] = "Bash", ["input"] = new JsonObject { ["command"] = "ls" } } } },
            new JsonObject { ["role"] = "user", ["content"] = new JsonArray { new JsonObject { ["type"] = "tool_result", ["tool_use_id"] = "t1", ["content"] = "README.md\n" + Pad(4000) } } },
            new JsonObject { ["role"] = "user", ["content"] = last },
        };
        var body = new JsonObject
        {
            ["model"] = "sim/explorer", ["max_tokens"] = 1000, ["system"] = "You are an agent.",
            ["tools"] = new JsonArray { new JsonObject { ["name"] = "Bash", ["description"] = Pad(toolChars) }, new JsonObject { ["name"] = "Write", ["description"] = "w" } },
            ["messages"] = messages,
        };
        return MessagesRequest.TryParse(body.ToJsonString())!;
    }

    [Fact]
    public void A_prompt_that_fits_is_left_whole_and_reported_as_it_is()
    {
        var request = Conversation();
        var fitted = ContextTruncation.Fit(request, 65536);
        Assert.False(fitted.Truncated);
        Assert.Equal(request.Messages.Count, fitted.Request.Messages.Count);
        Assert.Equal(request.FixedTokens + request.Messages.Sum(m => m.Tokens), fitted.PromptTokens);
    }

    [Fact]
    public void Past_the_context_the_oldest_messages_go_first_keeping_system_messages_and_the_last()
    {
        var request = Conversation();
        var whole = request.FixedTokens + request.Messages.Sum(m => m.Tokens);
        var context = whole - request.Messages[0].Tokens + 10; // room for everything but the task message
        var fitted = ContextTruncation.Fit(request, context);

        Assert.Equal(1, fitted.DroppedMessages);
        Assert.True(fitted.LostTask);
        Assert.False(fitted.Cut);
        Assert.InRange(fitted.PromptTokens, context - 20, context);
        Assert.Equal(new[] { "system", "assistant", "user", "user" }, fitted.Request.Messages.Select(m => m.Role));
        Assert.Equal("Continue", fitted.Request.Messages[fitted.Request.Messages.Count - 1].Text);
        Assert.Contains("Bash", fitted.Request.ToolNames);
    }

    [Fact]
    public void When_even_the_system_part_does_not_fit_the_prompt_is_cut_to_its_tail_and_reported_at_num_ctx()
    {
        var request = Conversation(toolChars: 40000);
        var fitted = ContextTruncation.Fit(request, 4096);

        Assert.True(fitted.Cut);
        Assert.True(fitted.LostTask);
        Assert.Equal(4096, fitted.PromptTokens);
        Assert.Empty(fitted.Request.ToolNames);
        Assert.Equal("Continue", fitted.Request.Messages.Single().Text);
    }

    [Fact]
    public void A_model_that_lost_its_task_calls_no_tool_and_a_compaction_request_gets_a_summary_or_fails_by_behaviour()
    {
        var library = BehaviorLibrary.LoadBuiltIn();
        Assert.True(library.TryGet("explorer", out var explorer));
        Assert.True(library.TryGet("silent", out var silent));
        Assert.True(library.TryGet("context-stall", out var stall));

        var lost = BehaviorPlayer.NextTurn(explorer, ConversationState.From(Conversation(), "s", lostTask: true));
        Assert.False(lost.HasToolCalls);
        Assert.NotEmpty(lost.Blocks);

        var compaction = Conversation(ConversationState.CompactionInstruction + " Summarise the conversation.");
        var summary = BehaviorPlayer.NextTurn(explorer, ConversationState.From(compaction, "s"));
        Assert.False(summary.HasToolCalls);
        Assert.Contains("<summary>", summary.Blocks.Single().Text);
        Assert.Empty(BehaviorPlayer.NextTurn(silent, ConversationState.From(compaction, "s")).Blocks);
        Assert.True(BehaviorPlayer.NextTurn(stall, ConversationState.From(compaction, "s")).HasToolCalls);
    }
}
