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
        if (string.IsNullOrEmpty(folder)) return true;
        var listing = _listings.GetOrAdd(folder, List);
        if (listing is null) return true;
        var name = Path.GetFileName(path);
        return (isDirectory ? listing.Folders : listing.Files).Contains(name);
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
    }
}
