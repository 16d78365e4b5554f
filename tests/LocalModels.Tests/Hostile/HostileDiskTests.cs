using System;
using System.IO;
using System.Linq;
using LocalModels.Classification;
using LocalModels.Tests.Hosting;
using LocalModels.Tests.Runner;
using Xunit;

namespace LocalModels.Tests.Hostile;

/// <summary>
/// A model whose command fills the disk, with the real Claude Code: the run stops as DiskLimit once its copy and temp
/// folder gained more than -MaxDiskUse, and the space comes back. The command stops itself at 640 MB, so on code
/// without the guard the test fails with that much written for a few seconds, never with a full disk.
/// </summary>
[Collection(RunnerCollection.Name)]
public sealed class HostileDiskTests
{
    private const long Mb = 1L << 20;

    [Theory]
    [InlineData("fill.bin")]
    [InlineData("$TMPDIR/fill.bin")]
    public void A_command_that_keeps_writing_is_stopped_past_MaxDiskUse_and_its_files_are_deleted(string target)
    {
        using var fixture = new RunnerFixture(delayScale: 0.05);
        var marker = HostileBehaviors.UniqueSleep(4848);
        HostileBehaviors.Add(fixture.Simulator, "sim/disk-filler:latest",
            $"for i in $(seq 1 80); do head -c 8M /dev/zero >> {target}; sleep 0.05; done; sleep {marker}; echo filled", forever: false);
        try
        {
            using var session = new PowerShellSession();
            var result = session.Run($"Measure-ModelRun -Model sim/disk-filler:latest -Task Prompt -Prompt 'go' -Path $args[3] {fixture.Common} -Timeout 40 -MaxDiskUse 64MB",
                fixture.Args(fixture.Repository));

            Assert.Empty(result.Errors);
            var run = (ModelRun)result.Output.Single().BaseObject;
            Assert.Equal(FailureMode.DiskLimit, run.FailureMode);
            Assert.Equal(RunOutcome.Stopped, run.Outcome);
            Assert.False(run.TimedOut);
            Assert.Contains("Bash", run.ToolSequence);
            // Stopped while writing: the command never reached its end.
            Assert.DoesNotContain(fixture.Simulator.Server.Requests, r => r.Body.Contains("filled", StringComparison.Ordinal));
            Assert.Empty(HostileBehaviors.ProcessesRunning("sleep " + marker));
            Assert.Empty(fixture.ProcessesOfThisFixture());
            // The copy and its temp folder are gone, and with them what the command wrote.
            Assert.Empty(Directory.GetDirectories(Path.GetTempPath(), "localmodels-" + run.RunId + "*"));
            Assert.Empty(Directory.GetFiles(fixture.Root, "fill.bin", SearchOption.AllDirectories));
            Assert.Empty(Directory.GetFiles(fixture.Output, "fill.bin", SearchOption.AllDirectories));
        }
        finally
        {
            HostileBehaviors.KillAll(HostileBehaviors.ProcessesRunning("sleep " + marker));
        }
    }

    [Fact]
    public void The_stop_is_recorded_so_an_import_of_the_output_folder_gives_the_same_verdict()
    {
        using var fixture = new RunnerFixture(delayScale: 0.05);
        HostileBehaviors.Add(fixture.Simulator, "sim/disk-filler:latest",
            "for i in $(seq 1 80); do head -c 8M /dev/zero >> fill.bin; sleep 0.05; done; echo filled", forever: false);
        using var session = new PowerShellSession();
        var measured = (ModelRun)session.Run($"Measure-ModelRun -Model sim/disk-filler:latest -Task Prompt -Prompt 'go' -Path $args[3] {fixture.Common} -Timeout 40 -MaxDiskUse 64MB",
            fixture.Args(fixture.Repository)).Output.Single().BaseObject;

        var imported = (ModelRun)session.Run("Import-ModelRun -LiteralPath $args[0]", fixture.Output).Output.Single().BaseObject;

        Assert.Equal(FailureMode.DiskLimit, measured.FailureMode);
        Assert.Equal(measured.FailureMode, imported.FailureMode);
        Assert.Equal(measured.Outcome, imported.Outcome);
        Assert.Equal(measured.Evidence, imported.Evidence);
    }
}
