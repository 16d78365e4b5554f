using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using LocalModels.Classification;
using LocalModels.Ollama;
using LocalModels.Simulation;
using LocalModels.Simulation.Behaviors;
using LocalModels.Tests.Hosting;
using LocalModels.Traces;
using LocalModels.Verification;
using Xunit;

namespace LocalModels.Tests.EndToEnd;

/// <summary>
/// The classifier on the traces the REAL Claude Code CLI produced against each simulated behaviour
/// (Samples/simulated, recorded by the simulator's end-to-end tests): each gets the label its behaviour declares.
/// </summary>
public sealed class SimulatedTraceClassificationTests : IDisposable
{
    private readonly string _repository = Path.Combine(Path.GetTempPath(), "lm-sample-" + Guid.NewGuid().ToString("N"));

    public SimulatedTraceClassificationTests() => SampleRepository.ExtractTo(_repository);

    public void Dispose() => Directory.Delete(_repository, recursive: true);

    /// <summary>Every built-in behaviour: one without a recorded trace fails its case instead of dropping out.</summary>
    public static IEnumerable<object[]> Behaviors() =>
        BehaviorLibrary.LoadBuiltIn().Behaviors.Select(b => new object[] { b.Name });

    private static string TracePath(string behaviour) => Path.Combine(RepositoryPaths.Samples, "simulated", behaviour + ".stream.jsonl");

    [Theory]
    [MemberData(nameof(Behaviors))]
    public void Recorded_run_gets_the_label_its_behaviour_declares(string behaviour)
    {
        var definition = BehaviorLibrary.LoadBuiltIn().Behaviors.Single(b => b.Name == behaviour);
        Assert.True(File.Exists(TracePath(behaviour)),
            $"{behaviour} has no recorded trace at {TracePath(behaviour)}: record one (LOCALMODELS_SAVE_SIM_TRACES, see Samples/simulated/README.md)");
        var lines = File.ReadLines(TracePath(behaviour)).ToList();
        var continued = Path.Combine(RepositoryPaths.Samples, "simulated", behaviour + ".continued.stream.jsonl");
        var interventions = 0;
        if (File.Exists(continued))
        {
            lines.AddRange(File.ReadLines(continued));
            interventions = 1;
        }
        var trace = TraceReader.Read(lines);
        var timedOut = trace.FinalResult is null;
        // What /api/ps reports while the simulator serves this behaviour's model (Measure-ModelRun samples it live).
        var model = definition.Models[0];
        var size = model.SizeBytes;
        var samples = new[] { new LocalModels.Ollama.MemorySample(DateTimeOffset.UtcNow, null, size, size * (100 - model.CpuPercent) / 100) };
        var context = new RunContext
        {
            Deliverable = DeliverableCheck.FromTrace(trace, _repository),
            Interventions = interventions,
            TimedOut = timedOut,
            MemorySamples = samples,
        };

        var verdict = RunClassifier.Classify(trace, context);

        Assert.True(definition.FailureMode == verdict.FailureMode.ToString(),
            $"{behaviour}: expected {definition.FailureMode}, got {verdict.FailureMode} ({verdict.Evidence}); signals {string.Join(", ", verdict.Signals.Select(s => s.Mode))}");
        Assert.True(definition.Outcome == verdict.Outcome.ToString(), $"{behaviour}: expected outcome {definition.Outcome}, got {verdict.Outcome}");
        Assert.False(string.IsNullOrWhiteSpace(verdict.Evidence));
    }
}
