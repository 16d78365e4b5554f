using System;
using System.Linq;
using LocalModels.Classification;
using LocalModels.Traces;
using Xunit;

namespace LocalModels.Tests.Classification;

/// <summary>Single rules on hand-built traces: which calls, tools, parameters and errors each one takes as its facts.</summary>
public sealed class SignalDetectorTests
{
    private static TraceToolCall Call(string name, string input, bool? isError = null, string result = "", int turn = 1, string? parent = null, params string[] keys) =>
        new()
        {
            Id = Guid.NewGuid().ToString("N"),
            Name = name,
            SubagentType = ToolNames.IsSubagent(name) && System.Text.Json.JsonDocument.Parse(input).RootElement.TryGetProperty("subagent_type", out var type) ? type.GetString() : null,
            InputKeys = keys,
            Turn = turn,
            ParentToolUseId = parent,
            Result = isError is { } error ? new TraceToolResult(error, result, null) : null,
        };

    private static RunFacts Facts(params TraceToolCall[] calls)
    {
        var trace = new RunTrace { Format = TraceFormat.StreamJson };
        trace.ToolCalls.AddRange(calls);
        trace.ToolCallCount = calls.Length;
        return new RunFacts(trace, new RunContext());
    }

    private const string MissingPath = "<tool_use_error>InputValidationError: Read failed due to the following issue:\nThe required parameter `file_path` is missing</tool_use_error>";
    private const string UnexpectedFoo = "<tool_use_error>InputValidationError: Agent failed due to the following issues:\nAn unexpected parameter `foo` was provided\nThe required parameter `prompt` is missing</tool_use_error>";
    private const string RawZod = "<tool_use_error>InputValidationError: [{\"code\":\"invalid_type\",\"path\":[\"pattern\"]}]</tool_use_error>";

    [Fact]
    public void Validation_errors_are_grouped_by_the_tool_they_name_in_order_with_every_blamed_parameter_once()
    {
        var facts = Facts(
            Call("Read", "{}", true, MissingPath, turn: 2),
            Call("Agent", "{}", true, UnexpectedFoo, turn: 3),
            Call("Read", "{}", true, MissingPath, turn: 4),
            Call("Glob", "{}", true, RawZod, turn: 5),
            Call("Read", "{}", false, "ok", turn: 6));

        var signal = SignalDetectors.HallucinatedParams(facts);

        Assert.NotNull(signal);
        Assert.Equal(new[] { "Read", "Agent", "Glob" }, signal!.Facts.Tools);
        Assert.Equal(new[] { "file_path", "prompt", "foo", "pattern" }, signal.Facts.Names);
        Assert.Equal(4, signal.Facts.Count);
        Assert.Equal(2, signal.Facts.Turn);
    }

    [Fact]
    public void A_wrapped_call_is_nested_params_not_a_parameter_error()
    {
        var wrapped = Call("Read", "{\"tool_name\":\"Read\",\"parameters\":{}}", true, MissingPath, 1, null, "tool_name", "parameters");
        var facts = Facts(wrapped, Call("Bash", "{}", true, RawZod, 2, null, "name", "input", "extra"));

        Assert.Equal(new[] { "Read" }, SignalDetectors.NestedParams(facts)!.Facts.Tools);
        Assert.Equal(new[] { "Bash" }, SignalDetectors.HallucinatedParams(facts)!.Facts.Tools);
        Assert.Equal(1, SignalDetectors.HallucinatedParams(facts)!.Facts.Count);
    }

    [Theory]
    [InlineData(new[] { "tool_name", "parameters" }, true)]
    [InlineData(new[] { "name", "arguments", "type", "id" }, true)]
    [InlineData(new[] { "function", "args", "type" }, true)]
    [InlineData(new[] { "tool_name" }, false)]
    [InlineData(new[] { "tool_name", "type" }, false)]
    [InlineData(new[] { "parameters", "input" }, false)]
    [InlineData(new[] { "tool_name", "parameters", "file_path" }, false)]
    [InlineData(new[] { "name", "input", "type", "id", "tool" }, false)]
    public void A_nested_input_is_a_wrapper_and_a_payload_and_nothing_else(string[] keys, bool nested) =>
        Assert.Equal(nested, RunFacts.IsNested(Call("X", "{}", null, "", 1, null, keys)));

    [Fact]
    public void Main_thread_facts_leave_out_subagent_calls_and_count_successful_exploring_everywhere()
    {
        var facts = Facts(
            Call("Agent", "{}", false, "done", 1),
            Call("Read", "{}", false, "text", 1, "agent-1"),
            Call("Grep", "{}", true, "bad", 1, "agent-1"),
            Call("Bash", "{}", false, "out", 2),
            Call("Write", "{}", false, "ok", 3));

        Assert.Equal(new[] { "Agent", "Bash", "Write" }, facts.MainCalls.Select(c => c.Name));
        Assert.Equal(2, facts.ExploringCalls);
    }

    [Fact]
    public void The_precedence_keeps_signals_of_equal_rank_in_the_order_found()
    {
        var signals = new[]
        {
            new FailureSignal(FailureMode.Timeout, "t"),
            new FailureSignal(FailureMode.ContextStall, "a"),
            new FailureSignal(FailureMode.NoToolSupport, "n"),
            new FailureSignal(FailureMode.ContextStall, "b"),
            new FailureSignal(FailureMode.HallucinatedTools, "h"),
        };
        Assert.Equal(new[] { "n", "h", "a", "b", "t" }, FailureModePrecedence.Sort(signals).Select(s => s.Evidence));
        Assert.Empty(FailureModePrecedence.Sort(Array.Empty<FailureSignal>()));
    }
}
