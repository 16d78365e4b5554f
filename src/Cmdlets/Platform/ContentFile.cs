using System;
using System.IO;
using System.Text;

namespace LocalModels.Platform;

/// <summary>
/// Opens files that a repository, a model or a copied folder may have put anywhere under any name. Opening a FIFO
/// blocks until something writes to it, and a device never ends; .NET tells neither from a file, but both report a
/// length of 0, so only a file with content is opened. An empty file has nothing to read anyway.
/// </summary>
internal static class ContentFile
{
    /// <summary>
    /// A stream over the file's bytes (unbuffered: callers read in blocks), or null when it has nothing to read: it is
    /// empty, a FIFO or a device. A missing file throws FileNotFoundException, as opening it would.
    /// </summary>
    public static FileStream? OpenRead(string path, FileOptions options = FileOptions.None)
    {
        if (new FileInfo(path).Length == 0) return null;
        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1, options);
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
