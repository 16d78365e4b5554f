using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using LocalModels.Classification;
using LocalModels.Ollama;
using LocalModels.Tests.Hosting;
using Xunit;

namespace LocalModels.Tests.Runner;

/// <summary>Measure-ModelRun through the hosted engine with the real Claude Code CLI against the in-process simulator.</summary>
[Collection(RunnerCollection.Name)]
public sealed class MeasureModelRunEndToEndTests
{
    [Fact]
    public void An_Init_run_writes_CLAUDE_md_in_a_copy_measures_it_and_leaves_the_repository_untouched()
    {
        using var fixture = new RunnerFixture();
        using var credentials = new FakeCredentials();
        using var session = new PowerShellSession();
        var before = RunnerFixture.HashTree(fixture.Repository);

        var result = session.Run($"Measure-ModelRun -Model sim/explorer:latest -Path $args[3] {fixture.Common} -Verbose", fixture.Args(fixture.Repository));

        Assert.Empty(result.Errors);
        var run = (ModelRun)result.Output.Single().BaseObject;
        Assert.True(run.Completed, $"{run.ExitReason} {run.ErrorMessage}");
        Assert.Equal(RunOutcome.Success, run.Outcome);
        Assert.Equal(FailureMode.None, run.FailureMode);
        Assert.True(run.Simulated);
        Assert.Equal("Init", run.Task);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("completed", run.ExitReason);
        Assert.StartsWith("Bash", run.ToolSequence);
        Assert.EndsWith("→ Write", run.ToolSequence);
        Assert.True(run.ToolCalls >= 3 && run.Turns >= 3, $"{run.ToolCalls} calls, {run.Turns} turns");
        Assert.True(run.OutputTokens > 0 && run.OutputTokensPerSecond > 0);
        Assert.Equal("2.1.328", run.ClaudeCodeVersion);
        Assert.Equal("Bash,Read,Edit,Write,Glob,Grep,Agent", run.ToolSet);
        Assert.True(run.DeliverableExists && run.DeliverableLines > 5);
        Assert.Equal(65536, run.LoadedContextLength);
        Assert.True(run.MemoryBytes > 0);

        // The deliverable is kept beside the trace; the original repository is exactly as before.
        Assert.Equal(fixture.Output, Path.GetDirectoryName(run.DeliverablePath));
        Assert.Contains("wordtally", File.ReadAllText(run.DeliverablePath));
        Assert.False(File.Exists(Path.Combine(fixture.Repository, "CLAUDE.md")));
        Assert.Equal(before, RunnerFixture.HashTree(fixture.Repository));
        Assert.False(Directory.Exists(Path.Combine(Path.GetTempPath(), "localmodels-" + run.RunId)), "the disposable copy was not deleted");

        // Trace, sidecar, transcript and results are on disk.
        Assert.Contains(File.ReadLines(run.TracePath), line => line.Contains("\"type\":\"result\""));
        Assert.True(File.Exists(Path.Combine(fixture.Output, run.RunId + ".meta.json")));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(fixture.Output, run.RunId + ".claude", "projects"), run.SessionId + ".jsonl", SearchOption.AllDirectories));
        Assert.Single(fixture.ResultLines());
        Assert.Equal(2, File.ReadAllLines(Path.Combine(fixture.Output, "runs.csv")).Length);
        Assert.Contains(result.Verbose, line => line.Contains(fixture.Output));

        // Only the local token reached the endpoint; the user's session environment is unchanged.
        var messages = fixture.Simulator.Server.Requests.Where(r => r.Path == "/v1/messages").ToList();
        Assert.NotEmpty(messages);
        Assert.All(messages, request =>
        {
            Assert.Equal("Bearer ollama", request.Headers["Authorization"]);
            Assert.False(request.Headers.TryGetValue("x-api-key", out var key) && key.Length > 0, "x-api-key sent: " + key);
            Assert.DoesNotContain(request.Headers, header => header.Value.Contains("fake", StringComparison.OrdinalIgnoreCase) || header.Key == "X-Leaked");
        });
        Assert.True(FakeCredentials.StillInPlace());
        Assert.Empty(fixture.ProcessesOfThisFixture());
    }

    [Fact]
    public void A_timeout_kills_every_process_of_the_run_and_records_what_was_seen()
    {
        using var fixture = new RunnerFixture();
        using var session = new PowerShellSession();

        // 15 s, not less: on a loaded machine Claude Code can take several seconds to print its first line, and the
        // run must have seen something for "records what was seen" to be checked.
        var result = session.Run($"Measure-ModelRun -Model sim/never-finishes:latest -Path $args[3] {fixture.Common} -Timeout 15", fixture.Args(fixture.Repository));

        Assert.Empty(result.Errors);
        var run = (ModelRun)result.Output.Single().BaseObject;
        Assert.True(run.TimedOut);
        Assert.Equal("timeout", run.ExitReason);
        Assert.Equal(RunOutcome.Stopped, run.Outcome);
        Assert.Equal(FailureMode.Timeout, run.FailureMode);
        Assert.False(run.Completed);
        Assert.InRange(run.Duration.TotalSeconds, 15, 45);
        Assert.NotEmpty(File.ReadAllLines(run.TracePath));
        Assert.Equal(LocalModels.Claude.ExitCodes.Killed, run.ExitCode);
        Assert.Single(fixture.ResultLines());
        Assert.Empty(fixture.ProcessesOfThisFixture());
    }

    [Fact]
    public void A_model_without_tools_is_recorded_with_the_servers_message_and_unknown_models_are_skipped()
    {
        using var fixture = new RunnerFixture();
        using var session = new PowerShellSession();

        var result = session.Run($"'sim/no-tools:latest', 'no-such-model:7b' | Measure-ModelRun -Path $args[3] {fixture.Common}", fixture.Args(fixture.Repository));

        Assert.Equal("OllamaModelNotFound,LocalModels.Commands.MeasureModelRunCommand", result.FirstErrorId);
        var run = (ModelRun)result.Output.Single().BaseObject;
        Assert.Equal("sim/no-tools:latest", run.Model);
        Assert.True(run.IsError);
        Assert.Equal("api_error", run.ExitReason);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("does not support tools", run.ErrorMessage);
        Assert.False(run.Completed);
        Assert.Equal(RunOutcome.Failed, run.Outcome);
        Assert.Equal(FailureMode.NoToolSupport, run.FailureMode);
    }

    [Fact]
    public void StopOnFailure_ends_a_run_at_the_first_decisive_failure()
    {
        using var fixture = new RunnerFixture();
        using var session = new PowerShellSession();

        var result = session.Run($"Measure-ModelRun -Model sim/hallucinated-params:latest -Path $args[3] {fixture.Common} -StopOnFailure", fixture.Args(fixture.Repository));

        Assert.Empty(result.Errors);
        var run = (ModelRun)result.Output.Single().BaseObject;
        Assert.StartsWith("stopped: ", run.ExitReason);
        Assert.Equal(RunOutcome.Stopped, run.Outcome);
        Assert.NotEqual(FailureMode.None, run.FailureMode);
        Assert.NotEmpty(run.Evidence);
        Assert.Empty(fixture.ProcessesOfThisFixture());
    }

    [Fact]
    public void Results_survive_a_stop_during_run_2_of_3_and_Resume_finishes_without_duplicates()
    {
        using var fixture = new RunnerFixture();
        var script = $"Measure-ModelRun -Model sim/explorer:latest -Path $args[3] {fixture.Common} -Repeat 3";

        using (var pipeline = new StoppablePipeline())
        {
            var running = pipeline.Start(script, fixture.Args(fixture.Repository));
            // Stop once run 2 has started streaming its trace.
            var deadline = DateTime.UtcNow.AddSeconds(60);
            var processesSeen = 0;
            while (DateTime.UtcNow < deadline && !running.IsCompleted
                   && !(fixture.ResultLines().Count == 1 && Directory.GetFiles(fixture.Output, "*-r2-*.stream.jsonl").Any(f => new FileInfo(f).Length > 0)))
            {
                processesSeen = Math.Max(processesSeen, fixture.ProcessesOfThisFixture().Count);
                Thread.Sleep(20);
            }
            processesSeen = Math.Max(processesSeen, fixture.ProcessesOfThisFixture().Count);
            pipeline.Stop();
            // The leftover-process check below can fail: it does see a run's processes while they live.
            Assert.True(processesSeen > 0, "no process of the run was ever seen");
            Assert.Throws<AggregateException>(() => running.Wait());
        }
        // Run 1 finished; run 2 was stopped mid-way and is recorded as cancelled with what it had measured.
        var afterStop = fixture.ResultLines().Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(2, afterStop.Count);
        Assert.Equal(2, afterStop[1].GetProperty("Repetition").GetInt32());
        Assert.Equal(nameof(FailureMode.Cancelled), afterStop[1].GetProperty("FailureMode").GetString());
        Assert.Empty(fixture.ProcessesOfThisFixture());

        using var session = new PowerShellSession();
        var resumed = session.Run(script + " -Resume", fixture.Args(fixture.Repository));

        Assert.Empty(resumed.Errors);
        Assert.Equal(new[] { 2, 3 }, resumed.Output.Select(o => ((ModelRun)o.BaseObject).Repetition));
        var finished = fixture.ResultLines().Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement)
            .Where(run => run.GetProperty("FailureMode").GetString() != nameof(FailureMode.Cancelled)).ToList();
        Assert.Equal(new[] { 1, 2, 3 }, finished.Select(run => run.GetProperty("Repetition").GetInt32()).Order());
        Assert.Equal(4, fixture.ResultLines().Count);
        Assert.Equal(5, File.ReadAllLines(Path.Combine(fixture.Output, "runs.csv")).Length);
    }

    [Fact]
    public void Resume_knows_a_model_by_any_of_its_Ollama_spellings()
    {
        using var fixture = new RunnerFixture(delayScale: 0.02);
        using var session = new PowerShellSession();
        var measured = session.Run($"Measure-ModelRun -Model sim/explorer:latest -Path $args[3] {fixture.Common}", fixture.Args(fixture.Repository));
        Assert.Empty(measured.Errors);
        Assert.Single(fixture.ResultLines());

        // Without the tag it is the same model: nothing is left to measure.
        var resumed = session.Run($"Measure-ModelRun -Model sim/explorer -Path $args[3] {fixture.Common} -Resume -Verbose", fixture.Args(fixture.Repository));

        Assert.Empty(resumed.Errors);
        Assert.Empty(resumed.Output);
        Assert.Contains(resumed.Verbose, line => line.StartsWith("Skipping sim/explorer run 1", StringComparison.Ordinal));
        Assert.Single(fixture.ResultLines());
    }

    [Fact]
    public void Models_pipe_in_from_New_DevstralModelfile_with_their_context_length()
    {
        using var fixture = new RunnerFixture();
        LocalModels.Simulation.DefaultCatalog.Populate(fixture.Simulator);
        using var session = new PowerShellSession();

        var result = session.Run($"65536 | New-DevstralModelfile -OllamaHost $args[0] | Measure-ModelRun -Path $args[3] -ClaudePath $args[1] -OutputDirectory $args[2] -MaxTurns 20", fixture.Args(fixture.Repository));

        Assert.Empty(result.Errors);
        var run = (ModelRun)result.Output.Single().BaseObject;
        Assert.Equal("devstral-64k", run.Model);
        Assert.Equal(65536, run.ContextLength);
        Assert.True(run.Completed, $"{run.ExitReason} {run.ErrorMessage}");
    }

    [Fact]
    public void A_run_that_stops_mid_task_is_nudged_with_Continue_in_the_same_session_and_trace()
    {
        using var fixture = new RunnerFixture();
        using var session = new PowerShellSession();

        var result = session.Run($"Measure-ModelRun -Model sim/needs-intervention:latest -Path $args[3] {fixture.Common} -MaxInterventions 2", fixture.Args(fixture.Repository));

        Assert.Empty(result.Errors);
        var run = (ModelRun)result.Output.Single().BaseObject;
        Assert.Equal(1, run.Interventions);
        Assert.True(run.Completed);
        Assert.Equal(RunOutcome.CompletedAfterIntervention, run.Outcome);
        var trace = File.ReadAllLines(run.TracePath);
        Assert.Equal(2, trace.Count(line => line.Contains("\"subtype\":\"init\"")));
        Assert.Single(trace.Select(line => System.Text.Json.JsonDocument.Parse(line).RootElement)
            .Where(e => e.TryGetProperty("session_id", out _)).Select(e => e.GetProperty("session_id").GetString()).Distinct());
    }
}
