using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using LocalModels.Classification;
using LocalModels.Simulation;
using LocalModels.Tests.Hosting;
using Xunit;

namespace LocalModels.Tests.Runner;

/// <summary>
/// Measure-ModelRun across a pool of three simulators on loopback, with the real Claude Code CLI: every planned
/// run happens once, on a host that has its model; a host that dies mid-sweep loses nothing and its work is done
/// elsewhere; Ctrl+C stops every host; -Resume repeats nothing.
/// </summary>
[Collection(RunnerCollection.Name)]
public sealed class HostPoolEndToEndTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);

    private const string Sweep =
        "$args[4] | Measure-ModelRun -Path $args[3] -OllamaHost $args[5] -ClaudePath $args[1] -OutputDirectory $args[2]";

    [Fact]
    public void Every_planned_run_happens_once_at_the_same_time_on_hosts_that_have_its_model()
    {
        using var fixture = new RunnerFixture(delayScale: 0.05);
        using var second = new OllamaSimulator { DelayScale = 0.05 };
        using var third = new OllamaSimulator { DelayScale = 0.05 };
        var having = new Dictionary<string, string[]>
        {
            ["sim/explorer:latest"] = new[] { Host(fixture.Simulator), Host(second) },
            ["sim/nested-params:latest"] = new[] { Host(fixture.Simulator), Host(third) },
            ["sim/refuses:latest"] = new[] { Host(second), Host(third) },
        };
        Keep(fixture.Simulator, "sim/explorer:latest", "sim/nested-params:latest");
        Keep(second, "sim/explorer:latest", "sim/refuses:latest");
        Keep(third, "sim/nested-params:latest", "sim/refuses:latest");
        var hosts = new[] { Host(fixture.Simulator), Host(second), Host(third) };
        using var session = new PowerShellSession();

        var result = session.Run(Sweep + " -Repeat 2", fixture.Args(fixture.Repository,
            new[] { "sim/explorer:latest", "sim/nested-params:latest", "sim/refuses:latest", "no-such-model:7b" }, hosts));

        Assert.Null(result.Terminating);
        var missing = Assert.Single(result.Errors);
        Assert.Equal("OllamaModelNotFound,LocalModels.Commands.MeasureModelRunCommand", missing.FullyQualifiedErrorId);
        Assert.All(hosts, host => Assert.Contains(host, missing.Exception.Message));
        var runs = result.Output.Select(o => (ModelRun)o.BaseObject).ToList();
        Assert.Equal(6, runs.Count);
        Assert.Equal(6, runs.Select(run => (run.Model, run.Repetition)).Distinct().Count());
        Assert.All(runs, run => Assert.Contains(run.OllamaHost, having[run.Model]));
        Assert.All(runs, run => Assert.True(run.Simulated && run.ExitReason == "completed", $"{run.Model} on {run.OllamaHost}: {run.ExitReason} {run.ErrorMessage}"));
        // Each server saw requests only for models it has, and at least two servers worked at the same time.
        foreach (var simulator in new[] { fixture.Simulator, second, third })
        {
            var asked = simulator.Server.Requests.Where(r => r.Path == "/v1/messages").ToList();
            Assert.NotEmpty(asked);
            Assert.All(runs.Where(run => run.OllamaHost == Host(simulator)), run => Assert.Contains(Host(simulator), having[run.Model]));
        }
        Assert.True(runs.Any(a => runs.Any(b => a.OllamaHost != b.OllamaHost && a.StartTime < b.StartTime + b.Duration && b.StartTime < a.StartTime + a.Duration)),
            "no two runs on different hosts overlapped: " + string.Join("; ", runs.Select(run => $"{run.OllamaHost} {run.StartTime:HH:mm:ss.fff}+{run.Duration}")));
        // One results folder for the sweep, each line naming its host; progress shows each host under the sweep.
        var lines = fixture.ResultLines().Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal(6, lines.Count);
        Assert.Equal(runs.Select(run => run.RunId).Order(), lines.Select(line => line.GetProperty("RunId").GetString()!).Order());
        Assert.All(lines, line => Assert.Contains(line.GetProperty("OllamaHost").GetString(), hosts));
        Assert.Equal(7, File.ReadAllLines(Path.Combine(fixture.Output, "runs.csv")).Length);
        var hostActivities = result.Progress.Where(p => p.ParentActivityId == 1).Select(p => p.Activity).Distinct().ToList();
        Assert.True(hostActivities.Count >= 2, "per-host progress: " + string.Join(", ", hostActivities));
        Assert.All(hostActivities, activity => Assert.Contains(activity, hosts.Select(host => "Ollama at " + host)));
        Assert.Empty(fixture.ProcessesOfThisFixture());
    }

    [Fact]
    public async System.Threading.Tasks.Task A_host_that_dies_mid_sweep_keeps_what_was_measured_and_its_work_is_finished_elsewhere()
    {
        using var fixture = new RunnerFixture(delayScale: 0.05);
        using var second = new OllamaSimulator { DelayScale = 0.05 };
        using var dying = new OllamaSimulator();
        var dead = Host(dying);
        var hosts = new[] { Host(fixture.Simulator), Host(second), dead };
        var args = fixture.Args(fixture.Repository, new[] { "sim/explorer:latest" }, hosts);
        PowerShellResult result;
        using (var session = new PowerShellSession())
        {
            var sweep = System.Threading.Tasks.Task.Run(() => session.Run(Sweep + " -Repeat 4", args));
            // The server goes away as soon as its first run talks to it: that run is in flight.
            var deadline = DateTime.UtcNow + Bound;
            while (DateTime.UtcNow < deadline && !sweep.IsCompleted && !dying.Server.Requests.Any(r => r.Path == "/v1/messages"))
                await System.Threading.Tasks.Task.Delay(20);
            dying.Dispose();
            result = await sweep.WaitAsync(Bound);
        }

        Assert.Null(result.Terminating);
        Assert.Contains(result.Warnings, warning => warning.Contains(dead, StringComparison.Ordinal));
        var runs = result.Output.Select(o => (ModelRun)o.BaseObject).ToList();
        var lost = Assert.Single(runs, run => run.OllamaHost == dead);
        Assert.Equal("host unavailable", lost.ExitReason);
        Assert.Equal(FailureMode.EndpointError, lost.FailureMode);
        Assert.Contains(dead, lost.ErrorMessage);
        Assert.Contains(dead, lost.Evidence);
        // Every repetition was measured once, on the hosts left; the lost run is recorded too.
        var measured = runs.Where(run => run.OllamaHost != dead).ToList();
        Assert.Equal(new[] { 1, 2, 3, 4 }, measured.Select(run => run.Repetition).Order());
        Assert.All(measured, run => Assert.Equal("completed", run.ExitReason));
        Assert.Equal(5, fixture.ResultLines().Count);
        Assert.Empty(fixture.ProcessesOfThisFixture());

        // The dead host is only warned about; nothing is left to do, so nothing is run again.
        using var again = new PowerShellSession();
        var resumed = again.Run(Sweep + " -Repeat 4 -Resume", args);
        Assert.Null(resumed.Terminating);
        Assert.Empty(resumed.Output);
        Assert.Contains(resumed.Warnings, warning => warning.Contains(dead, StringComparison.Ordinal));
        Assert.Equal(5, fixture.ResultLines().Count);
    }

    [Fact]
    public async System.Threading.Tasks.Task A_run_whose_model_only_a_dead_host_has_is_an_error_and_the_hosts_left_finish_the_rest()
    {
        using var fixture = new RunnerFixture(delayScale: 0.05);
        using var second = new OllamaSimulator { DelayScale = 0.05 };
        using var dying = new OllamaSimulator();
        var dead = Host(dying);
        Keep(fixture.Simulator, "sim/explorer:latest", "sim/nested-params:latest");
        Keep(second, "sim/explorer:latest", "sim/nested-params:latest");
        Keep(dying, "sim/refuses:latest");
        var hosts = new[] { Host(fixture.Simulator), Host(second), dead };
        var args = fixture.Args(fixture.Repository, new[] { "sim/refuses:latest", "sim/explorer:latest", "sim/nested-params:latest" }, hosts);
        PowerShellResult result;
        using (var session = new PowerShellSession())
        {
            var sweep = System.Threading.Tasks.Task.Run(() => session.Run(Sweep, args));
            // The only server with sim/refuses goes away while that run talks to it.
            var deadline = DateTime.UtcNow + Bound;
            while (DateTime.UtcNow < deadline && !sweep.IsCompleted && !dying.Server.Requests.Any(r => r.Path == "/v1/messages"))
                await System.Threading.Tasks.Task.Delay(20);
            Assert.False(sweep.IsCompleted, "the sweep ended before the host could die");
            dying.Dispose();
            result = await sweep.WaitAsync(Bound);
        }

        // The sweep goes on: one error for the run no host left can do, not a terminating one.
        Assert.Null(result.Terminating);
        var orphaned = Assert.Single(result.Errors);
        Assert.Equal("OllamaHostUnavailable,LocalModels.Commands.MeasureModelRunCommand", orphaned.FullyQualifiedErrorId);
        Assert.Equal(System.Management.Automation.ErrorCategory.ResourceUnavailable, orphaned.CategoryInfo.Category);
        Assert.Equal("sim/refuses:latest", orphaned.TargetObject);
        Assert.Contains(result.Warnings, warning => warning.Contains(dead, StringComparison.Ordinal));
        // The interrupted run is recorded as lost with its host; the other models ran once each on the hosts left.
        var runs = result.Output.Select(o => (ModelRun)o.BaseObject).ToList();
        var lost = Assert.Single(runs, run => run.OllamaHost == dead);
        Assert.Equal(("sim/refuses:latest", "host unavailable", FailureMode.EndpointError), (lost.Model, lost.ExitReason, lost.FailureMode));
        var measured = runs.Where(run => run.OllamaHost != dead).ToList();
        Assert.Equal(new[] { "sim/explorer:latest", "sim/nested-params:latest" }, measured.Select(run => run.Model).Order());
        Assert.All(measured, run => Assert.Equal("completed", run.ExitReason));
        Assert.Equal(3, fixture.ResultLines().Count);
        Assert.Empty(fixture.ProcessesOfThisFixture());
    }

    [Fact]
    public async System.Threading.Tasks.Task When_every_host_dies_the_sweep_stops_with_an_error_after_recording_each_lost_run()
    {
        using var fixture = new RunnerFixture(delayScale: 1.0);
        using var second = new OllamaSimulator();
        var hosts = new[] { Host(fixture.Simulator), Host(second) };
        var args = fixture.Args(fixture.Repository, new[] { "sim/explorer:latest" }, hosts);
        PowerShellResult result;
        using (var session = new PowerShellSession())
        {
            var sweep = System.Threading.Tasks.Task.Run(() => session.Run(Sweep + " -Repeat 4", args));
            var deadline = DateTime.UtcNow + Bound;
            while (DateTime.UtcNow < deadline && !sweep.IsCompleted
                   && !new[] { fixture.Simulator, second }.All(s => s.Server.Requests.Any(r => r.Path == "/v1/messages")))
                await System.Threading.Tasks.Task.Delay(20);
            fixture.Simulator.Dispose();
            second.Dispose();
            result = await sweep.WaitAsync(Bound);
        }

        // The command's terminating error (a script goes on after a statement fails, so it is in the error stream).
        var stopped = Assert.Single(result.Errors, error => error.FullyQualifiedErrorId == "OllamaHostUnavailable,LocalModels.Commands.MeasureModelRunCommand");
        Assert.Contains(fixture.Output, stopped.Exception.Message);
        Assert.Equal(2, result.Output.Count);
        var lines = fixture.ResultLines().Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal(2, lines.Count);
        Assert.All(lines, line => Assert.Equal("host unavailable", line.GetProperty("ExitReason").GetString()));
        Assert.Equal(hosts.Order(), lines.Select(line => line.GetProperty("OllamaHost").GetString()!).Order());
        Assert.Empty(fixture.ProcessesOfThisFixture());
    }

    [Fact]
    public void Ctrl_C_stops_the_runs_on_every_host_and_Resume_repeats_none()
    {
        using var fixture = new RunnerFixture(delayScale: 1.0);
        using var second = new OllamaSimulator();
        using var third = new OllamaSimulator();
        var simulators = new[] { fixture.Simulator, second, third };
        var args = fixture.Args(fixture.Repository, new[] { "sim/explorer:latest" }, simulators.Select(Host).ToArray());

        using (var pipeline = new StoppablePipeline())
        {
            var running = pipeline.Start(Sweep + " -Repeat 6", args);
            // Stop once every host has a run talking to it.
            var deadline = DateTime.UtcNow + Bound;
            while (DateTime.UtcNow < deadline && !running.IsCompleted
                   && !simulators.All(s => s.Server.Requests.Any(r => r.Path == "/v1/messages"))) Thread.Sleep(20);
            Assert.False(running.IsCompleted, "the sweep ended before it could be stopped");
            pipeline.Stop();
            Assert.Throws<AggregateException>(() => running.Wait());
        }
        Assert.Empty(fixture.ProcessesOfThisFixture());
        var afterStop = fixture.ResultLines().Select(line => JsonDocument.Parse(line).RootElement).ToList();
        var cancelled = afterStop.Where(run => run.GetProperty("FailureMode").GetString() == nameof(FailureMode.Cancelled)).ToList();
        // Each host's run in flight was stopped and recorded, one per host.
        Assert.True(cancelled.Count >= 2, $"{cancelled.Count} cancelled runs of {afterStop.Count}");
        Assert.Equal(cancelled.Count, cancelled.Select(run => run.GetProperty("OllamaHost").GetString()).Distinct().Count());
        Assert.True(afterStop.Count < 6 + cancelled.Count, "the sweep went on after the stop");
        var before = afterStop.Except(cancelled).Select(run => run.GetProperty("Repetition").GetInt32()).ToList();

        foreach (var simulator in simulators) simulator.DelayScale = 0.05;
        using var session = new PowerShellSession();
        var resumed = session.Run(Sweep + " -Repeat 6 -Resume", args);

        Assert.Null(resumed.Terminating);
        Assert.Empty(resumed.Errors);
        var done = resumed.Output.Select(o => ((ModelRun)o.BaseObject).Repetition).ToList();
        Assert.Empty(done.Intersect(before));
        Assert.Equal(new[] { 1, 2, 3, 4, 5, 6 }, before.Concat(done).Order());
        Assert.Empty(fixture.ProcessesOfThisFixture());
    }

    private static string Host(OllamaSimulator simulator) => simulator.BaseUri.GetLeftPart(UriPartial.Authority);

    private static void Keep(OllamaSimulator simulator, params string[] models)
    {
        foreach (var model in simulator.Catalog.Models.Select(m => m.Name).Where(name => !models.Contains(name)).ToList())
            simulator.Catalog.Remove(model);
    }
}
