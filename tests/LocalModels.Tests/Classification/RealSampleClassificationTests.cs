using System.IO;
using System.Linq;
using LocalModels.Classification;
using LocalModels.Tests.Hosting;
using LocalModels.Traces;
using LocalModels.Verification;
using Xunit;

namespace LocalModels.Tests.Classification;

/// <summary>The classifier on real Claude Code 2.1.328 stream-json (Samples/reference).</summary>
public sealed class RealSampleClassificationTests
{
    private static RunTrace Sample(string name) => TraceFile.Read(Path.Combine(RepositoryPaths.Samples, name));

    private static DeliverableVerification Deliverable(bool exists) => new("/Users/dev/src/basic/CLAUDE.md", exists, exists ? 40 : 0, System.Array.Empty<string>());

    [Fact]
    public void A_basic_run_succeeds_when_its_deliverable_exists_and_a_disabled_Glob_is_no_failure()
    {
        var verdict = RunClassifier.Classify(Sample("basic_glob_read_write.stream.jsonl"), new RunContext { Deliverable = Deliverable(true) });
        Assert.Equal(RunOutcome.Success, verdict.Outcome);
        Assert.Equal(FailureMode.None, verdict.FailureMode);
        Assert.Empty(verdict.Signals);
    }

    [Fact]
    public void A_basic_run_without_its_deliverable_is_a_stall_after_exploring()
    {
        var verdict = RunClassifier.Classify(Sample("basic_glob_read_write.stream.jsonl"), new RunContext { Deliverable = Deliverable(false) });
        Assert.Equal(RunOutcome.Failed, verdict.Outcome);
        Assert.Equal(FailureMode.ContextStall, verdict.FailureMode);
    }

    [Fact]
    public void A_basic_run_with_nothing_to_check_succeeds_on_its_clean_ending()
    {
        var verdict = RunClassifier.Classify(Sample("basic_glob_read_write.stream.jsonl"), new RunContext());
        Assert.Equal(RunOutcome.Success, verdict.Outcome);
    }

    [Fact]
    public void A_400_does_not_support_tools_is_NoToolSupport()
    {
        var verdict = RunClassifier.Classify(Sample("err400_ollama_does_not_support_tools.stream.jsonl"), new RunContext());
        Assert.Equal(RunOutcome.Failed, verdict.Outcome);
        Assert.Equal(FailureMode.NoToolSupport, verdict.FailureMode);
        Assert.Equal(400, verdict.Signals[0].Facts.Status);
        // The one golden-text check of the evidence wording: what a reader sees in a CSV cell.
        Assert.Equal("API Error 400: registry.ollama.ai/library/deepseek-r1:32b does not support tools", verdict.Evidence);
        Assert.DoesNotContain(verdict.Signals, s => s.Mode == FailureMode.EndpointError);
    }

    [Theory]
    [InlineData("err404_model_not_found.stream.jsonl", "404")]
    [InlineData("connrefused_default_10_retries.stream.jsonl", "after 10 retries")]
    public void A_missing_model_or_a_closed_port_is_an_EndpointError(string file, string expected)
    {
        var verdict = RunClassifier.Classify(Sample(file), new RunContext());
        Assert.Equal(FailureMode.EndpointError, verdict.FailureMode);
        Assert.Equal(RunOutcome.Failed, verdict.Outcome);
        Assert.Equal(expected, verdict.Signals[0].Facts.Status is { } status ? status.ToString() : $"after {verdict.Signals[0].Facts.Count} retries");
    }

    [Fact]
    public void Hitting_the_turn_limit_stops_the_run_as_a_Timeout()
    {
        var verdict = RunClassifier.Classify(Sample("max_turns_2.stream.jsonl"), new RunContext());
        Assert.Equal(RunOutcome.Stopped, verdict.Outcome);
        Assert.Equal(FailureMode.Timeout, verdict.FailureMode);
        // num_turns counts the turn that ran into the limit of 2.
        Assert.Equal(3, verdict.Signals[0].Facts.Turn);
    }

    [Fact]
    public void The_tool_error_sample_shows_nesting_invented_tools_and_invented_parameters()
    {
        var verdict = RunClassifier.Classify(Sample("tool_errors.stream.jsonl"), new RunContext());
        Assert.Equal(FailureMode.NestedParams, verdict.FailureMode);
        var tools = Assert.Single(verdict.Signals, s => s.Mode == FailureMode.HallucinatedTools);
        Assert.Equal(new[] { "WebSearch2" }, tools.Facts.Tools);
        var parameters = Assert.Single(verdict.Signals, s => s.Mode == FailureMode.HallucinatedParams);
        Assert.Equal(new[] { "Agent", "Read" }, parameters.Facts.Tools);
        Assert.Equal(3, parameters.Facts.Count);
        Assert.Subset(parameters.Facts.Names.ToHashSet(), new[] { "description", "prompt" }.ToHashSet());
    }

    [Fact]
    public void A_background_subagent_that_worked_is_not_a_subagent_failure()
    {
        var verdict = RunClassifier.Classify(Sample("subagent_background_two_results.stream.jsonl"), new RunContext());
        Assert.Equal(RunOutcome.Success, verdict.Outcome);
        Assert.DoesNotContain(verdict.Signals, s => s.Mode == FailureMode.StuckOnSubagent);
    }

    [Fact]
    public void Precedence_lists_every_failure_mode_once()
    {
        var all = System.Enum.GetValues(typeof(FailureMode)).Cast<FailureMode>().Where(m => m != FailureMode.None).OrderBy(m => m);
        Assert.Equal(all, FailureModePrecedence.Order.OrderBy(m => m));
        Assert.True(FailureModePrecedence.Rank(FailureMode.NoToolSupport) < FailureModePrecedence.Rank(FailureMode.MemoryThrash));
        Assert.True(FailureModePrecedence.Rank(FailureMode.MemoryThrash) < FailureModePrecedence.Rank(FailureMode.Timeout));
    }
}
