using System;
using System.Threading;

namespace LocalModels.Results;

/// <summary>
/// Keeps one import's memory flat however much it reads. Everything an import allocates for a file (its lines' cut
/// strings, tool calls, the trace itself) is garbage once the file's run is judged, but .NET collects its young
/// generations only when they fill a budget it sizes from the CPU's cache. On a machine with a large cache, pwsh
/// grows by that budget during a long import, and an interactive session keeps the memory afterwards. Collecting the
/// youngest generation once per <see cref="WindowBytes"/> of trace read bounds that growth; each collection finds
/// little alive, so it takes milliseconds (bench/LocalModels.Bench reports the import's peak memory with it). Only
/// generation 0: the little that survives is left to .NET's own generation 1 collections, and a forced generation 1
/// collection cost a whole-process import about 0.1 s of CPU for the same peak. Each collection stops every thread
/// that reads, so the window is a trade: 64 MB cost a whole-process import of the 1 GB benchmark corpus 6 to 9% more
/// wall time than 128 MB, which keeps its peak 10 MB higher (148 MB); 256 MB gained nothing more and cost 30 MB.
/// A window in which .NET collected generation 0 itself is not collected again: with concurrent GC (pwsh's), the
/// generation 0 budget is capped at a few MB on most machines (16 MB on the benchmark's), so .NET collects more often
/// than the window would, and a forced collection on top only doubled the pauses.
/// </summary>
internal sealed class ImportFootprint
{
    /// <summary>About 17 MB of garbage at the ~130 bytes an import allocates per KB of transcript.</summary>
    public const long WindowBytes = 128L * 1024 * 1024;

    private readonly Action _collect;
    private readonly Func<int> _youngCollections;
    private long _readSinceCollection;
    private int _youngCollectionsAtWindowStart;

    /// <param name="collect">Collects generation 0 (a test's stand-in; default: a blocking, forced collection).</param>
    /// <param name="youngCollections">How many generation 0 collections there have been (default: .NET's count).</param>
    public ImportFootprint(Action? collect = null, Func<int>? youngCollections = null)
    {
        _collect = collect ?? (() => GC.Collect(0, GCCollectionMode.Forced, blocking: true));
        _youngCollections = youngCollections ?? (() => GC.CollectionCount(0));
        _youngCollectionsAtWindowStart = _youngCollections();
    }

    /// <summary>
    /// Notes <paramref name="bytes"/> of trace read, from any thread; the call that fills a window collects, unless
    /// .NET collected generation 0 during that window.
    /// </summary>
    public void AfterReading(long bytes)
    {
        var read = Interlocked.Add(ref _readSinceCollection, bytes);
        while (read >= WindowBytes)
        {
            var seen = Interlocked.CompareExchange(ref _readSinceCollection, read - WindowBytes, read);
            if (seen == read)
            {
                var young = _youngCollections();
                if (young == Volatile.Read(ref _youngCollectionsAtWindowStart))
                {
                    _collect();
                    young = _youngCollections();
                }
                Volatile.Write(ref _youngCollectionsAtWindowStart, young);
                return;
            }
            read = seen;
        }
    }
}
