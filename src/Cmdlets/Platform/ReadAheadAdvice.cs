using System;
using System.IO;
using System.Runtime.InteropServices;

namespace LocalModels.Platform;

/// <summary>
/// Asks the operating system to start reading a file into its cache and returns without waiting for the disk: on
/// Linux, <c>posix_fadvise(POSIX_FADV_WILLNEED)</c>. A later read of those bytes then finds them in memory instead of
/// waiting for them. Elsewhere it does nothing (macOS's equivalent is a variadic fcntl, which .NET cannot call safely
/// on Apple silicon). It is only advice: a file that cannot be opened, or a kernel that declines, changes nothing.
/// </summary>
internal static class ReadAheadAdvice
{
    private const int WillNeed = 3; // POSIX_FADV_WILLNEED on Linux

    /// <summary>Linux in a 64-bit process, where posix_fadvise takes 64-bit offsets.</summary>
    public static bool IsSupported { get; } = OperatingSystem.IsLinux() && Environment.Is64BitProcess;

    /// <summary>
    /// Asks for at most the first <paramref name="maxBytes"/> of <paramref name="path"/>, opened as the import opens
    /// files (without blocking on a FIFO, following no link), and returns how many bytes were asked for (0: none).
    /// Only a file with content is advised, as only such a file is read (<see cref="ContentFile"/>): a device reports
    /// no length, and advice on a disk's device file would read the disk. Never throws.
    /// </summary>
    public static long Advise(string path, long maxBytes)
    {
        if (!IsSupported) return 0;
        try
        {
            using var handle = NonBlockingOpen.OpenForReading(path, followLinks: false);
            if (handle is null || RandomAccess.GetLength(handle) is not (> 0 and var length)) return 0;
            var asked = Math.Min(length, maxBytes);
            return PosixFadvise((int)handle.DangerousGetHandle(), 0, asked, WillNeed) == 0 ? asked : 0;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return 0;
        }
    }

    [DllImport("libc", EntryPoint = "posix_fadvise")]
    private static extern int PosixFadvise(int descriptor, long offset, long length, int advice);
}
