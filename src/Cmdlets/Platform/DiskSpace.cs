using System;
using System.Globalization;
using System.IO;

namespace LocalModels.Platform;

/// <summary>Free space on a disk, read by path (statfs on Unix), and sizes said the way people read them.</summary>
internal static class DiskSpace
{
    /// <summary>Free bytes on the disk holding <paramref name="path"/> for this user; null when it cannot be read.</summary>
    public static long? Free(string path)
    {
        try
        {
            return new DriveInfo(path).AvailableFreeSpace;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>"640 MB", "1.2 GB": binary units, as -MaxDiskUse 10GB means in PowerShell.</summary>
    public static string Say(long bytes)
    {
        const double Mb = 1024.0 * 1024, Gb = Mb * 1024;
        return bytes >= Gb
            ? (bytes / Gb).ToString("0.0", CultureInfo.InvariantCulture) + " GB"
            : Math.Max(0, bytes / Mb).ToString("0", CultureInfo.InvariantCulture) + " MB";
    }
}
