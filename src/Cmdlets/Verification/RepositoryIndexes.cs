using System;
using System.Collections.Concurrent;
using System.IO;
using System.Threading;

namespace LocalModels.Verification;

/// <summary>
/// One import's repository indexes, by folder: the runs of a Measure-ModelRun folder, or the sessions of one
/// repository in ~/.claude/projects, are checked against a single walk of it instead of one each. Indexes are kept up to
/// <see cref="MaxKeptEntries"/> entries in all (a large home folder holds a whole index's worth); past that, a folder is
/// walked for the run that asks and not kept.
/// </summary>
internal sealed class RepositoryIndexes
{
    public const int MaxKeptEntries = 400_000;

    private readonly ConcurrentDictionary<string, Lazy<RepositoryIndex>> _kept = new(StringComparer.Ordinal);
    private int _keptEntries;

    /// <summary>The index of <paramref name="root"/>, walked at most once while there is room to keep it.</summary>
    public RepositoryIndex For(string root)
    {
        var key = Path.GetFullPath(root);
        if (_kept.TryGetValue(key, out var known)) return known.Value;
        if (Volatile.Read(ref _keptEntries) >= MaxKeptEntries) return new RepositoryIndex(key);
        var index = _kept.GetOrAdd(key, folder => new Lazy<RepositoryIndex>(() => Count(new RepositoryIndex(folder)))).Value;
        return index;
    }

    private RepositoryIndex Count(RepositoryIndex index)
    {
        Interlocked.Add(ref _keptEntries, index.Entries.Count);
        return index;
    }
}
