using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using LocalModels.Classification;
using LocalModels.Tests.Hosting;
using LocalModels.Tests.Runner;
using Xunit;

namespace LocalModels.Tests.Hostile;

/// <summary>
/// A model whose command fills the disk, with the real Claude Code: the run stops as DiskLimit once its copy and temp
/// folder gained more than -MaxDiskUse, or a disk it writes to fell under the floor (a small tmpfs stands in for a
/// nearly full disk; Linux, as root), and the space comes back. Each command stops itself (640 MB at most), so on
/// code without the guard a test fails with that much written for a few seconds, never with a full disk.
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
    public void A_command_filling_the_output_folders_disk_is_stopped_at_the_floor_and_no_run_starts_after_it()
    {
        // The output folder on a disk of 1.2 GB, and a command that writes into the run's config folder there: the
        // copy's budget never sees it, the 1 GB floor does. The command stops itself at 320 MB. What it wrote stays
        // in the output folder, so the sweep's second run would start under the floor: the command stops instead.
        using var fixture = new RunnerFixture(delayScale: 0.05);
        using var disk = SmallDisk.Mount(fixture.Output, megabytes: 1200);
        HostileBehaviors.Add(fixture.Simulator, "sim/disk-filler:latest",
            "for i in $(seq 1 40); do head -c 8M /dev/zero >> \"$CLAUDE_CONFIG_DIR/fill.bin\"; sleep 0.05; done; echo filled", forever: false);
        using var session = new PowerShellSession();

        var result = session.Run($"Measure-ModelRun -Model sim/disk-filler:latest -Task Prompt -Prompt 'go' -Path $args[3] {fixture.Common} -Timeout 40 -Repeat 2",
            fixture.Args(fixture.Repository));

        var run = (ModelRun)Assert.Single(result.Output).BaseObject;
        Assert.Equal(FailureMode.DiskLimit, run.FailureMode);
        Assert.Contains(fixture.Output, run.Evidence, StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.Simulator.Server.Requests, r => r.Body.Contains("filled", StringComparison.Ordinal));
        Assert.Equal("DiskSpaceLow,LocalModels.Commands.MeasureModelRunCommand", result.FirstErrorId);
        Assert.Single(fixture.ResultLines());
        Assert.Empty(fixture.ProcessesOfThisFixture());
    }

    [Fact]
    public void A_disk_already_under_the_floor_stops_the_command_before_any_run()
    {
        using var fixture = new RunnerFixture(delayScale: 0.05);
        using var disk = SmallDisk.Mount(fixture.Output, megabytes: 64);
        using var session = new PowerShellSession();

        var result = session.Run($"Measure-ModelRun -Model sim/explorer:latest -Path $args[3] {fixture.Common}", fixture.Args(fixture.Repository));

        Assert.Equal("DiskSpaceLow,LocalModels.Commands.MeasureModelRunCommand", result.FirstErrorId);
        Assert.Equal(ErrorCategory.ResourceUnavailable, result.Errors[0].CategoryInfo.Category);
        Assert.Contains(fixture.Output, result.Errors[0].Exception.Message, StringComparison.Ordinal);
        Assert.Empty(result.Output);
        Assert.DoesNotContain(fixture.Simulator.Server.Requests, r => r.Path.StartsWith("/v1/", StringComparison.Ordinal));
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

/// <summary>A small disk of its own (a tmpfs, Linux as root) at a folder, unmounted on Dispose.</summary>
internal sealed class SmallDisk : IDisposable
{
    private readonly string _path;

    private const string Why = "these tests need Linux and root to give a run a small disk.";

    private SmallDisk(string path) => _path = path;

    public static SmallDisk Mount(string path, int megabytes)
    {
        Directory.CreateDirectory(path);
        RootCommand.Run(Why, "mount", "-t", "tmpfs", "-o", $"size={megabytes}m", "tmpfs", path);
        return new SmallDisk(path);
    }

    public void Dispose() => RootCommand.Run(Why, "umount", "-l", _path);
}
