using System.Reflection;
using LocalModels.Traces;
using Xunit;

namespace LocalModels.Tests.Traces;

/// <summary>A reader's working collections, handed to the next reader on its thread, carry nothing from one file to the next.</summary>
public sealed class ReaderRecyclingTests
{
    private const string CallT1 = "{\"type\":\"assistant\",\"session_id\":\"s\",\"message\":{\"id\":\"m1\",\"content\":[{\"type\":\"tool_use\",\"id\":\"t1\",\"name\":\"Read\",\"input\":{}}],\"usage\":{\"input_tokens\":10,\"output_tokens\":5}}}";
    private const string ResultT1 = "{\"type\":\"user\",\"session_id\":\"s\",\"message\":{\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"t1\",\"content\":\"boom\",\"is_error\":true}]}}";

    [Fact]
    public void The_next_reader_on_a_thread_starts_empty()
    {
        var earlier = new TraceReader();
        earlier.AddLine(CallT1);
        earlier.Recycle();

        // The same thread, so this reader is given the collections the earlier one handed on.
        var later = new TraceReader();
        later.AddLine(ResultT1);
        later.AddLine(CallT1);
        var (first, second) = (earlier.Trace, later.Trace);

        // The earlier file's call waits for no result of the later file's, and the later file counts its own usage.
        Assert.Null(Assert.Single(first.ToolCalls).Result);
        Assert.Equal(0, second.ToolErrors);
        Assert.Equal(10, second.MessageInputTokens);
        Assert.Equal(5, second.MessageOutputTokens);
        Assert.Equal(1, second.AssistantTurns);
    }

    private static object StateOf(TraceReader reader) =>
        typeof(TraceReader).GetField("_state", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(reader)!;

    [Fact]
    public void Collections_grown_large_are_not_kept_for_the_next_reader()
    {
        var small = new TraceReader();
        small.AddLine(CallT1);
        small.Recycle();
        Assert.Same(StateOf(small), StateOf(new TraceReader()));

        var large = new TraceReader();
        for (var i = 0; i < 10_000; i++)
            large.AddLine("{\"type\":\"assistant\",\"session_id\":\"s\",\"message\":{\"id\":\"m" + i + "\",\"content\":[{\"type\":\"tool_use\",\"id\":\"t" + i + "\",\"name\":\"Read\",\"input\":{}}]}}");
        large.Recycle();
        Assert.NotSame(StateOf(large), StateOf(new TraceReader()));
    }
}
