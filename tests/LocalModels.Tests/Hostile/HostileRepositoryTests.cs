using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using LocalModels.Classification;
using LocalModels.Measurement;
using LocalModels.Tests.Hosting;
using LocalModels.Tests.Runner;
using Xunit;

namespace LocalModels.Tests.Hostile;

/// <summary>Repositories and trace folders full of links: nothing is followed out, nothing is read twice, nothing grows the disk.</summary>
[Collection(RunnerCollection.Name)]
public sealed class HostileRepositoryTests
{
    [Fact]
    public void A_repository_with_device_dangling_looping_and_absolute_links_and_a_fifo_is_measured_without_following_them()
    {
        using var fixture = new RunnerFixture(delayScale: 0.05);
        var repo = fixture.Repository;
        File.CreateSymbolicLink(Path.Combine(repo, "zero"), "/dev/zero");
        File.CreateSymbolicLink(Path.Combine(repo, "dangling"), "does-not-exist");
        Directory.CreateSymbolicLink(Path.Combine(repo, "up"), "..");
        File.CreateSymbolicLink(Path.Combine(repo, "readme-link"), "README.md");
        File.CreateSymbolicLink(Path.Combine(repo, "absolute-inside"), Path.Combine(repo, "README.md"));
        using (var mkfifo = Process.Start("mkfifo", Path.Combine(repo, "pipe"))) mkfifo!.WaitForExit();
        var freeBefore = new DriveInfo(Path.GetTempPath()).AvailableFreeSpace;
        using var session = new PowerShellSession();

        var result = session.Run($"Measure-ModelRun -Model sim/explorer:latest -Path $args[3] {fixture.Common} -Timeout 60", fixture.Args(fixture.Repository));

        Assert.Empty(result.Errors);
        var run = (ModelRun)result.Output.Single().BaseObject;
        Assert.Equal(RunOutcome.Success, run.Outcome);
        Assert.InRange(freeBefore - new DriveInfo(Path.GetTempPath()).AvailableFreeSpace, long.MinValue, 200L * 1024 * 1024);
        Assert.False(Directory.Exists(Path.Combine(Path.GetTempPath(), "localmodels-" + run.RunId)));
        Assert.Equal("/dev/zero", new FileInfo(Path.Combine(repo, "zero")).LinkTarget);
    }

    [Fact]
    public void The_copy_keeps_inside_links_as_relative_links_and_leaves_out_links_that_leave_the_repository()
    {
        var root = Directory.CreateTempSubdirectory("lm-links-").FullName;
        RepositoryCopy? copy = null;
        try
        {
            var repo = Path.Combine(root, "repo");
            Directory.CreateDirectory(Path.Combine(repo, "src"));
            File.WriteAllText(Path.Combine(repo, "src", "a.txt"), "a");
            File.CreateSymbolicLink(Path.Combine(repo, "zero"), "/dev/zero");
            File.CreateSymbolicLink(Path.Combine(repo, "dangling"), "nowhere");
            Directory.CreateSymbolicLink(Path.Combine(repo, "up"), "..");
            Directory.CreateSymbolicLink(Path.Combine(repo, "src-link"), "src");
            File.CreateSymbolicLink(Path.Combine(repo, "absolute"), Path.Combine(repo, "src", "a.txt"));

            copy = RepositoryCopy.Create(repo, "test-" + Guid.NewGuid().ToString("N")[..6], 1024 * 1024, TimeSpan.FromSeconds(30), CancellationToken.None);

            var copied = copy.Repository;
            Assert.False(File.Exists(Path.Combine(copied, "zero")) || new FileInfo(Path.Combine(copied, "zero")).LinkTarget is not null);
            Assert.Null(new DirectoryInfo(Path.Combine(copied, "up")).LinkTarget);
            Assert.Equal("nowhere", new FileInfo(Path.Combine(copied, "dangling")).LinkTarget);
            Assert.Equal("src", new DirectoryInfo(Path.Combine(copied, "src-link")).LinkTarget);
            // An absolute link into the repository points into the copy, never back at the original.
            Assert.Equal(Path.Combine("src", "a.txt"), new FileInfo(Path.Combine(copied, "absolute")).LinkTarget);
            Assert.Equal("a", File.ReadAllText(Path.Combine(copied, "absolute")));
        }
        finally
        {
            copy?.Dispose();
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void A_repository_over_the_size_limit_stops_with_RepositoryTooLarge_and_leaves_no_partial_copy()
    {
        using var fixture = new RunnerFixture();
        File.WriteAllBytes(Path.Combine(fixture.Repository, "big.bin"), new byte[2 * 1024 * 1024]);
        var before = Directory.GetDirectories(Path.GetTempPath(), "localmodels-*-sim_explorer*").Length;
        using var session = new PowerShellSession();

        var result = session.Run($"Measure-ModelRun -Model sim/explorer:latest -Path $args[3] {fixture.Common} -MaxRepositorySize 1MB", fixture.Args(fixture.Repository));

        Assert.Equal("RepositoryTooLarge,LocalModels.Commands.MeasureModelRunCommand", result.FirstErrorId);
        Assert.Equal(System.Management.Automation.ErrorCategory.LimitsExceeded, result.Errors[0].CategoryInfo.Category);
        Assert.Equal(before, Directory.GetDirectories(Path.GetTempPath(), "localmodels-*-sim_explorer*").Length);
        Assert.DoesNotContain(fixture.Simulator.Server.Requests, r => r.Path.StartsWith("/v1/", StringComparison.Ordinal));
    }

    [Fact]
    public void Import_ModelRun_reads_each_trace_once_in_a_folder_with_links_back_up()
    {
        using var fixture = new RunnerFixture(delayScale: 0.02);
        using var session = new PowerShellSession();
        var measured = session.Run($"Measure-ModelRun -Model sim/explorer:latest -Path $args[3] {fixture.Common} -Repeat 2", fixture.Args(fixture.Repository));
        Assert.Empty(measured.Errors);
        Directory.CreateSymbolicLink(Path.Combine(fixture.Output, "up.jsonl"), "..");
        Directory.CreateSymbolicLink(Path.Combine(fixture.Output, "self"), ".");

        var imported = session.Run("Import-ModelRun -Path $args[0]", fixture.Output);

        Assert.Empty(imported.Errors);
        Assert.Equal(2, imported.Output.Count);
        Assert.Equal(2, imported.Output.Select(o => ((ModelRun)o.BaseObject).RunId).Distinct().Count());
    }
}
