using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.IO.Enumeration;

namespace LocalModels.Platform;

/// <summary>
/// What the folders of one import hold, each listed once, for the lookups made beside every trace (its sidecar, its
/// subagents folder). A ~/.claude/projects folder of thousands of sessions has almost none of those: a look at a
/// listing answers "not there" without the path lookups each would cost (three or four system calls per session).
/// A listing only rules things out; what it shows is looked at again before it is read (see
/// <see cref="ContentFile.ExistsUnlinked"/>), so a folder changed since it was listed reads as it is now, or as absent.
/// </summary>
internal sealed class FolderContents
{
    private readonly ConcurrentDictionary<string, Listing?> _listings = new(StringComparer.Ordinal);

    /// <summary>
    /// False when the listing of <paramref name="path"/>'s folder shows no file (or, with <paramref name="isDirectory"/>,
    /// no folder) of that name that is not a link; true when it shows one, or the folder could not be listed.
    /// </summary>
    public bool MightHold(string path, bool isDirectory)
    {
        var folder = Path.GetDirectoryName(path);
        return folder is null || MightHold(folder, Path.GetFileName(path), isDirectory);
    }

    /// <summary>The same for <paramref name="name"/> in <paramref name="folder"/>, for a caller that has both at hand.</summary>
    public bool MightHold(string folder, string name, bool isDirectory)
    {
        // A bare name (no folder given) is left to a lookup.
        if (folder.Length == 0) return true;
        var listing = _listings.GetOrAdd(folder, List);
        return listing is null || (isDirectory ? listing.Folders : listing.Files).Contains(name);
    }

    /// <summary>
    /// False when the listing of <paramref name="folder"/> shows no file whose name ends with <paramref name="suffix"/>
    /// (ignoring case); true when it shows one, or the folder could not be listed. A folder of thousands of sessions
    /// is asked this once per session: the answer is kept with the listing.
    /// </summary>
    public bool MightHoldFileEndingWith(string folder, string suffix)
    {
        if (folder.Length == 0) return true;
        return _listings.GetOrAdd(folder, List) is not { } listing || listing.AnyFileEndsWith(suffix);
    }

    /// <summary>
    /// The names of the files a listing of <paramref name="folder"/> showed, links left out; null when it has not been
    /// listed (this lists nothing). A folder a walk saw whole (<see cref="RecordWalk"/>) needs no listing of its own.
    /// </summary>
    public IReadOnlyCollection<string>? ListedFiles(string folder) =>
        _listings.TryGetValue(folder, out var listing) && listing is not null ? listing.Files : null;

    /// <summary>
    /// Records what each folder of a walk holds as the walk lists it, so the import lists none of them again: give it
    /// every entry a FileSystemEnumerable that skips links shows, then <see cref="WalkRecorder.Finish"/> once the walk has
    /// ended. A walk stopped early records nothing; a folder it could not list, or found empty, is listed when asked.
    /// </summary>
    public WalkRecorder RecordWalk() => new(this);

    /// <summary>See <see cref="RecordWalk"/>. One walk, one thread.</summary>
    internal sealed class WalkRecorder
    {
        private readonly FolderContents _contents;
        private readonly Dictionary<string, Listing> _seen = new(StringComparer.Ordinal);
        private string? _folder;
        private Listing? _listing;

        public WalkRecorder(FolderContents contents) => _contents = contents;

        /// <summary>Notes one entry; a walk lists a folder's entries together, so a new folder starts a new listing.</summary>
        public void Record(ref FileSystemEntry entry)
        {
            if (_listing is null || !entry.Directory.SequenceEqual(_folder))
            {
                _folder = entry.Directory.ToString();
                if (!_seen.TryGetValue(_folder, out _listing)) _seen.Add(_folder, _listing = new Listing());
            }
            (entry.IsDirectory ? _listing.Folders : _listing.Files).Add(entry.FileName.ToString());
        }

        /// <summary>Hands the listings over; a folder already listed keeps its first listing.</summary>
        public void Finish()
        {
            foreach (var (folder, listing) in _seen) _contents._listings.TryAdd(folder, listing);
            _seen.Clear();
        }
    }

    /// <summary>The folder's files and subfolders that are not links, or null when it cannot be listed.</summary>
    private static Listing? List(string folder)
    {
        var listing = new Listing();
        try
        {
            var entries = new FileSystemEnumerable<(string Name, bool IsDirectory)>(folder, (ref FileSystemEntry entry) => (entry.FileName.ToString(), entry.IsDirectory), Options);
            foreach (var (name, isDirectory) in entries)
                (isDirectory ? listing.Folders : listing.Files).Add(name);
            return listing;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static readonly EnumerationOptions Options = new()
    {
        AttributesToSkip = FileAttributes.ReparsePoint,
        IgnoreInaccessible = false,
        RecurseSubdirectories = false,
    };

    /// <summary>
    /// Names compared ignoring case, as macOS and Windows folders compare them: a name listed in another case is looked
    /// up, never ruled out.
    /// </summary>
    private sealed class Listing
    {
        public HashSet<string> Files { get; } = new(StringComparer.OrdinalIgnoreCase);
        public HashSet<string> Folders { get; } = new(StringComparer.OrdinalIgnoreCase);

        /// <summary>The last suffix asked about and its answer, replaced whole (readers on every thread share a listing).</summary>
        private SuffixAnswer? _lastSuffix;

        public bool AnyFileEndsWith(string suffix)
        {
            if (_lastSuffix is { } known && known.Suffix == suffix) return known.Any;
            var any = false;
            foreach (var file in Files)
                if (file.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
                {
                    any = true;
                    break;
                }
            _lastSuffix = new SuffixAnswer(suffix, any);
            return any;
        }

        private sealed record SuffixAnswer(string Suffix, bool Any);
    }
}
