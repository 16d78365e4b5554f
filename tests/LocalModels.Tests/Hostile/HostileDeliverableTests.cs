using System;
using System.IO;
using System.Linq;
using LocalModels.Tests.Hosting;
using LocalModels.Tests.Runner;
using Xunit;

namespace LocalModels.Tests.Hostile;

/// <summary>
/// What a model leaves by the deliverable's name in a measured run: a link to a credentials file is neither read nor
/// kept, so nothing of the target reaches the run, the results folder or the report; a FIFO does not hold the run.
/// Real Claude Code on the simulator; each run is bounded in time.
/// </summary>
[Collection(RunnerCollection.Name)]
public sealed class HostileDeliverableTests
{
    [Fact]
    public async System.Threading.Tasks.Task A_CLAUDE_md_linked_to_a_credentials_file_is_not_read_kept_or_reported()
    {
        using var fixture = new RunnerFixture(delayScale: 0.05);
        var canary = "canary" + Guid.NewGuid().ToString("N")[..12];
        var secret = Path.Combine(fixture.Root, "credentials");
        File.WriteAllText(secret, $"# CLAUDE.md\n\naws_secret_access_key = `wJalrXUtnFEMI/{canary}/bPxRfiCY`\nRun `src/{canary}.sh`.\n");
        HostileBehaviors.Add(fixture.Simulator, "sim/linker:latest", $"ln -s '{secret}' CLAUDE.md; echo linked", forever: false);
        using var session = new PowerShellSession();
        var report = Path.Combine(fixture.Root, "report.md");

        var result = await TimeBound.Within(TimeSpan.FromMinutes(2), "the run", () => session.Run(
            $"$runs = Measure-ModelRun -Model sim/linker:latest -Task Init -Path $args[3] {fixture.Common} -Timeout 60; $runs | Export-ModelRunReport -Path $args[4] | Out-Null; $runs",
            fixture.Args(fixture.Repository, report)));

        Assert.Empty(result.Errors);
        var run = (ModelRun)result.Output.Single().BaseObject;
        Assert.False(run.DeliverableExists);
        Assert.Equal("", run.HallucinationList);
        Assert.DoesNotContain(canary, run.Evidence, StringComparison.Ordinal);
        Assert.True(File.Exists(report));
        Assert.DoesNotContain(Directory.GetFiles(fixture.Output, "*", SearchOption.AllDirectories).Append(report),
            file => File.ReadAllText(file).Contains(canary, StringComparison.Ordinal));
    }

    [Fact]
    public async System.Threading.Tasks.Task A_CLAUDE_md_that_is_a_FIFO_does_not_hold_the_run()
    {
        using var fixture = new RunnerFixture(delayScale: 0.05);
        HostileBehaviors.Add(fixture.Simulator, "sim/fifo-maker:latest", "mkfifo CLAUDE.md; echo made", forever: false);
        using var session = new PowerShellSession();

        var running = System.Threading.Tasks.Task.Run(() => session.Run(
            $"Measure-ModelRun -Model sim/fifo-maker:latest -Task Init -Path $args[3] {fixture.Common} -Timeout 60", fixture.Args(fixture.Repository)));
        var finished = await System.Threading.Tasks.Task.WhenAny(running, System.Threading.Tasks.Task.Delay(TimeSpan.FromMinutes(2))) == running;
        // Held on the FIFO: a writer's open and close lets the reader go, so the run ends and the test fails cleanly.
        if (!finished) ReleaseReadersOf("CLAUDE.md");
        var result = await running;

        Assert.True(finished, "the run with a FIFO for CLAUDE.md did not end within 2 minutes");
        Assert.Empty(result.Errors);
        var run = (ModelRun)result.Output.Single().BaseObject;
        Assert.Contains("Bash", run.ToolSequence);
        Assert.Empty(fixture.ProcessesOfThisFixture());
    }

    /// <summary>Opens each FIFO of that name in a run's working copy for writing (a reader is blocked on it) and closes it.</summary>
    private static void ReleaseReadersOf(string name)
    {
        foreach (var copy in Directory.GetDirectories(Path.GetTempPath(), "localmodels-*fifo-maker*"))
            foreach (var fifo in Directory.GetFiles(copy, name, SearchOption.AllDirectories))
                using (new FileStream(fifo, FileMode.Open, FileAccess.Write)) { }
    }
}
