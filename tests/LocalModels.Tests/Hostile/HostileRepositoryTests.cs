using System;
using System.Collections.Generic;
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
    public async System.Threading.Tasks.Task A_repository_with_device_dangling_looping_and_absolute_links_and_a_fifo_is_measured_without_following_them()
    {
        using var fixture = new RunnerFixture(delayScale: 0.05);
        var repo = fixture.Repository;
        File.CreateSymbolicLink(Path.Combine(repo, "zero"), "/dev/zero");
        File.CreateSymbolicLink(Path.Combine(repo, "dangling"), "does-not-exist");
        Directory.CreateSymbolicLink(Path.Combine(repo, "up"), "..");
        File.CreateSymbolicLink(Path.Combine(repo, "readme-link"), "README.md");
        File.CreateSymbolicLink(Path.Combine(repo, "absolute-inside"), Path.Combine(repo, "README.md"));
        using (var mkfifo = Process.Start("mkfifo", Path.Combine(repo, "pipe"))) mkfifo!.WaitForExit();
        // Run in a process of its own, watched: should links ever be followed again, the guard kills it long before
        // /dev/zero fills the disk, and the test fails instead of the machine.
        var script = Path.Combine(fixture.Root, "measure.ps1");
        File.WriteAllText(script, "param($manifest, $ollama, $claude, $out, $repo)\nImport-Module $manifest\n" +
            "$run = Measure-ModelRun -Model sim/explorer:latest -Path $repo -OllamaHost $ollama -ClaudePath $claude -OutputDirectory $out -Timeout 60\n" +
            "[Console]::Out.WriteLine(\"RESULT $($run.RunId) $($run.Outcome)\")\n");
        var start = new ProcessStartInfo(HostExecutable.Path) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in HostExecutable.Prefix.Concat(new[] { script, RepositoryPaths.ModuleManifest, fixture.Host, RunnerFixture.Claude, fixture.Output, repo }))
            start.ArgumentList.Add(argument);
        var grewTooMuch = false;
        using var measure = Process.Start(start)!;
        var output = measure.StandardOutput.ReadToEndAsync();
        var error = measure.StandardError.ReadToEndAsync();
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (!measure.HasExited && DateTime.UtcNow < deadline)
        {
            if (CopiesOf(fixture).Sum(SizeOf) > 300L * 1024 * 1024)
            {
                grewTooMuch = true;
                measure.Kill(entireProcessTree: true);
                measure.WaitForExit();
                foreach (var copy in CopiesOf(fixture)) Directory.Delete(copy, recursive: true);
                break;
            }
            Thread.Sleep(100);
        }
        if (!measure.HasExited) measure.Kill(entireProcessTree: true);
        measure.WaitForExit();

        Assert.False(grewTooMuch, "the copy followed a link out of the repository and grew past 300 MB");

        var printed = await output;
        var errors = await error;
        var result = printed.Split('\n').Single(line => line.StartsWith("RESULT ", StringComparison.Ordinal)).Trim().Split(' ');
        Assert.True(result[2] == nameof(RunOutcome.Success), printed + errors);
        Assert.False(Directory.Exists(Path.Combine(Path.GetTempPath(), "localmodels-" + result[1])));
        Assert.Equal("/dev/zero", new FileInfo(Path.Combine(repo, "zero")).LinkTarget);
        Assert.Empty(fixture.ProcessesOfThisFixture());
    }

    /// <summary>The scratch copies of this fixture's runs (each run's config folder, made first, names it).</summary>
    private static IEnumerable<string> CopiesOf(RunnerFixture fixture) =>
        (Directory.Exists(fixture.Output) ? Directory.GetDirectories(fixture.Output, "*.claude") : Array.Empty<string>())
            .Select(config => Path.Combine(Path.GetTempPath(), "localmodels-" + Path.GetFileName(config)[..^".claude".Length]))
            .Where(Directory.Exists);

    /// <summary>Bytes in a folder, links not followed.</summary>
    private static long SizeOf(string directory)
    {
        try
        {
            return new DirectoryInfo(directory).EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = true })
                .Sum(file => file.Length);
        }
        catch (IOException)
        {
            return 0;
        }
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
        using var session = new PowerShellSession();

        var result = session.Run($"Measure-ModelRun -Model sim/explorer:latest -Path $args[3] {fixture.Common} -MaxRepositorySize 1MB", fixture.Args(fixture.Repository));

        Assert.Equal("RepositoryTooLarge,LocalModels.Commands.MeasureModelRunCommand", result.FirstErrorId);
        Assert.Equal(System.Management.Automation.ErrorCategory.LimitsExceeded, result.Errors[0].CategoryInfo.Category);
        // The run's config folder is made before the copy starts: it names the run whose copy must be gone.
        var runId = Path.GetFileName(Directory.GetDirectories(fixture.Output, "*.claude").Single())[..^".claude".Length];
        Assert.False(Directory.Exists(Path.Combine(Path.GetTempPath(), "localmodels-" + runId)), "a partial copy was left behind");
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
