using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using LocalModels.Classification;
using LocalModels.Errors;
using LocalModels.Platform;

namespace LocalModels.Measurement;

/// <summary>
/// Stops a run whose commands fill the disk. The run's scratch folder (its copy of the repository and its TMPDIR)
/// may grow by at most <c>-MaxDiskUse</c>, and no disk the run writes to (the scratch folder's, the output folder's,
/// HOME's) may fall below a floor of free space. Free space is read at every check (one statfs per disk); the scratch
/// folder is walked only once the disk has lost as much as the run could still add, so a run that writes little costs
/// nothing. What counts as the run's is the smaller of what its folder gained and what its disk lost: another
/// process's writes elsewhere on the disk, sparse files and hard links do not count against it. Space another process
/// frees while the run writes can hide some of the run's writes from the budget; the floor still holds then.
/// </summary>
internal sealed class DiskGuard
{
    /// <summary>The free space a run must leave on every disk it writes to.</summary>
    public const long DefaultMinimumFree = 1L << 30;

    /// <summary>What a run may add to its scratch folder unless -MaxDiskUse says otherwise.</summary>
    public const long DefaultMaxGrowth = 10L << 30;

    private static readonly TimeSpan MinimumWalkInterval = TimeSpan.FromSeconds(1);

    private readonly string _scratch;
    private readonly IReadOnlyList<string> _disks;
    private readonly long _maxGrowth;
    private readonly long _minimumFree;
    private readonly Func<string, long?> _free;
    private readonly Func<string, FolderUsage?> _usage;
    private readonly Func<DateTime> _now;
    private readonly long _freeAtStart;
    private readonly long _bytesAtStart;
    private long _freeAtLastWalk;
    private long _grownAtLastWalk;
    private DateTime _nextWalk;

    /// <param name="scratch">The run's scratch folder, already holding its copy.</param>
    /// <param name="disks">More paths whose disks must keep the floor (the output folder, HOME).</param>
    /// <param name="maxGrowth">The most the scratch folder may gain, in bytes.</param>
    /// <param name="minimumFree">The free bytes every disk must keep.</param>
    /// <param name="free">Reads a disk's free bytes by path (null = unknown).</param>
    /// <param name="usage">Walks a folder (null = could not).</param>
    /// <param name="now">The clock that spaces walks.</param>
    internal DiskGuard(string scratch, IEnumerable<string> disks, long maxGrowth, long minimumFree,
        Func<string, long?> free, Func<string, FolderUsage?> usage, Func<DateTime> now)
    {
        _scratch = scratch;
        _disks = new[] { scratch }.Concat(disks).Where(path => path.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        _maxGrowth = maxGrowth;
        _minimumFree = minimumFree;
        _free = free;
        _usage = usage;
        _now = now;
        _freeAtStart = _freeAtLastWalk = free(scratch) ?? long.MaxValue;
        _bytesAtStart = usage(scratch)?.Bytes ?? 0;
    }

    /// <summary>A guard on the real disks.</summary>
    public static DiskGuard Start(string scratch, IEnumerable<string> disks, long maxGrowth, long minimumFree = DefaultMinimumFree) =>
        new(scratch, disks, maxGrowth, minimumFree, DiskSpace.Free, FolderUsage.Of, () => DateTime.UtcNow);

    /// <summary>Folders on the disks a run writes to besides its copy: the temp folder, the results folder, the home folder.</summary>
    public static IReadOnlyList<string> DisksOf(string output) =>
        new[] { Path.GetTempPath(), output, Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) };

    /// <summary>The disk among <paramref name="paths"/> already under the floor, with its free bytes; null when none is.</summary>
    public static (string Path, long Free)? UnderFloor(IEnumerable<string> paths, long minimumFree = DefaultMinimumFree) =>
        paths.Select(path => (Path: path, Free: DiskSpace.Free(path))).Where(disk => disk.Free < minimumFree)
            .Select(disk => ((string, long)?)(disk.Path, disk.Free!.Value)).FirstOrDefault();

    /// <summary>
    /// Throws DiskSpaceLow when a disk a run would write to (the temp folder's, <paramref name="output"/>'s, the
    /// home folder's) is already under the floor: such a run would be stopped at once, and not for anything it did.
    /// Checked before the first run and before each one after it.
    /// </summary>
    public static void EnsureRoom(string output)
    {
        if (UnderFloor(DisksOf(output)) is not { } full) return;
        throw new LocalModelsException("DiskSpaceLow", ErrorKind.ResourceUnavailable,
            $"The disk holding '{full.Path}' has {DiskSpace.Say(full.Free)} free; Measure-ModelRun stops a run when a disk it writes to (temp folder, output folder, home) falls under {DiskSpace.Say(DefaultMinimumFree)}. Free some space, or point TMPDIR or -OutputDirectory at another disk; runs measured so far are kept.",
            full.Path);
    }

    /// <summary>Null while the run may go on; otherwise the DiskLimit signal that stops it.</summary>
    public FailureSignal? Check()
    {
        foreach (var disk in _disks)
        {
            if (_free(disk) is { } left && left < _minimumFree)
            {
                var grown = Walk();
                return Signal(grown,
                    $"the disk holding {Name(disk)} was down to {DiskSpace.Say(left)} free, under the {DiskSpace.Say(_minimumFree)} a run must leave; " +
                    $"the run's copy and temp folder had grown by {DiskSpace.Say(grown?.Bytes ?? 0)}");
            }
        }
        if (_free(_scratch) is not { } free) return null;
        // The folder cannot have gained more than the disk lost since it was last walked.
        if (_grownAtLastWalk + (_freeAtLastWalk - free) <= _maxGrowth || _now() < _nextWalk) return null;
        var usage = Walk();
        if (usage is null) return null;
        _freeAtLastWalk = free;
        _grownAtLastWalk = usage.Value.Bytes;
        if (usage.Value.Bytes <= _maxGrowth) return null;
        return Signal(usage,
            $"the run's commands wrote {DiskSpace.Say(usage.Value.Bytes)} into its copy and temp folder, over the {DiskSpace.Say(_maxGrowth)} a run may add (-MaxDiskUse)");
    }

    /// <summary>Walks the scratch folder: what it gained (no more than the disk lost) and its largest file.</summary>
    private FolderUsage? Walk()
    {
        var clock = Stopwatch.StartNew();
        var usage = _usage(_scratch);
        // A folder of a million files takes a while to walk: walks stay a small share of the run's time.
        var pause = TimeSpan.FromTicks(clock.Elapsed.Ticks * 10);
        _nextWalk = _now() + (pause > MinimumWalkInterval ? pause : MinimumWalkInterval);
        if (usage is not { } found) return null;
        var lost = _freeAtStart == long.MaxValue || _free(_scratch) is not { } free ? long.MaxValue : _freeAtStart - free;
        return found with { Bytes = Math.Max(0, Math.Min(found.Bytes - _bytesAtStart, lost)) };
    }

    private FailureSignal Signal(FolderUsage? usage, string evidence)
    {
        var largest = usage is { Largest: { } path } found && found.LargestBytes > 0 ? Path.GetRelativePath(_scratch, path) : null;
        if (largest is not null) evidence += $"; largest file {Printable(largest)} ({DiskSpace.Say(usage!.Value.LargestBytes)})";
        return new FailureSignal(FailureMode.DiskLimit, evidence)
        {
            Facts = new SignalFacts
            {
                Names = largest is null ? Array.Empty<string>() : new[] { largest },
                Count = (int)Math.Min(int.MaxValue, (usage?.Bytes ?? 0) >> 20),
                Of = (int)Math.Min(int.MaxValue, _maxGrowth >> 20),
            },
        };
    }

    private string Name(string disk) => disk == _scratch ? "the run's copy" : disk;

    /// <summary>A file name a model chose, fit for a terminal: control characters become '?'.</summary>
    private static string Printable(string name) => new(name.Select(c => char.IsControl(c) ? '?' : c).ToArray());
}
