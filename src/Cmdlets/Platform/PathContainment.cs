using System;
using System.IO;

namespace LocalModels.Platform;

/// <summary>Whether one full path is a folder or lies inside it, compared exactly as the paths are written.</summary>
internal static class PathContainment
{
    /// <summary>True when <paramref name="path"/> is <paramref name="folder"/> or below it (both full paths).</summary>
    public static bool IsWithin(string path, string folder)
    {
        var trimmed = folder.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        return path == trimmed || path.StartsWith(trimmed + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }
}
