using System;
using System.IO;
using System.Linq;
using LocalModels.Classification;
using LocalModels.Ollama;
using LocalModels.Tests.Hosting;
using LocalModels.Traces;
using LocalModels.Verification;
using Xunit;

namespace LocalModels.Tests.Classification;

/// <summary>
/// The field report's described runs, reconstructed as traces (Samples/reconstructed) with Claude Code's exact
/// tool-error texts, each checked against the label the report gives it.
/// </summary>
public sealed class ReconstructedCaseTests : IDisposable
{
    private readonly JupyterLabLatexRepository _repository = new();

    public void Dispose() => _repository.Dispose();

    private RunVerdict Classify(string file, Func<RunContext, RunContext>? adjust = null)
    {
        var trace = TraceFile.Read(Path.Combine(RepositoryPaths.Samples, "reconstructed", file));
        Assert.Equal(0, trace.MalformedLines);
        var context = new RunContext { Deliverable = DeliverableCheck.FromTrace(trace, _repository.Root) };
        return RunClassifier.Classify(trace, adjust is null ? context : adjust(context));
    }

    [Theory]
    [InlineData("devstral-small-2.success.stream.jsonl", RunOutcome.Success, FailureMode.None)]
    [InlineData("qwen3-coder.recovers-from-subagent.stream.jsonl", RunOutcome.Success, FailureMode.None)]
    [InlineData("granite4-32b.minimal-exploration.stream.jsonl", RunOutcome.CompletedWithHallucinations, FailureMode.HallucinatedContent)]
    [InlineData("qwen3-30b.write-only.stream.jsonl", RunOutcome.Failed, FailureMode.HallucinatedContent)]
    [InlineData("nemotron-3-nano.continue-nudge.transcript.jsonl", RunOutcome.CompletedAfterIntervention, FailureMode.ContextStall)]
    [InlineData("qwen2.5-coder-32b.stuck-on-explore.stream.jsonl", RunOutcome.Failed, FailureMode.StuckOnSubagent)]
    [InlineData("mistral-small3.2.invented-params.stream.jsonl", RunOutcome.Failed, FailureMode.HallucinatedParams)]
    [InlineData("magistral-24b.narrates-tools.stream.jsonl", RunOutcome.Failed, FailureMode.NarratedTools)]
    [InlineData("cogito-32b-32k.context-stall.stream.jsonl", RunOutcome.Failed, FailureMode.ContextStall)]
    [InlineData("cogito-14b.hallucinated-tools.stream.jsonl", RunOutcome.Failed, FailureMode.HallucinatedTools)]
    [InlineData("command-r-35b.nested-params.stream.jsonl", RunOutcome.Failed, FailureMode.NestedParams)]
    [InlineData("functiongemma.refuses.stream.jsonl", RunOutcome.Failed, FailureMode.Refuses)]
    [InlineData("phi4-mini.invented-tools.stream.jsonl", RunOutcome.Failed, FailureMode.HallucinatedTools)]
    [InlineData("rnj-1.silent.stream.jsonl", RunOutcome.Failed, FailureMode.Silent)]
    [InlineData("granite4-3b.answers-without-tools.stream.jsonl", RunOutcome.Failed, FailureMode.HallucinatedContent)]
    public void Each_described_case_gets_the_reports_label(string file, RunOutcome outcome, FailureMode mode)
    {
        var verdict = Classify(file);
        Assert.True(verdict.Outcome == outcome && verdict.FailureMode == mode,
            $"{file}: got {verdict.Outcome}/{verdict.FailureMode} ({verdict.Evidence}); signals: {string.Join(" | ", verdict.Signals.Select(s => s.Mode + ": " + s.Evidence))}");
        Assert.False(string.IsNullOrWhiteSpace(verdict.Evidence));
        Assert.DoesNotContain('\n', verdict.Evidence);
    }

    [Fact]
    public void Cogito_32b_at_128K_thrashes_memory_rather_than_timing_out()
    {
        var samples = new[] { new MemorySample(DateTimeOffset.UtcNow, 131072, 64_000_000_000, 37_760_000_000) };
        var verdict = Classify("cogito-32b-128k.memory-thrash.stream.jsonl",
            c => c with { TimedOut = true, Duration = TimeSpan.FromMinutes(5.2), MemorySamples = samples });
        Assert.Equal(RunOutcome.Stopped, verdict.Outcome);
        Assert.Equal(FailureMode.MemoryThrash, verdict.FailureMode);
        Assert.Contains(verdict.Signals, s => s.Mode == FailureMode.Timeout);
        Assert.Equal(41, verdict.Signals[0].Facts.Percent);
    }

    [Fact]
    public void Gpt_oss_completes_after_an_intervention_with_its_parameter_errors_on_record()
    {
        var verdict = Classify("gpt-oss-20b.param-errors-then-done.stream.jsonl", c => c with { Interventions = 1 });
        Assert.Equal(RunOutcome.CompletedAfterIntervention, verdict.Outcome);
        Assert.Contains(verdict.Signals, s => s.Mode == FailureMode.HallucinatedParams && s.Facts.Names.Contains("file_path"));
    }

    [Fact]
    public void Granite_names_the_invented_toolbar_file()
    {
        var verdict = Classify("granite4-32b.minimal-exploration.stream.jsonl");
        var facts = verdict.Signals.Single(s => s.Mode == FailureMode.HallucinatedContent).Facts;
        Assert.Equal(new[] { "missing file src/components/Toolbar.tsx" }, facts.Names);
        Assert.Equal(1, facts.Exploring);
        Assert.False(facts.Fabricated);
    }

    [Fact]
    public void Cogito_14b_keeps_every_signal_it_showed()
    {
        var verdict = Classify("cogito-14b.hallucinated-tools.stream.jsonl");
        var modes = verdict.Signals.Select(s => s.Mode).ToList();
        Assert.Contains(FailureMode.HallucinatedParams, modes);
        Assert.Contains(FailureMode.HallucinatedContent, modes);
        Assert.Equal(new[] { "WebSearch" }, verdict.Signals[0].Facts.Tools);
        Assert.Contains(verdict.Signals, s => s.Mode == FailureMode.HallucinatedContent && s.Facts.Fabricated && s.Facts.Turn > 0);
    }

    [Fact]
    public void Command_r_nesting_is_not_also_counted_as_invented_parameters()
    {
        var verdict = Classify("command-r-35b.nested-params.stream.jsonl");
        Assert.DoesNotContain(verdict.Signals, s => s.Mode == FailureMode.HallucinatedParams);
        Assert.Equal(new[] { "Task", "TodoWrite" }, verdict.Signals[0].Facts.Tools);
        Assert.Equal(4, verdict.Signals[0].Facts.Count);
    }

    [Fact]
    public void Mistral_facts_name_the_tool_and_the_missing_parameters()
    {
        var verdict = Classify("mistral-small3.2.invented-params.stream.jsonl");
        var facts = verdict.Signals[0].Facts;
        Assert.Equal(new[] { "Agent" }, facts.Tools);
        Assert.Equal(2, facts.Count);
        Assert.Subset(facts.Names.ToHashSet(), new[] { "description", "prompt" }.ToHashSet());
    }

    [Fact]
    public void A_transcript_reads_like_stream_json()
    {
        var trace = TraceFile.Read(Path.Combine(RepositoryPaths.Samples, "reconstructed", "nemotron-3-nano.continue-nudge.transcript.jsonl"));
        Assert.Equal(TraceFormat.Transcript, trace.Format);
        Assert.Equal("nemotron-3-nano:30b", trace.Model);
        Assert.Equal("2.1.328", trace.ClaudeCodeVersion);
        Assert.Equal(new[] { "Continue" }, trace.UserPrompts.Select(p => p.Text));
        Assert.Contains("/init", trace.Prompt);
        Assert.Equal(9, trace.ToolCallCount);
        Assert.True(trace.OutputTokens > 100);
        Assert.True(trace.DeliverableWrite!.Succeeded);
        Assert.NotNull(trace.Duration);
    }
}
