using System;
using System.Collections.Generic;
using System.IO;
using LocalModels.Classification;
using LocalModels.Measurement;
using LocalModels.Platform;
using Xunit;

namespace LocalModels.Tests.Runner;

/// <summary>
/// The disk guard's rules on a scripted disk: the run's budget counts what its folder gained, never more than its disk
/// lost; the folder is walked only when the disk lost enough; any disk under the floor stops the run.
/// </summary>
public sealed class DiskGuardTests
{
    private const long Mb = 1L << 20;
    private const string Scratch = "/scratch";
    private const string Output = "/output";

    private readonly Dictionary<string, long> _free = new() { [Scratch] = 50_000 * Mb, [Output] = 50_000 * Mb };
    private long _folderBytes = 300 * Mb;
    private string _largest = Scratch + "/repo/src/big.c";
    private int _walks;
    private DateTime _now = new(2026, 12, 2, 12, 0, 0, DateTimeKind.Utc);

    private DiskGuard Guard(long maxGrowth = 1000 * Mb, long minimumFree = 1024 * Mb) =>
        new(Scratch, new[] { Output }, maxGrowth, minimumFree, path => _free.TryGetValue(path, out var free) ? free : null,
            _ => { _walks++; return new FolderUsage(_folderBytes, _largest, 10 * Mb); }, () => _now);

    private void RunWrites(long bytes, string? into = Scratch)
    {
        if (into == Scratch) _folderBytes += bytes;
        _free[Scratch] -= bytes;
        if (into == Output) _free[Output] -= bytes;
        _now += TimeSpan.FromSeconds(2);
    }

    [Fact]
    public void A_run_that_writes_little_is_never_walked_after_the_start()
    {
        var guard = Guard();
        Assert.Equal(1, _walks);
        for (var i = 0; i < 20; i++)
        {
            RunWrites(40 * Mb);
            Assert.Null(guard.Check());
        }
        Assert.Equal(1, _walks);
    }

    [Fact]
    public void Writes_past_the_budget_stop_the_run_naming_the_largest_file()
    {
        var guard = Guard();
        _largest = Scratch + "/repo/fill.bin";
        RunWrites(900 * Mb);
        Assert.Null(guard.Check());
        RunWrites(200 * Mb);

        var signal = guard.Check();

        Assert.NotNull(signal);
        Assert.Equal(FailureMode.DiskLimit, signal!.Mode);
        Assert.Equal(new[] { Path.Combine("repo", "fill.bin") }, signal.Facts.Names);
        Assert.Equal(1100, signal.Facts.Count);
        Assert.Equal(1000, signal.Facts.Of);
    }

    [Fact]
    public void Another_process_filling_the_same_disk_does_not_count_against_the_run()
    {
        var guard = Guard();
        RunWrites(5000 * Mb, into: null);
        Assert.Null(guard.Check());
        Assert.Null(guard.Check());
        // The walk found the folder unchanged, so the next walk waits for another budget's worth of lost space.
        var walks = _walks;
        RunWrites(500 * Mb, into: null);
        Assert.Null(guard.Check());
        Assert.Equal(walks, _walks);
    }

    [Fact]
    public void A_sparse_or_hard_linked_file_that_takes_no_space_does_not_count()
    {
        var guard = Guard();
        _folderBytes += 100_000 * Mb;
        RunWrites(1200 * Mb, into: null);
        _now += TimeSpan.FromSeconds(5);

        var signal = guard.Check();

        // The folder claims 100 GB more, the disk lost 1.2 GB: the run used 1.2 GB, over its 1 GB.
        Assert.Equal(FailureMode.DiskLimit, signal?.Mode);
        Assert.Equal(1200, signal!.Facts.Count);
    }

    [Fact]
    public void Walks_are_spaced_out_while_the_disk_keeps_dropping()
    {
        var guard = Guard(maxGrowth: 1000 * Mb);
        RunWrites(2000 * Mb, into: null);
        Assert.Null(guard.Check());
        var walks = _walks;
        _free[Scratch] -= 2000 * Mb;
        Assert.Null(guard.Check());
        Assert.Equal(walks, _walks);
        _now += TimeSpan.FromSeconds(1.5);
        Assert.Null(guard.Check());
        Assert.Equal(walks + 1, _walks);
    }

    [Theory]
    [InlineData(Scratch)]
    [InlineData(Output)]
    public void A_disk_under_the_floor_stops_the_run_whoever_filled_it(string disk)
    {
        var guard = Guard(minimumFree: 1024 * Mb);
        _free[disk] = 1000 * Mb;

        var signal = guard.Check();

        Assert.Equal(FailureMode.DiskLimit, signal?.Mode);
        Assert.Contains(disk == Scratch ? "the run's copy" : Output, signal!.Evidence);
    }

    [Fact]
    public void A_disk_whose_free_space_cannot_be_read_never_stops_the_run()
    {
        var guard = Guard();
        _free.Clear();
        _folderBytes += 5000 * Mb;
        Assert.Null(guard.Check());
    }

    [Fact]
    public void Folder_usage_counts_regular_files_and_not_what_links_point_at()
    {
        var root = Directory.CreateTempSubdirectory("localmodels-usage-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "a", "b"));
            File.WriteAllBytes(Path.Combine(root, "a", "small"), new byte[1000]);
            File.WriteAllBytes(Path.Combine(root, "a", "b", "large"), new byte[5000]);
            var outside = Directory.CreateTempSubdirectory("localmodels-usage-outside-").FullName;
            File.WriteAllBytes(Path.Combine(outside, "huge"), new byte[100_000]);
            File.CreateSymbolicLink(Path.Combine(root, "to-huge"), Path.Combine(outside, "huge"));
            Directory.CreateSymbolicLink(Path.Combine(root, "to-outside"), outside);

            var usage = FolderUsage.Of(root);

            Assert.Equal(6000, usage?.Bytes);
            Assert.Equal(Path.Combine(root, "a", "b", "large"), usage?.Largest);
            Assert.Equal(5000, usage?.LargestBytes);
            Directory.Delete(outside, true);
        }
        finally
        {
            Directory.Delete(root, true);
        }
    }

    [Fact]
    public void The_check_before_any_run_names_the_first_disk_under_the_floor()
    {
        var temp = Path.GetTempPath();
        var missing = Path.Combine(temp, "localmodels-no-such-" + Guid.NewGuid().ToString("N"));

        Assert.Equal(temp, DiskGuard.UnderFloor(new[] { missing, temp }, minimumFree: long.MaxValue)?.Path);
        Assert.Null(DiskGuard.UnderFloor(new[] { missing, temp }, minimumFree: 1));
    }

    [Fact]
    public void Disk_space_is_read_for_any_existing_path_and_is_unknown_for_a_missing_one()
    {
        Assert.True(DiskSpace.Free(Path.GetTempPath()) > 0);
        Assert.Null(DiskSpace.Free(Path.Combine(Path.GetTempPath(), "localmodels-no-such-" + Guid.NewGuid().ToString("N"))));
        Assert.Equal("640 MB", DiskSpace.Say(640 * Mb));
        Assert.Equal("1.5 GB", DiskSpace.Say(1536 * Mb));
    }
}
