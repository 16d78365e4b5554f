using System;
using System.IO;
using System.Linq;
using LocalModels.Classification;
using LocalModels.Ollama;
using LocalModels.Tests.Hosting;
using LocalModels.Traces;
using Xunit;

namespace LocalModels.Tests.Classification;

/// <summary>The live rules: decisive only when a run has clearly failed, silent while it may still succeed.</summary>
public sealed class LiveFailureWatcherTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 12, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Feeds a trace line by line and returns the first signal the watcher gives, with the line it came on.</summary>
    private static (FailureSignal? Signal, int Line) Stream(string file, LiveFailureWatcher watcher, MemorySample[]? samples = null)
    {
        var reader = new TraceReader();
        var lines = File.ReadAllLines(Path.Combine(RepositoryPaths.Samples, file));
        for (var i = 0; i < lines.Length; i++)
        {
            reader.AddLine(lines[i]);
            var now = reader.Trace.LastEventAt ?? Start;
            if (watcher.Observe(reader.Trace, now, samples ?? Array.Empty<MemorySample>()) is { } signal) return (signal, i + 1);
        }
        return (null, lines.Length);
    }

    [Fact]
    public void The_same_validation_error_three_times_stops_a_nested_params_run()
    {
        var (signal, line) = Stream("reconstructed/command-r-35b.nested-params.stream.jsonl", new LiveFailureWatcher(Start));
        Assert.Equal(FailureMode.NestedParams, signal!.Mode);
        Assert.StartsWith("3 × the same error on Task", signal.Evidence);
        Assert.True(line < File.ReadAllLines(Path.Combine(RepositoryPaths.Samples, "reconstructed/command-r-35b.nested-params.stream.jsonl")).Length);
    }

    [Fact]
    public void The_limit_is_settable()
    {
        var (signal, _) = Stream("reconstructed/mistral-small3.2.invented-params.stream.jsonl", new LiveFailureWatcher(Start) { RepeatedErrorLimit = 2 });
        Assert.Equal(FailureMode.HallucinatedParams, signal!.Mode);
        var (none, _) = Stream("reconstructed/mistral-small3.2.invented-params.stream.jsonl", new LiveFailureWatcher(Start) { RepeatedErrorLimit = 5, NarratedTurnLimit = 9 });
        Assert.Null(none);
    }

    [Theory]
    [InlineData("reconstructed/devstral-small-2.success.stream.jsonl")]
    [InlineData("reconstructed/qwen3-coder.recovers-from-subagent.stream.jsonl")]
    [InlineData("basic_glob_read_write.stream.jsonl")]
    [InlineData("subagent_background_two_results.stream.jsonl")]
    public void Runs_that_succeed_are_never_stopped(string file)
    {
        var (signal, _) = Stream(file, new LiveFailureWatcher(Start));
        Assert.Null(signal);
    }

    [Fact]
    public void An_api_error_stops_at_once()
    {
        var (signal, _) = Stream("err400_ollama_does_not_support_tools.stream.jsonl", new LiveFailureWatcher(Start));
        Assert.Equal(FailureMode.NoToolSupport, signal!.Mode);
    }

    [Fact]
    public void Narration_with_no_tool_call_stops_after_the_set_number_of_turns()
    {
        var watcher = new LiveFailureWatcher(Start) { NarratedTurnLimit = 1 };
        var (signal, _) = Stream("reconstructed/magistral-24b.narrates-tools.stream.jsonl", watcher);
        Assert.Equal(FailureMode.NarratedTools, signal!.Mode);
        Assert.Contains("Glob", signal.Evidence);
    }

    [Fact]
    public void Silence_stops_after_the_no_output_limit_and_spilled_memory_makes_it_thrash()
    {
        var trace = TraceReader.Read(File.ReadLines(Path.Combine(RepositoryPaths.Samples, "reconstructed/cogito-32b-128k.memory-thrash.stream.jsonl")));
        var watcher = new LiveFailureWatcher(Start) { NoOutputLimit = TimeSpan.FromMinutes(4) };
        Assert.Null(watcher.Observe(trace, Start.AddMinutes(1), Array.Empty<MemorySample>()));
        Assert.Equal(FailureMode.Silent, watcher.Observe(trace, Start.AddMinutes(4), Array.Empty<MemorySample>())!.Mode);
        var spilled = new[] { new MemorySample(Start, 131072, 64_000_000_000, 37_760_000_000) };
        var thrash = watcher.Observe(trace, Start.AddMinutes(2), spilled);
        Assert.Equal(FailureMode.MemoryThrash, thrash!.Mode);
        Assert.Contains("41%", thrash.Evidence);
    }
}
