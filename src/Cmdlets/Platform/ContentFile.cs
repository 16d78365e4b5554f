using System;
using System.IO;
using System.Text;

namespace LocalModels.Platform;

/// <summary>
/// Opens files that a repository, a model or a copied folder may have put anywhere under any name. Opening a FIFO
/// blocks until something writes to it, and a device never ends; both report a length of 0, so only a file with
/// content is read. On Linux and macOS a file is opened without blocking and its length taken from the open handle
/// (<see cref="NonBlockingOpen"/>); elsewhere the length is looked up first and only a file with content is opened.
/// An empty file has nothing to read anyway.
/// </summary>
internal static class ContentFile
{
    /// <summary>
    /// A stream over the file's bytes (unbuffered: callers read in blocks), or null when it has nothing to read: it is
    /// empty, a FIFO or a device. A missing file throws FileNotFoundException, as opening it would.
    /// <paramref name="options"/> apply where the file is opened by FileStream (Windows). With <paramref name="followLinks"/>
    /// false, a file that is a link is not read either (null): on Linux and macOS that holds at the moment of opening,
    /// for a file listed a while before.
    /// </summary>
    public static Stream? OpenRead(string path, FileOptions options = FileOptions.None, bool followLinks = true)
    {
        if (!NonBlockingOpen.IsSupported)
        {
            var file = new FileInfo(path);
            if (file.Length == 0 || !followLinks && file.LinkTarget is not null) return null;
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1, options);
        }
        // Opened without blocking, a FIFO or a terminal is told by its handle: it cannot seek. A device reports no length.
        if (NonBlockingOpen.OpenForReading(path, followLinks) is not { } handle) return null;
        long length;
        try
        {
            length = RandomAccess.GetLength(handle);
        }
        catch (Exception ex)
        {
            handle.Dispose();
            if (ex is NotSupportedException) return null;
            throw;
        }
        if (length > 0) return new HandleReadStream(handle, length);
        handle.Dispose();
        return null;
    }

    /// <summary>
    /// Whether <paramref name="path"/> is a file (or, with <paramref name="isDirectory"/>, a folder) that is not a link.
    /// A folder being imported is walked without following links; what is looked up beside a trace (its sidecar, its
    /// subagents folder) follows the same rule, so a link cannot lead an import out of the folder it was given.
    /// With <paramref name="folders"/>, a name its folder's listing does not show is not looked up.
    /// </summary>
    public static bool ExistsUnlinked(string path, bool isDirectory = false, FolderContents? folders = null)
    {
        if (folders is not null && !folders.MightHold(path, isDirectory)) return false;
        if (!(isDirectory ? Directory.Exists(path) : File.Exists(path))) return false;
        try
        {
            return (File.GetAttributes(path) & FileAttributes.ReparsePoint) == 0;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Removed or closed to us between the two looks: not there to read.
            return false;
        }
    }

    /// <summary>
    /// The file <paramref name="path"/> stands for, to be read: the path itself when it is no link, or where its links
    /// lead when that is inside <paramref name="root"/> with no folder on the way that is a link. Null when it is
    /// missing or is a link out of <paramref name="root"/> (a model or a repository can point CLAUDE.md at a
    /// credentials file). What a run left behind is read only through this.
    /// </summary>
    public static string? ResolveInside(string path, string root)
    {
        try
        {
            if (File.ResolveLinkTarget(path, returnFinalTarget: true)?.FullName is not { } linked)
                return File.Exists(path) ? path : null;
            var inside = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root)) + Path.DirectorySeparatorChar;
            var target = Path.GetFullPath(linked);
            // Compared exactly: a name in another case is refused even where the file system would match it.
            if (!target.StartsWith(inside, StringComparison.Ordinal)) return null;
            for (var folder = Path.GetDirectoryName(target); folder is not null && folder.Length >= inside.Length; folder = Path.GetDirectoryName(folder))
                if ((File.GetAttributes(folder) & FileAttributes.ReparsePoint) != 0) return null;
            // A FIFO or a device is let through: it reports no length, so OpenRead and ReadText never open it.
            var file = new FileInfo(target);
            return file.Exists && (file.Attributes & FileAttributes.ReparsePoint) == 0 ? target : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>
    /// Copies at most <paramref name="maxBytes"/> of <paramref name="source"/> (opened as <see cref="OpenRead"/> opens it)
    /// to a new file <paramref name="destination"/>; true when the source held more. A model's file of gigabytes costs
    /// the results folder no more than the bound.
    /// </summary>
    public static bool CopyBounded(string source, string destination, long maxBytes)
    {
        using var input = OpenRead(source);
        using var output = new FileStream(destination, FileMode.Create, FileAccess.Write, FileShare.None);
        if (input is null) return false;
        var buffer = new byte[81920];
        long copied = 0;
        int read;
        while (copied < maxBytes && (read = input.Read(buffer, 0, (int)Math.Min(buffer.Length, maxBytes - copied))) > 0)
        {
            output.Write(buffer, 0, read);
            copied += read;
        }
        return input.Length > copied;
    }

    /// <summary>
    /// The file's first <paramref name="maxBytes"/> bytes as UTF-8 text ("" when it has nothing to read), and whether
    /// it holds more: a hostile file of any size costs at most <paramref name="maxBytes"/>.
    /// </summary>
    public static string ReadText(string path, int maxBytes, out bool truncated)
    {
        truncated = false;
        using var stream = OpenRead(path);
        if (stream is null) return "";
        var buffer = new byte[(int)Math.Min(stream.Length, maxBytes)];
        var read = 0;
        while (read < buffer.Length && stream.Read(buffer, read, buffer.Length - read) is var count and > 0) read += count;
        truncated = stream.Length > read;
        return Encoding.UTF8.GetString(buffer, 0, read);
    }
}
