using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using LocalModels.Classification;
using LocalModels.Ollama;
using LocalModels.Tests.Hosting;
using LocalModels.Tests.Runner;
using Xunit;

namespace LocalModels.Tests.EndToEnd;

/// <summary>
/// Import-ModelRun over a real Measure-ModelRun output folder (real Claude Code CLI, simulated models): one run
/// per measured run, with what the sidecars say, and neither runs.jsonl nor the per-run transcripts counted again.
/// </summary>
public sealed class ImportMeasuredRunsTests : IClassFixture<ImportMeasuredRunsTests.MeasuredFolder>
{
    private readonly MeasuredFolder _folder;

    public ImportMeasuredRunsTests(MeasuredFolder folder) => _folder = folder;

    /// <summary>Four measured runs (two models, two repetitions; one nudged with Continue), made once for the class.</summary>
    public sealed class MeasuredFolder : IDisposable
    {
        public MeasuredFolder()
        {
            Fixture = new RunnerFixture(delayScale: 0.02);
            using var session = new PowerShellSession();
            var result = session.Run(
                $"'sim/explorer', 'sim/needs-intervention:latest' | Measure-ModelRun -Path $args[3] {Fixture.Common} -Repeat 2 -MaxInterventions 1 -Timeout 60",
                Fixture.Args(Fixture.Repository));
            if (result.Errors.Count > 0) throw new InvalidOperationException("Measure-ModelRun failed: " + result.Errors[0]);
            Measured = result.Output.Select(o => (ModelRun)o.BaseObject).ToList();
        }

        internal RunnerFixture Fixture { get; }
        public IReadOnlyList<ModelRun> Measured { get; }
        public string Output => Fixture.Output;

        public void Dispose() => Fixture.Dispose();
    }

    [Fact]
    public void The_folder_holds_results_traces_and_transcripts_for_every_run()
    {
        // What makes the import below able to fail: every kind of *.jsonl the runner leaves is there.
        Assert.Equal(4, _folder.Measured.Count);
        Assert.True(File.Exists(Path.Combine(_folder.Output, "runs.jsonl")));
        foreach (var run in _folder.Measured)
        {
            Assert.True(File.Exists(Path.Combine(_folder.Output, run.RunId + ".stream.jsonl")));
            Assert.True(File.Exists(Path.Combine(_folder.Output, run.RunId + ".meta.json")));
            Assert.Single(Directory.GetFiles(Path.Combine(_folder.Output, run.RunId + ".claude", "projects"), run.SessionId + ".jsonl", SearchOption.AllDirectories));
        }
    }

    [Fact]
    public void Importing_the_folder_gives_exactly_one_run_per_measured_run_with_the_sidecars_facts()
    {
        using var session = new PowerShellSession();
        var result = session.Run("Import-ModelRun -Path $args[0] -Verbose", _folder.Output);

        Assert.Empty(result.Errors);
        Assert.Empty(result.Warnings);
        var imported = result.Output.Select(o => (ModelRun)o.BaseObject).ToList();
        Assert.Equal(_folder.Measured.Select(r => r.RunId).Order(), imported.Select(r => r.RunId).Order());
        foreach (var run in imported)
        {
            var measured = _folder.Measured.Single(m => m.RunId == run.RunId);
            Assert.True(run.Simulated, run.RunId);
            Assert.Equal(measured.Model, run.Model);
            Assert.Equal("Init", run.Task);
            Assert.Equal(measured.ContextLength, run.ContextLength);
            Assert.NotNull(run.ContextLength);
            Assert.Equal(measured.Repetition, run.Repetition);
            Assert.Equal(measured.SessionId, run.SessionId);
            Assert.EndsWith(".stream.jsonl", run.TracePath);
            // The sidecar's ending tells what the stream-json trace cannot (the Continue nudge): the same verdict as live.
            Assert.Equal(measured.Interventions, run.Interventions);
            Assert.Equal(measured.FailureMode, run.FailureMode);
            Assert.Equal(measured.Outcome, run.Outcome);
            Assert.Equal(measured.Evidence, run.Evidence);
        }
        Assert.Contains(imported, run => run.Interventions == 1 && run.Outcome == RunOutcome.CompletedAfterIntervention);
        Assert.Equal(new[] { 1, 2, 1, 2 }, imported.OrderBy(r => r.Model).ThenBy(r => r.Repetition).Select(r => r.Repetition));
        Assert.Contains(result.Verbose, line => line.Contains("runs.jsonl") && line.Contains("results file"));
        Assert.Equal(4, result.Verbose.Count(line => line.Contains("already imported from its stream-json trace")));
    }

    [Fact]
    public void One_trace_finds_its_runId_sidecar()
    {
        var measured = _folder.Measured[0];
        using var session = new PowerShellSession();
        var run = (ModelRun)Assert.Single(session.RunOk("Import-ModelRun -LiteralPath $args[0]", measured.TracePath)).BaseObject;
        Assert.True(run.Simulated);
        Assert.Equal(measured.RunId, run.RunId);
        Assert.Equal(measured.Model, run.Model);
        Assert.Equal(measured.ContextLength, run.ContextLength);
    }

    [Fact]
    public void A_transcript_is_a_run_of_its_own_unless_its_stream_json_trace_was_imported_first()
    {
        var measured = _folder.Measured[0];
        var transcript = Directory.GetFiles(Path.Combine(_folder.Output, measured.RunId + ".claude"), measured.SessionId + ".jsonl", SearchOption.AllDirectories).Single();
        using var session = new PowerShellSession();

        var alone = (ModelRun)Assert.Single(session.RunOk("Import-ModelRun -LiteralPath $args[0]", transcript)).BaseObject;
        Assert.Equal(measured.SessionId, alone.SessionId);
        Assert.Equal(measured.FailureMode, alone.FailureMode);

        var both = session.RunOk("Import-ModelRun -LiteralPath $args[0], $args[1]", measured.TracePath, transcript);
        Assert.Equal(measured.TracePath, ((ModelRun)Assert.Single(both).BaseObject).TracePath);
        var piped = session.RunOk("$args | Import-ModelRun", measured.TracePath, transcript);
        Assert.Equal(measured.TracePath, ((ModelRun)Assert.Single(piped).BaseObject).TracePath);
    }

    [Fact]
    public void The_results_file_named_on_its_own_is_skipped_with_a_warning()
    {
        using var session = new PowerShellSession();
        var result = session.Run("Import-ModelRun -LiteralPath $args[0]", Path.Combine(_folder.Output, "runs.jsonl"));
        Assert.Empty(result.Errors);
        Assert.Empty(result.Output);
        var warning = Assert.Single(result.Warnings);
        Assert.Contains("results file", warning);
    }
}
