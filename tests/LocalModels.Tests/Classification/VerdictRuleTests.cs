using System;
using System.IO;
using System.Linq;
using LocalModels.Classification;
using LocalModels.Tests.Hosting;
using LocalModels.Traces;
using LocalModels.Verification;
using Xunit;

namespace LocalModels.Tests.Classification;

/// <summary>The verdict rules on their own: fabrication thresholds, the causal precedence, silent transcripts.</summary>
public sealed class VerdictRuleTests
{
    private static RunTrace Sample(string name) => TraceFile.Read(Path.Combine(RepositoryPaths.Samples, "reconstructed", name));

    private static DeliverableVerification Written(int invented, int claims) =>
        new("/repo/CLAUDE.md", true, 30, Enumerable.Range(1, invented).Select(i => $"missing file src/made-up-{i}.ts").ToList(), claims);

    [Theory]
    [InlineData(1, 7, RunOutcome.CompletedWithHallucinations)]
    [InlineData(1, 1, RunOutcome.CompletedWithHallucinations)] // one slip is not "most", whatever the share
    [InlineData(2, 4, RunOutcome.CompletedWithHallucinations)] // exactly half is not most
    [InlineData(3, 5, RunOutcome.Failed)]
    [InlineData(2, 3, RunOutcome.Failed)]
    [InlineData(9, 9, RunOutcome.Failed)]
    public void After_exploring_the_share_of_false_claims_decides_between_a_slip_and_a_fabrication(int invented, int claims, RunOutcome outcome)
    {
        // granite4:32b read one file before writing: an explored run, judged by how much of its file is false.
        var verdict = RunClassifier.Classify(Sample("granite4-32b.minimal-exploration.stream.jsonl"), new RunContext { Deliverable = Written(invented, claims) });
        Assert.Equal(outcome, verdict.Outcome);
        Assert.Equal(FailureMode.HallucinatedContent, verdict.FailureMode);
        var facts = verdict.Signals.Single(s => s.Mode == FailureMode.HallucinatedContent).Facts;
        Assert.Equal((invented, claims, outcome == RunOutcome.Failed), (facts.Count, facts.Of, facts.Fabricated));
        Assert.True(facts.Exploring > 0);
    }

    [Fact]
    public void A_deliverable_written_before_any_exploring_call_fails_even_when_what_it_says_holds()
    {
        var verdict = RunClassifier.Classify(Sample("qwen3-30b.write-only.stream.jsonl"), new RunContext { Deliverable = Written(0, 6) });
        Assert.Equal((RunOutcome.Failed, FailureMode.HallucinatedContent), (verdict.Outcome, verdict.FailureMode));
        Assert.Equal(0, verdict.Signals[0].Facts.Exploring);
        Assert.True(verdict.Signals[0].Facts.Fabricated);
    }

    [Fact]
    public void The_precedence_puts_failed_tool_calls_before_the_modes_of_a_model_that_never_tried()
    {
        var triedAndFailed = new[] { FailureMode.NestedParams, FailureMode.HallucinatedTools, FailureMode.HallucinatedParams, FailureMode.StuckOnSubagent, FailureMode.NarratedTools };
        var neverTried = new[] { FailureMode.Silent, FailureMode.Refuses };
        var symptoms = new[] { FailureMode.ContextStall, FailureMode.HallucinatedContent, FailureMode.Timeout };
        Assert.True(triedAndFailed.Max(FailureModePrecedence.Rank) < neverTried.Min(FailureModePrecedence.Rank));
        Assert.True(neverTried.Max(FailureModePrecedence.Rank) < symptoms.Min(FailureModePrecedence.Rank));
        Assert.True(FailureModePrecedence.Rank(FailureMode.MemoryThrash) < triedAndFailed.Min(FailureModePrecedence.Rank));
    }

    [Fact]
    public void The_docs_list_the_precedence_in_the_order_the_classifier_uses()
    {
        var about = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "module", "en-US", "about_LocalModels_FailureModes.help.txt"));
        var section = about.Substring(about.IndexOf("PRECEDENCE", StringComparison.Ordinal), 700);
        var listed = System.Text.RegularExpressions.Regex.Matches(section, @"(\d+) ([A-Z][A-Za-z]+)")
            .Select(m => (Rank: int.Parse(m.Groups[1].Value), Mode: Enum.Parse<FailureMode>(m.Groups[2].Value))).OrderBy(x => x.Rank).Select(x => x.Mode);
        Assert.Equal(FailureModePrecedence.Order, listed);

        var table = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, "docs", "failure-modes.md"))
            .Select(line => System.Text.RegularExpressions.Regex.Match(line, @"^\| (\d+) \| (\w+) \|")).Where(m => m.Success)
            .Select(m => Enum.Parse<FailureMode>(m.Groups[2].Value));
        Assert.Equal(FailureModePrecedence.Order, table);
    }

    [Fact]
    public void Cogito_14b_declining_after_its_invented_tools_is_named_by_the_tools()
    {
        // The report's cogito:14b: invented tools, then "I wasn't able to access..." in text.
        var verdict = RunClassifier.Classify(Sample("cogito-14b.hallucinated-tools.stream.jsonl"), new RunContext());
        Assert.Equal(FailureMode.HallucinatedTools, verdict.FailureMode);
    }

    /// <summary>Every wording sim/refuses may pick, as its recorded run would carry it.</summary>
    public static System.Collections.Generic.IEnumerable<object[]> RefusalWordings() =>
        LocalModels.Simulation.Behaviors.BehaviorLibrary.LoadBuiltIn().Behaviors.Single(b => b.Name == "refuses")
            .Main.SelectMany(step => step.Text).Select(text => new object[] { text });

    [Theory]
    [MemberData(nameof(RefusalWordings))]
    public void Sim_refuses_is_Refuses_whichever_wording_it_picks(string wording)
    {
        var recorded = File.ReadAllLines(Path.Combine(RepositoryPaths.Samples, "simulated", "refuses.stream.jsonl"));
        var lines = recorded.Select(line =>
        {
            var node = System.Text.Json.Nodes.JsonNode.Parse(line)!;
            if ((string?)node["type"] != "assistant") return line;
            node["message"]!["content"]![0]!["text"] = wording;
            return node.ToJsonString();
        });
        var missing = new DeliverableVerification("/repo/CLAUDE.md", false, 0, Array.Empty<string>());
        var trace = TraceReader.Read(lines);
        Assert.Equal(wording, Assert.Single(trace.Texts).Text);
        var verdict = RunClassifier.Classify(trace, new RunContext { Deliverable = missing });
        Assert.Equal((RunOutcome.Failed, FailureMode.Refuses), (verdict.Outcome, verdict.FailureMode));
        Assert.Equal((0, 1), (verdict.Signals[0].Facts.Count, verdict.Signals[0].Facts.Turn));
    }

    [Fact]
    public void A_silent_transcript_with_claude_codes_stand_in_answer_is_Silent_not_a_stall()
    {
        // What 2.1.328 keeps of a silent session: the /init prompt, its re-ask as a meta user message, and the synthetic
        // "No response requested." assistant message.
        var lines = new[]
        {
            """{"type":"user","sessionId":"s1","cwd":"/nonexistent/repo","isSidechain":false,"timestamp":"2026-12-01T10:00:00Z","message":{"role":"user","content":"<command-message>init</command-message>\n<command-name>/init</command-name>"}}""",
            """{"type":"user","sessionId":"s1","isMeta":true,"isSidechain":false,"timestamp":"2026-12-01T10:00:01Z","message":{"role":"user","content":[{"type":"text","text":"Please analyze this codebase and create a CLAUDE.md file"}]}}""",
            """{"type":"user","sessionId":"s1","isMeta":true,"isSidechain":false,"timestamp":"2026-12-01T10:00:30Z","message":{"role":"user","content":"[Your previous response had no visible output. Please continue and produce a user-visible response.]"}}""",
            """{"type":"assistant","sessionId":"s1","isSidechain":false,"timestamp":"2026-12-01T10:01:00Z","message":{"id":"msg_1","model":"<synthetic>","role":"assistant","stop_reason":"stop_sequence","content":[{"type":"text","text":"No response requested."}]}}""",
        };
        var trace = TraceReader.Read(lines);
        Assert.Equal(TraceFormat.Transcript, trace.Format);
        Assert.Equal(1, trace.EmptyResponseRetries);
        var verdict = RunClassifier.Classify(trace, new RunContext { Deliverable = DeliverableCheck.FromTrace(trace, null) });
        Assert.Equal((RunOutcome.Failed, FailureMode.Silent), (verdict.Outcome, verdict.FailureMode));
        Assert.Equal(1, verdict.Signals[0].Facts.Count);
        Assert.DoesNotContain(verdict.Signals, s => s.Mode == FailureMode.ContextStall);
    }
}
