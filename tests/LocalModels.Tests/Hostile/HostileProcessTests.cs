using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using LocalModels.Classification;
using LocalModels.Tests.Hosting;
using LocalModels.Tests.Runner;
using Xunit;

namespace LocalModels.Tests.Hostile;

/// <summary>
/// Nothing of a run outlives it: detached children, a killed owner, a Ctrl+C. Real Claude Code; every test kills
/// what it finds in a finally block, so a failure leaves nothing behind either.
/// </summary>
[Collection(RunnerCollection.Name)]
public sealed class HostileProcessTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Detached_children_do_not_survive_a_timeout_or_the_end_of_a_run(bool timesOut)
    {
        using var fixture = new RunnerFixture(delayScale: 0.05);
        var setsid = HostileBehaviors.UniqueSleep(4242);
        var subshell = HostileBehaviors.UniqueSleep(4444);
        HostileBehaviors.Add(fixture.Simulator, "sim/detacher:latest",
            $"setsid sleep {setsid} </dev/null >/dev/null 2>&1 & (sleep {subshell} </dev/null >/dev/null 2>&1 &); sleep 1; echo started", forever: timesOut);
        try
        {
            using var session = new PowerShellSession();
            var result = session.Run($"Measure-ModelRun -Model sim/detacher:latest -Task Prompt -Prompt 'go' -Path $args[3] {fixture.Common} -Timeout 20", fixture.Args(fixture.Repository));

            Assert.Empty(result.Errors);
            var run = (ModelRun)result.Output.Single().BaseObject;
            Assert.Equal(timesOut, run.TimedOut);
            Assert.Contains("Bash", run.ToolSequence);
            // The command ran to its echo, so both sleeps were started.
            Assert.Contains(fixture.Simulator.Server.Requests, r => r.Path.StartsWith("/v1/messages", StringComparison.Ordinal) && r.Body.Contains("started", StringComparison.Ordinal));
            Assert.True(HostileBehaviors.Within(TimeSpan.FromSeconds(5), () => HostileBehaviors.ProcessesRunning("sleep " + setsid).Count == 0 && HostileBehaviors.ProcessesRunning("sleep " + subshell).Count == 0),
                "a detached sleep outlived the run");
            Assert.Empty(fixture.ProcessesOfThisFixture());
        }
        finally
        {
            HostileBehaviors.KillAll(HostileBehaviors.ProcessesRunning("sleep " + setsid).Concat(HostileBehaviors.ProcessesRunning("sleep " + subshell)));
        }
    }

    [Fact]
    public void A_process_that_keeps_claudes_output_open_does_not_hold_the_run_after_claude_ends()
    {
        using var fixture = new RunnerFixture(delayScale: 0.05);
        var holder = HostileBehaviors.UniqueSleep(4646);
        // The command finds claude among its ancestors and leaves a detached shell writing a line every half second
        // to claude's own stdout: the pipe the module reads stays open after claude exits and never goes quiet.
        HostileBehaviors.Add(fixture.Simulator, "sim/pipe-holder:latest",
            "p=$PPID; while [ \"$p\" -gt 1 ] && ! grep -q claude /proc/$p/cmdline; do p=$(cut -d' ' -f4 /proc/$p/stat); done; " +
            $"setsid sh -c 'while :; do echo \"{{\\\"type\\\":\\\"noise\\\"}}\"; sleep 0.5; done; : {holder}' </dev/null >/proc/$p/fd/1 2>/dev/null & sleep 1; echo started", forever: false);
        try
        {
            using var session = new PowerShellSession();
            var clock = Stopwatch.StartNew();
            var result = session.Run($"Measure-ModelRun -Model sim/pipe-holder:latest -Task Prompt -Prompt 'go' -Path $args[3] {fixture.Common} -Timeout 90", fixture.Args(fixture.Repository));
            clock.Stop();

            Assert.Empty(result.Errors);
            var run = (ModelRun)result.Output.Single().BaseObject;
            Assert.False(run.TimedOut, "the run waited for the held pipe until its time limit");
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(45), $"the run took {clock.Elapsed.TotalSeconds:0} s");
            Assert.Contains("Bash", run.ToolSequence);
            Assert.True(HostileBehaviors.Within(TimeSpan.FromSeconds(5), () => HostileBehaviors.ProcessesRunning(holder).Count == 0),
                "the process holding the pipe outlived the run");
            Assert.Empty(fixture.ProcessesOfThisFixture());
        }
        finally
        {
            HostileBehaviors.KillAll(HostileBehaviors.ProcessesRunning(holder));
        }
    }

    [Fact]
    public void Killing_the_owning_process_with_SIGKILL_ends_the_run_and_removes_its_copy_within_seconds()
    {
        using var fixture = new RunnerFixture(delayScale: 0.05);
        var script = Path.Combine(fixture.Root, "sweep.ps1");
        File.WriteAllText(script, "param($manifest, $ollama, $claude, $out, $repo)\nImport-Module $manifest\n" +
            "Measure-ModelRun -Model sim/never-finishes:latest -Path $repo -OllamaHost $ollama -ClaudePath $claude -OutputDirectory $out -Timeout 600\n");
        var host = new ProcessStartInfo(HostExecutable.Path);
        foreach (var argument in HostExecutable.Prefix.Concat(new[] { script, RepositoryPaths.ModuleManifest, fixture.Host, RunnerFixture.Claude, fixture.Output, fixture.Repository }))
            host.ArgumentList.Add(argument);
        host.RedirectStandardOutput = true;
        host.RedirectStandardError = true;
        using var owner = Process.Start(host)!;
        string? copy = null;
        try
        {
            Assert.True(HostileBehaviors.Within(TimeSpan.FromSeconds(90), () => fixture.ProcessesOfThisFixture().Count > 0 && Directory.Exists(fixture.Output)
                && Directory.GetFiles(fixture.Output, "*.stream.jsonl").Any(f => new FileInfo(f).Length > 0)), "the run never started");
            var runId = Path.GetFileName(Directory.GetFiles(fixture.Output, "*.meta.json").Single())[..^".meta.json".Length];
            copy = Path.Combine(Path.GetTempPath(), "localmodels-" + runId);
            Assert.True(Directory.Exists(copy));

            owner.Kill();
            owner.WaitForExit(5000);

            Assert.True(HostileBehaviors.Within(TimeSpan.FromSeconds(5), () => fixture.ProcessesOfThisFixture().Count == 0), "Claude Code outlived its owner");
            Assert.True(HostileBehaviors.Within(TimeSpan.FromSeconds(5), () => !Directory.Exists(copy)), "the run's temporary copy was left behind");
        }
        finally
        {
            if (!owner.HasExited) owner.Kill(entireProcessTree: true);
            HostileBehaviors.KillAll(fixture.ProcessesOfThisFixture());
            if (copy is not null && Directory.Exists(copy)) Directory.Delete(copy, recursive: true);
        }
    }

    [Fact]
    public void The_next_run_in_the_same_folder_removes_what_a_dead_run_left_behind()
    {
        using var fixture = new RunnerFixture(delayScale: 0.02);
        // A run whose owner and watchdog both died: its sidecar, its copy, and one of its processes.
        var runId = "20260101-000000-dead-model-init-r1-" + Guid.NewGuid().ToString("N")[..6];
        Directory.CreateDirectory(fixture.Output);
        File.WriteAllText(Path.Combine(fixture.Output, runId + ".meta.json"), "{}");
        var copy = Path.Combine(Path.GetTempPath(), "localmodels-" + runId);
        Directory.CreateDirectory(Path.Combine(copy, "repo"));
        using (var gone = Process.Start("true")!) { gone.WaitForExit(); File.WriteAllText(Path.Combine(copy, "owner"), gone.Id.ToString()); }
        var sleep = HostileBehaviors.UniqueSleep(4343);
        var orphan = new ProcessStartInfo("sleep", sleep);
        orphan.Environment["CLAUDE_CONFIG_DIR"] = Path.Combine(fixture.Output, runId + ".claude");
        using var leftover = Process.Start(orphan)!;
        try
        {
            using var session = new PowerShellSession();
            var result = session.Run($"Measure-ModelRun -Model sim/explorer:latest -Path $args[3] {fixture.Common}", fixture.Args(fixture.Repository));

            Assert.Empty(result.Errors);
            Assert.False(Directory.Exists(copy), "the dead run's copy is still there");
            Assert.True(leftover.WaitForExit(5000), "the dead run's process is still alive");
        }
        finally
        {
            if (!leftover.HasExited) leftover.Kill();
            if (Directory.Exists(copy)) Directory.Delete(copy, recursive: true);
        }
    }

    [Fact]
    public void A_run_stopped_by_Ctrl_C_records_how_the_process_ended_not_exit_code_0()
    {
        using var fixture = new RunnerFixture(delayScale: 0.05);
        using (var pipeline = new StoppablePipeline())
        {
            var running = pipeline.Start($"Measure-ModelRun -Model sim/never-finishes:latest -Path $args[3] {fixture.Common}", fixture.Args(fixture.Repository));
            try
            {
                Assert.True(HostileBehaviors.Within(TimeSpan.FromSeconds(60), () => Directory.Exists(fixture.Output)
                    && Directory.GetFiles(fixture.Output, "*.stream.jsonl").Any(f => File.ReadAllText(f).Contains("\"type\":\"assistant\""))), "the run never streamed");
                // A terminal's Ctrl+C interrupts every process in the foreground group: claude gets SIGINT as PowerShell stops.
                foreach (var id in fixture.ProcessesOfThisFixture().Where(id => File.ReadAllText($"/proc/{id}/cmdline").Contains("claude")))
                    using (var kill = Process.Start("kill", $"-INT {id}")) kill!.WaitForExit();
                pipeline.Stop();
                Assert.ThrowsAny<Exception>(() => running.Wait(TimeSpan.FromSeconds(30)));
            }
            finally
            {
                HostileBehaviors.KillAll(fixture.ProcessesOfThisFixture());
            }
        }
        var recorded = JsonDocument.Parse(fixture.ResultLines().Single()).RootElement;
        Assert.Equal(nameof(FailureMode.Cancelled), recorded.GetProperty("FailureMode").GetString());
        Assert.Equal("cancelled", recorded.GetProperty("ExitReason").GetString());
        Assert.Contains(recorded.GetProperty("ExitCode").GetInt32(), new[] { LocalModels.Claude.ExitCodes.Interrupted, LocalModels.Claude.ExitCodes.Killed });
        Assert.Empty(fixture.ProcessesOfThisFixture());
    }
}

/// <summary>The module's console host (tools/LocalModels.Host), a PowerShell process of its own that a test may kill.</summary>
internal static class HostExecutable
{
    private static string Directory => System.IO.Path.Combine(RepositoryPaths.Root, "tools", "LocalModels.Host", "bin", "Release", "net10.0");

    /// <summary>The apphost where there is one, else dotnet.</summary>
    public static string Path => File.Exists(System.IO.Path.Combine(Directory, "LocalModels.Host")) ? System.IO.Path.Combine(Directory, "LocalModels.Host") : "dotnet";

    public static string[] Prefix => Path == "dotnet" ? new[] { System.IO.Path.Combine(Directory, "LocalModels.Host.dll") } : Array.Empty<string>();
}
