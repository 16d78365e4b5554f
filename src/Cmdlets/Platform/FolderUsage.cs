using System;
using System.IO;
using System.IO.Enumeration;

namespace LocalModels.Platform;

/// <summary>
/// What the regular files under a folder hold, and the largest of them. Links are neither followed nor counted, so a
/// link to a large file elsewhere adds nothing; a folder that cannot be read is passed over.
/// </summary>
internal readonly record struct FolderUsage(long Bytes, string? Largest, long LargestBytes)
{
    private static readonly EnumerationOptions Options = new()
    {
        RecurseSubdirectories = true,
        IgnoreInaccessible = true,
        AttributesToSkip = 0,
        ReturnSpecialDirectories = false,
    };

    /// <summary>The folder's usage; null when it could not be walked (it vanished, or changed under the walk).</summary>
    public static FolderUsage? Of(string root)
    {
        try
        {
            var files = new FileSystemEnumerable<(string Path, long Length)>(root,
                (ref FileSystemEntry entry) => (entry.ToFullPath(), entry.Length), Options)
            {
                ShouldIncludePredicate = (ref FileSystemEntry entry) => !entry.IsDirectory && (entry.Attributes & FileAttributes.ReparsePoint) == 0,
                ShouldRecursePredicate = (ref FileSystemEntry entry) => (entry.Attributes & FileAttributes.ReparsePoint) == 0,
            };
            long bytes = 0, largestBytes = -1;
            string? largest = null;
            foreach (var (path, length) in files)
            {
                bytes += length;
                if (length > largestBytes) (largest, largestBytes) = (path, length);
            }
            return new FolderUsage(bytes, largest, Math.Max(0, largestBytes));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
