using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
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
/// The whole taxonomy end to end: every built-in behaviour is measured by Measure-ModelRun through the hosted
/// engine, with the REAL Claude Code CLI against the simulator, and must get the failure mode, outcome and kind of
/// evidence it declares; then one sweep over all behaviours must group into exactly the declared failure modes.
/// The runs are started together by <see cref="TaxonomyRuns"/> (a few at a time, each in its own runspace and
/// output folder) and the tests wait for the ones they judge.
/// </summary>
public sealed class TaxonomyEndToEndTests : IClassFixture<TaxonomyEndToEndTests.TaxonomyRuns>
{
    /// <summary>The simulator's scripted delays are scaled down so slow behaviours finish in seconds.</summary>
    private const double DelayScale = 0.01;

    /// <summary>The limit for behaviours declared Stopped (they never end by themselves): the limit must end them.</summary>
    private static readonly TimeSpan ShortTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The limit for behaviours that end by themselves: a guard only. A run cut by the limit is Stopped, which
    /// would hide the outcome the behaviour declares (a crawling MemoryThrash run ends, Failed, given time).
    /// </summary>
    private static readonly TimeSpan GuardTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The sweep's one limit: it ends never-finishes, and must not cut the others, which take 1-4 s alone but
    /// several times that on a loaded two-core machine (a cut run is judged by what it did before the cut).
    /// </summary>
    private static readonly TimeSpan SweepTimeout = TimeSpan.FromSeconds(15);

    /// <summary>Per-behaviour runs measured at once; the sweep runs beside them.</summary>
    private const int ParallelRuns = 2;

    private readonly TaxonomyRuns _runs;
    private readonly ITestOutputHelper _output;

    public TaxonomyEndToEndTests(TaxonomyRuns runs, ITestOutputHelper output)
    {
        _runs = runs;
        _output = output;
    }

    private static IReadOnlyList<BehaviorDefinition> Definitions { get; } = BehaviorLibrary.LoadBuiltIn().Behaviors;

    public static IEnumerable<object[]> Behaviors() => Definitions.Select(b => new object[] { b.Name });

    private static FailureMode DeclaredMode(BehaviorDefinition behaviour) => Enum.Parse<FailureMode>(behaviour.FailureMode);

    private static RunOutcome DeclaredOutcome(BehaviorDefinition behaviour) => Enum.Parse<RunOutcome>(behaviour.Outcome);

    private static string ModelOf(BehaviorDefinition behaviour) => "sim/" + behaviour.Name;

    /// <summary>
    /// What the facts behind each failure mode must be. Where they vary they come from the behaviour's own data (the
    /// tools it invents, the subagent types it asks for, its model's CPU share) or from the run's own columns (tool
    /// calls, errors, the deliverable check), never from the classifier's sentences.
    /// </summary>
    private static readonly IReadOnlyDictionary<FailureMode, Action<BehaviorDefinition, ModelRun, SignalFacts>> FactsMustShow =
        new Dictionary<FailureMode, Action<BehaviorDefinition, ModelRun, SignalFacts>>
        {
            [FailureMode.None] = (_, run, _) => Assert.True(run.DeliverableExists && run.Hallucinations == 0, "a clean deliverable"),
            [FailureMode.NoToolSupport] = (_, _, facts) => Assert.Equal(400, facts.Status),
            [FailureMode.Refuses] = (_, run, facts) =>
            {
                Assert.Equal(run.ToolCalls, facts.Count);
                Assert.True(facts.Turn >= 1, "the turn that declined");
            },
            [FailureMode.HallucinatedContent] = (_, run, facts) =>
            {
                Assert.Equal(run.Hallucinations, facts.Count);
                Assert.Equal(run.HallucinationList.Split("; ", StringSplitOptions.RemoveEmptyEntries), facts.Names);
                Assert.True(facts.Of >= facts.Count, "invented names are a part of the claims checked");
                Assert.Equal(run.Outcome == RunOutcome.Failed, facts.Fabricated);
            },
            [FailureMode.HallucinatedTools] = (behaviour, run, facts) => Assert.Equal(InventedTools(behaviour, run), facts.Tools),
            [FailureMode.HallucinatedParams] = (behaviour, run, facts) =>
            {
                Assert.Equal(run.ToolErrors, facts.Count);
                Assert.Subset(ScriptedTools(behaviour).Append("Agent").ToHashSet(), facts.Tools.ToHashSet());
                Assert.NotEmpty(facts.Names);
            },
            [FailureMode.NestedParams] = (behaviour, run, facts) =>
            {
                Assert.Equal(run.ToolCalls, facts.Count);
                Assert.Subset(ScriptedTools(behaviour).ToHashSet(), facts.Tools.ToHashSet());
            },
            [FailureMode.NarratedTools] = (_, run, facts) =>
            {
                Assert.Equal(0, run.ToolCalls);
                Assert.True(facts.Count >= 1 && facts.Tools.Count >= 1, "narrating turns and the tools they name");
            },
            [FailureMode.StuckOnSubagent] = (behaviour, _, facts) =>
            {
                Assert.Equal(ScriptedSubagentTypes(behaviour), facts.Tools);
                Assert.True(facts.Count >= 2, $"{facts.Count} subagent calls");
            },
            // A stall explores first, then stops short of the deliverable (whether or not a nudge cured it).
            [FailureMode.ContextStall] = (_, run, facts) =>
            {
                Assert.True(facts.Exploring > 0, "explored first");
                Assert.Equal(run.Interventions, facts.Count);
            },
            [FailureMode.Silent] = (_, run, facts) =>
            {
                Assert.Equal(0, run.ToolCalls);
                Assert.True(facts.Turn >= 1, "turns answered with nothing");
            },
            [FailureMode.MemoryThrash] = (behaviour, _, facts) => Assert.Equal(behaviour.Models[0].CpuPercent, facts.Percent),
            [FailureMode.Timeout] = (_, run, facts) => Assert.Equal(run.ToolCalls, facts.Count),
        };

    /// <summary>
    /// The evidence a session transcript cannot hold, so an imported transcript may be judged otherwise: the runner's
    /// time limit (Timeout) and the /api/ps memory split (MemoryThrash) live only in the runner and its sidecar.
    /// </summary>
    private static readonly IReadOnlySet<FailureMode> NotInTranscripts = new HashSet<FailureMode> { FailureMode.Timeout, FailureMode.MemoryThrash };

    private static IEnumerable<string> ScriptedTools(BehaviorDefinition behaviour) =>
        behaviour.Main.Concat(behaviour.Subagent ?? new List<BehaviorStep>()).SelectMany(step => step.Tools).Select(tool => tool.Name).Distinct();

    private static IReadOnlyList<string> ScriptedSubagentTypes(BehaviorDefinition behaviour) =>
        behaviour.Main.SelectMany(step => step.Tools).Where(tool => tool.Name is "Agent" or "Task")
            .Select(tool => tool.Input["subagent_type"]?.ToString() ?? "no subagent_type").Distinct().ToList();

    /// <summary>The tools the behaviour calls that were not among the run's tools.</summary>
    private static IReadOnlyList<string> InventedTools(BehaviorDefinition behaviour, ModelRun run)
    {
        var offered = run.ToolSet.Split(',').Append("Task"); // Claude Code calls the Agent tool Task on the wire
        var invented = ScriptedTools(behaviour).Where(name => !offered.Contains(name, StringComparer.Ordinal)).ToList();
        Assert.True(invented.Count > 0, $"{behaviour.Name} is declared HallucinatedTools but its script calls no tool outside {run.ToolSet}.");
        return invented;
    }

    /// <summary>The verdict of the run's own trace and sidecar, with its facts (the live verdict, read back).</summary>
    private RunVerdict VerdictOf(ModelRun run)
    {
        var imported = TraceImport.Import(run.TracePath, _runs.Fixture.Repository);
        Assert.True(imported.Run.FailureMode == run.FailureMode && imported.Run.Outcome == run.Outcome,
            $"{run.Model}: live {run.FailureMode}/{run.Outcome}, read back {imported.Run.FailureMode}/{imported.Run.Outcome}");
        return imported.Verdict;
    }

    [Fact]
    public void Every_declared_failure_mode_and_outcome_is_in_the_taxonomy_and_has_facts_expectations()
    {
        Assert.True(Definitions.Count >= 10, $"only {Definitions.Count} built-in behaviours were found");
        foreach (var behaviour in Definitions)
        {
            Assert.True(Enum.TryParse<FailureMode>(behaviour.FailureMode, out var mode), $"{behaviour.Name} declares an unknown failure mode '{behaviour.FailureMode}'");
            Assert.True(Enum.TryParse<RunOutcome>(behaviour.Outcome, out _), $"{behaviour.Name} declares an unknown outcome '{behaviour.Outcome}'");
            Assert.True(FactsMustShow.ContainsKey(mode), $"no facts expectation for {mode} ({behaviour.Name}): add one to {nameof(FactsMustShow)}");
        }
    }

    [Theory]
    [MemberData(nameof(Behaviors))]
    public async Task Each_behaviour_gets_its_declared_failure_mode_outcome_and_facts(string name)
    {
        var behaviour = Definitions.Single(b => b.Name == name);
        var run = await _runs.Single(name);
        _output.WriteLine($"{name}: declared {behaviour.FailureMode}/{behaviour.Outcome}, got {run.FailureMode}/{run.Outcome} in {run.Duration.TotalSeconds:F1}s; evidence: {run.Evidence}");

        var declaredMode = DeclaredMode(behaviour);
        var got = $"{name}: got {run.FailureMode}/{run.Outcome} ({run.ExitReason}; signals {run.Signals}; evidence: {run.Evidence})";
        Assert.True(declaredMode == run.FailureMode, $"expected {declaredMode}. {got}");
        Assert.True(DeclaredOutcome(behaviour) == run.Outcome, $"expected outcome {behaviour.Outcome}. {got}");
        Assert.True(run.Simulated, got);
        Assert.Equal(ModelOf(behaviour), run.Model);
        Assert.False(string.IsNullOrWhiteSpace(run.Evidence), got);
        var verdict = VerdictOf(run);
        var facts = declaredMode == FailureMode.None ? SignalFacts.None : verdict.Signals.First(s => s.Mode == declaredMode).Facts;
        FactsMustShow[declaredMode](behaviour, run, facts);
        if (declaredMode == FailureMode.Timeout)
        {
            Assert.True(run.TimedOut, got);
            Assert.InRange(run.Duration, ShortTimeout, ShortTimeout + TimeSpan.FromSeconds(15));
        }
    }

    [Theory]
    [MemberData(nameof(Behaviors))]
    public async Task The_transcript_in_each_runs_config_folder_gets_the_live_verdict(string name)
    {
        var behaviour = Definitions.Single(b => b.Name == name);
        var run = await _runs.Single(name);
        // The session transcript alone, as a user importing ~/.claude/projects would find it: no stream-json, no sidecar.
        var output = Path.Combine(_runs.Fixture.Output, name);
        if (DeclaredMode(behaviour) == FailureMode.Timeout && MeasuredRunFiles.TryTranscript(output, run) is null)
        {
            // Claude Code writes a message when it is complete: a run killed in its first answer leaves no transcript.
            Assert.True(run.TimedOut, $"{name}: no transcript, and the run did not time out");
            return;
        }
        var transcript = MeasuredRunFiles.Transcript(output, run);
        using var session = new PowerShellSession();
        var imported = (ModelRun)Assert.Single(session.RunOk("Import-ModelRun -LiteralPath $args[0] -RepositoryPath $args[1]", transcript, _runs.Fixture.Repository)).BaseObject;
        var got = $"{name}: live {run.FailureMode}/{run.Outcome} ({run.Evidence}), transcript {imported.FailureMode}/{imported.Outcome} ({imported.Evidence})";
        _output.WriteLine(got);
        Assert.Equal(run.SessionId, imported.SessionId);
        if (NotInTranscripts.Contains(DeclaredMode(behaviour)))
        {
            // Without the runner's limit or memory samples the transcript is judged on what it does hold: never a success.
            Assert.True(imported.Outcome is RunOutcome.Failed && imported.FailureMode != FailureMode.None, got);
            return;
        }
        Assert.True(run.FailureMode == imported.FailureMode && run.Outcome == imported.Outcome, got);
        Assert.Equal(run.Hallucinations, imported.Hallucinations);
    }

    [Fact]
    public async Task A_sweep_over_every_behaviour_groups_into_exactly_the_declared_failure_modes()
    {
        var sweep = await _runs.Sweep;
        var runs = ((IEnumerable)sweep.Properties["Runs"].Value).Cast<object>().Select(o => (ModelRun)((PSObject)o).BaseObject).ToList();
        var counted = (Hashtable)sweep.Properties["Counts"].Value;
        foreach (var run in runs) _output.WriteLine($"{run.Model}: {run.FailureMode}/{run.Outcome} in {run.Duration.TotalSeconds:F1}s ({run.ExitReason})");

        // One run per behaviour, each with its declared failure mode (a slow one may be Stopped by the sweep's one limit).
        Assert.Equal(Definitions.Select(ModelOf).Order(StringComparer.Ordinal), runs.Select(r => r.Model).Order(StringComparer.Ordinal));
        foreach (var run in runs)
        {
            var behaviour = Definitions.Single(b => ModelOf(b) == run.Model);
            Assert.True(DeclaredMode(behaviour) == run.FailureMode, $"{behaviour.Name}: expected {behaviour.FailureMode}, got {run.FailureMode} ({run.ExitReason}; {run.Evidence})");
        }

        // Grouped in C#: one group per distinct declared mode, as many runs in each as behaviours declare it.
        var declared = Definitions.GroupBy(DeclaredMode).ToDictionary(g => g.Key, g => g.Count());
        var grouped = runs.GroupBy(r => r.FailureMode).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(declared.Count, grouped.Count);
        Assert.Equal(declared.OrderBy(p => p.Key), grouped.OrderBy(p => p.Key));

        // Counted by the script itself with ForEach-Object into a hashtable: the same groups.
        Assert.Equal(
            declared.Select(p => (p.Key.ToString(), p.Value)).OrderBy(p => p.Item1, StringComparer.Ordinal),
            counted.Cast<DictionaryEntry>().Select(e => ((string)e.Key, Convert.ToInt32(e.Value))).OrderBy(p => p.Item1, StringComparer.Ordinal));

        // The sweep's folder, imported, judges every run as it was judged live (sidecars carry how each run ended).
        using var session = new PowerShellSession();
        var imported = session.RunOk("Import-ModelRun -LiteralPath $args[0] -RepositoryPath $args[1]", _runs.SweepOutput, _runs.Fixture.Repository).Select(o => (ModelRun)o.BaseObject).ToList();
        Assert.Equal(runs.Select(r => r.RunId).Order(StringComparer.Ordinal), imported.Select(r => r.RunId).Order(StringComparer.Ordinal));
        foreach (var run in imported)
        {
            var live = runs.Single(r => r.RunId == run.RunId);
            Assert.True(live.FailureMode == run.FailureMode && live.Outcome == run.Outcome,
                $"{run.Model}: measured {live.FailureMode}/{live.Outcome}, imported {run.FailureMode}/{run.Outcome} ({run.Evidence})");
            Assert.True(run.Simulated);
        }
    }

    [Fact]
    public async Task No_process_of_any_run_is_left_behind()
    {
        await _runs.All;
        var left = _runs.Fixture.ProcessesOfThisFixture();
        Assert.True(left.Count == 0, "still running: " + string.Join("; ", left.Select(Describe)));
    }

    private static string Describe(int processId)
    {
        try { return $"{processId} {File.ReadAllText($"/proc/{processId}/cmdline").Replace('\0', ' ')}"; }
        catch (IOException) { return processId + " (gone)"; }
    }

    /// <summary>
    /// Starts every per-behaviour run and the sweep when the class starts, and waits for all of them (so for every
    /// process they started) before the simulator and the folders go away.
    /// </summary>
    public sealed class TaxonomyRuns : IDisposable
    {
        private readonly Dictionary<string, Task<ModelRun>> _single;
        private readonly SemaphoreSlim _slots = new(ParallelRuns);

        public TaxonomyRuns()
        {
            Fixture = new RunnerFixture(DelayScale);
            // Each Measure-ModelRun blocks its thread for the whole run: dedicated threads keep the thread pool free
            // for the simulator and the runs' own I/O.
            _single = Definitions.ToDictionary(b => b.Name, b => Task.Factory.StartNew(() =>
            {
                _slots.Wait();
                try { return MeasureOne(b); }
                finally { _slots.Release(); }
            }, TaskCreationOptions.LongRunning));
            Sweep = Task.Factory.StartNew(MeasureSweep, TaskCreationOptions.LongRunning);
            All = Task.WhenAll(_single.Values.Cast<Task>().Append(Sweep));
        }

        internal RunnerFixture Fixture { get; }

        public Task<PSObject> Sweep { get; }

        public Task All { get; }

        public string SweepOutput => Path.Combine(Fixture.Output, "sweep");

        public Task<ModelRun> Single(string behaviour) => _single[behaviour];

        private ModelRun MeasureOne(BehaviorDefinition behaviour)
        {
            var timeout = DeclaredOutcome(behaviour) == RunOutcome.Stopped ? ShortTimeout : GuardTimeout;
            using var session = new PowerShellSession();
            var result = session.Run(
                "Measure-ModelRun -Model $args[0] -Path $args[1] -Task Init -OllamaHost $args[2] -OutputDirectory $args[3] -MaxInterventions 1 -Timeout $args[4] -ClaudePath $args[5]",
                ModelOf(behaviour), Fixture.Repository, Fixture.Host, Path.Combine(Fixture.Output, behaviour.Name), timeout, RunnerFixture.Claude);
            if (result.Errors.Count > 0) throw new InvalidOperationException($"Measure-ModelRun {behaviour.Name} failed: {result.Errors[0]} ({result.FirstErrorId})");
            return (ModelRun)result.Output.Single().BaseObject;
        }

        private PSObject MeasureSweep()
        {
            using var session = new PowerShellSession();
            var result = session.Run("""
                $runs = $args[0] | Measure-ModelRun -Path $args[1] -Task Init -OllamaHost $args[2] -OutputDirectory $args[3] -MaxInterventions 1 -Timeout $args[4] -ClaudePath $args[5]
                $counts = @{}
                $runs | ForEach-Object { $counts[[string]$_.FailureMode] += 1 }
                [pscustomobject]@{ Runs = @($runs); Counts = $counts }
                """,
                Definitions.Select(ModelOf).ToArray(), Fixture.Repository, Fixture.Host, SweepOutput, SweepTimeout, RunnerFixture.Claude);
            if (result.Errors.Count > 0) throw new InvalidOperationException($"the sweep failed: {result.Errors[0]} ({result.FirstErrorId})");
            return result.Output.Single();
        }

        public void Dispose()
        {
            // Every run ends by its own time limit; waiting here means no process outlives the simulator.
            try { All.Wait(TimeSpan.FromMinutes(3)); }
            catch (AggregateException) { }
            Fixture.Dispose();
            _slots.Dispose();
        }
    }
}
