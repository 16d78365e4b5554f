using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using LocalModels.Classification;
using LocalModels.Results;
using LocalModels.Simulation.Behaviors;
using LocalModels.Tests.Hosting;
using LocalModels.Tests.Runner;
using LocalModels.Traces;
using Xunit;
using Xunit.Abstractions;

namespace LocalModels.Tests.EndToEnd;

/// <summary>
/// The verdict rules on runs of the REAL Claude Code CLI against behaviours that exist only in this test project
/// (EndToEnd/Behaviors/*.json): projects, tool names and refusal wordings that appear nowhere in the module or its
/// built-in behaviours. Fabrication fails a run (nothing read first, or most claims false) while a minority of
/// invented names after exploring stays a completion; failed tool calls explain a refusal that follows them; a
/// refusal with no attempt is Refuses whatever its words. Each run is also judged again from the session transcript
/// in its config folder, which must agree.
/// </summary>
public sealed class VerdictRulesEndToEndTests : IClassFixture<VerdictRulesEndToEndTests.VerdictRuns>
{
    private readonly VerdictRuns _runs;
    private readonly ITestOutputHelper _output;

    public VerdictRulesEndToEndTests(VerdictRuns runs, ITestOutputHelper output)
    {
        _runs = runs;
        _output = output;
    }

    private static string BehaviourFolder => Path.Combine(AppContext.BaseDirectory, "EndToEnd", "Behaviors");

    private static IReadOnlyList<(BehaviorDefinition Definition, JsonElement Expect)> Cases { get; } = Directory
        .GetFiles(BehaviourFolder, "*.json").Order(StringComparer.Ordinal)
        .Select(file => File.ReadAllText(file))
        .Select(json => (BehaviorDefinition.FromJson(json), JsonDocument.Parse(json).RootElement.GetProperty("expect").Clone()))
        .ToList();

    public static IEnumerable<object[]> Names() => Cases.Select(c => new object[] { c.Definition.Name });

    private static string ModelOf(BehaviorDefinition behaviour) => behaviour.Models[0].Name;

    [Fact]
    public void The_cases_cover_both_poles_the_boundary_and_causes_before_symptoms()
    {
        Assert.True(Cases.Count >= 13, $"only {Cases.Count} test behaviours were found in {BehaviourFolder}");
        var fabricated = Cases.Where(c => c.Expect.TryGetProperty("fabricated", out var f) && f.GetBoolean()).ToList();
        Assert.True(fabricated.Count(c => c.Expect.GetProperty("exploring").GetInt32() == 0) >= 2, "two fabrications with nothing read first");
        Assert.Contains(fabricated, c => c.Expect.GetProperty("exploring").GetInt32() > 0);
        Assert.Contains(Cases, c => c.Expect.TryGetProperty("of", out var of) && c.Expect.GetProperty("count").GetInt32() * 2 == of.GetInt32());
        Assert.True(Cases.Count(c => c.Definition.FailureMode == "Refuses") >= 3, "several wordings of a plain refusal");
        Assert.True(Cases.Count(c => c.Expect.TryGetProperty("also", out _)) >= 4, "refusals after each kind of failed tool call");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void The_live_verdict_follows_the_rule_and_its_facts_say_why(string name)
    {
        var (behaviour, expect) = Cases.Single(c => c.Definition.Name == name);
        var run = _runs.Get(name);
        var got = $"{name}: got {run.FailureMode}/{run.Outcome} (signals {run.Signals}; evidence: {run.Evidence})";
        _output.WriteLine(got);
        Assert.True(behaviour.FailureMode == run.FailureMode.ToString(), $"expected {behaviour.FailureMode}. {got}");
        Assert.True(behaviour.Outcome == run.Outcome.ToString(), $"expected {behaviour.Outcome}. {got}");

        // The facts behind the verdict, from the run's own trace and sidecar (the same verdict as live).
        var imported = TraceImport.Import(run.TracePath, _runs.Fixture.Repository);
        Assert.Equal(run.FailureMode, imported.Run.FailureMode);
        Assert.Equal(run.Outcome, imported.Run.Outcome);
        var facts = imported.Verdict.Signals.First(s => s.Mode == run.FailureMode).Facts;
        if (expect.TryGetProperty("tools", out var tools))
            Assert.Equal(tools.EnumerateArray().Select(t => t.GetString()), facts.Tools);
        if (expect.TryGetProperty("names", out var names))
            Assert.Equal(names.EnumerateArray().Select(t => t.GetString()).Order(), facts.Names.Order());
        if (expect.TryGetProperty("count", out var count)) Assert.Equal(count.GetInt32(), facts.Count);
        if (expect.TryGetProperty("of", out var of)) Assert.Equal(of.GetInt32(), facts.Of);
        if (expect.TryGetProperty("turn", out var turn)) Assert.Equal(turn.GetInt32(), facts.Turn);
        if (expect.TryGetProperty("exploring", out var exploring)) Assert.Equal(exploring.GetInt32(), facts.Exploring);
        if (expect.TryGetProperty("fabricated", out var fabricated)) Assert.Equal(fabricated.GetBoolean(), facts.Fabricated);
        if (run.FailureMode == FailureMode.HallucinatedContent)
        {
            Assert.Equal(run.Hallucinations, facts.Count);
            Assert.Equal(run.HallucinationList.Split("; ", StringSplitOptions.RemoveEmptyEntries), facts.Names);
        }
        // The symptom is kept as a signal, below the cause that explains it.
        if (expect.TryGetProperty("also", out var also))
        {
            var symptom = Enum.Parse<FailureMode>(also.GetString()!);
            Assert.Contains(symptom, imported.Verdict.Signals.Select(s => s.Mode));
            Assert.True(FailureModePrecedence.Rank(run.FailureMode) < FailureModePrecedence.Rank(symptom), got);
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void The_transcript_in_the_runs_config_folder_gets_the_live_verdict(string name)
    {
        var run = _runs.Get(name);
        var transcript = MeasuredRunFiles.Transcript(_runs.Fixture.Output, run);
        var imported = TraceImport.Import(transcript, _runs.Fixture.Repository);
        Assert.Equal(TraceFormat.Transcript, imported.Trace.Format);
        Assert.True(run.FailureMode == imported.Run.FailureMode && run.Outcome == imported.Run.Outcome,
            $"{name}: live {run.FailureMode}/{run.Outcome}, transcript {imported.Run.FailureMode}/{imported.Run.Outcome} ({imported.Run.Evidence})");
        Assert.Equal(run.Hallucinations, imported.Run.Hallucinations);
    }

    /// <summary>Every test behaviour measured once, in one Measure-ModelRun pipeline, before the tests judge them.</summary>
    public sealed class VerdictRuns : IDisposable
    {
        private readonly Dictionary<string, ModelRun> _runs;

        public VerdictRuns()
        {
            Fixture = new RunnerFixture(delayScale: 0.01);
            foreach (var (definition, _) in Cases) Fixture.Simulator.Behaviors.Add(definition);
            Fixture.Simulator.Behaviors.SeedCatalog(Fixture.Simulator.Catalog);
            using var session = new PowerShellSession();
            var result = session.Run(
                $"$args[3] | Measure-ModelRun -Path $args[4] -Task Init -MaxInterventions 0 -Timeout 60 {Fixture.Common}",
                Fixture.Args(Cases.Select(c => ModelOf(c.Definition)).ToArray(), Fixture.Repository));
            if (result.Errors.Count > 0) throw new InvalidOperationException($"Measure-ModelRun failed: {result.Errors[0]} ({result.FirstErrorId})");
            var runs = result.Output.Select(o => (ModelRun)o.BaseObject).ToList();
            _runs = Cases.ToDictionary(c => c.Definition.Name, c => runs.Single(r => r.Model == ModelOf(c.Definition)));
        }

        internal RunnerFixture Fixture { get; }

        public ModelRun Get(string name) => _runs[name];

        public void Dispose() => Fixture.Dispose();
    }
}
