using System.IO;
using System.Linq;
using LocalModels.Tests.Hosting;
using LocalModels.Traces;
using Xunit;

namespace LocalModels.Tests.Traces;

/// <summary>The reader against real stream-json from Claude Code 2.1.328 (Samples/reference).</summary>
public sealed class TraceReaderSampleTests
{
    private static RunTrace ReadSample(string name) => TraceReader.Read(File.ReadLines(Path.Combine(RepositoryPaths.Samples, name)));

    [Fact]
    public void A_basic_run_gives_its_tool_sequence_errors_tokens_and_init_facts()
    {
        var trace = ReadSample("basic_glob_read_write.stream.jsonl");
        Assert.Equal(new[] { "Glob", "Read", "Write" }, trace.ToolCalls.Select(c => c.Name));
        Assert.Equal(1, trace.ToolErrors);
        Assert.Contains("No such tool available: Glob", trace.ToolCalls[0].Result!.Content);
        Assert.Equal("2.1.328", trace.ClaudeCodeVersion);
        Assert.Contains("Task", trace.InitTools);
        Assert.False(trace.FinalResult!.IsError);
        Assert.Equal("completed", trace.FinalResult.TerminalReason);
        Assert.Equal(145, trace.OutputTokens);
        Assert.Equal(0, trace.MalformedLines);
    }

    [Fact]
    public void A_run_without_tool_support_reports_the_api_error_and_status()
    {
        var trace = ReadSample("err400_ollama_does_not_support_tools.stream.jsonl");
        Assert.Empty(trace.ToolCalls);
        var error = Assert.Single(trace.ApiErrors);
        Assert.Equal(400, error.Status);
        Assert.Contains("does not support tools", error.Message);
        Assert.Equal("api_error", trace.FinalResult!.TerminalReason);
    }

    [Fact]
    public void A_background_subagent_run_keeps_both_results_and_marks_subagent_calls()
    {
        var trace = ReadSample("subagent_background_two_results.stream.jsonl");
        Assert.Equal(2, trace.Results.Count);
        Assert.Contains(trace.ToolCalls, c => c.Name == "Bash" && c.ParentToolUseId is not null);
        Assert.Equal(new[] { "Agent" }, trace.MainThreadToolCalls.Select(c => c.Name));
    }

    [Fact]
    public void Garbage_and_truncated_lines_are_counted_not_thrown()
    {
        var lines = File.ReadLines(Path.Combine(RepositoryPaths.Samples, "basic_glob_read_write.stream.jsonl")).ToList();
        lines.Insert(2, "{\"type\":\"assistant\",\"message\":{\"con");
        lines.Insert(3, "\u0000\u0001garbage");
        lines.Insert(4, "[1,2,3]");
        var trace = TraceReader.Read(lines);
        Assert.Equal(3, trace.MalformedLines);
        Assert.Equal(3, trace.ToolCalls.Count);
    }
}
