using System;
using System.IO;
using System.Runtime.InteropServices;

namespace LocalModels.Platform;

/// <summary>
/// Asks the operating system to start reading a file into its cache and returns without waiting for the disk: on
/// Linux, <c>posix_fadvise(POSIX_FADV_WILLNEED)</c>. A later read of those bytes then finds them in memory instead of
/// waiting for them. Elsewhere it does nothing (macOS's equivalent is a variadic fcntl, which .NET cannot call safely
/// on Apple silicon). It is only advice: a kernel that declines changes nothing.
/// </summary>
internal static class ReadAheadAdvice
{
    private const int WillNeed = 3; // POSIX_FADV_WILLNEED on Linux

    /// <summary>Linux in a 64-bit process, where posix_fadvise takes 64-bit offsets.</summary>
    public static bool IsSupported { get; } = OperatingSystem.IsLinux() && Environment.Is64BitProcess;

    /// <summary>
    /// Asks for at most the first <paramref name="maxBytes"/> of the file <paramref name="stream"/> reads, opened by
    /// <see cref="ContentFile.OpenRead"/> (so a file with content: a FIFO or a device is never opened as one, and advice
    /// on a disk's device file would read the disk), and returns how many bytes were asked for (0: none). Never throws.
    /// </summary>
    public static long Advise(Stream stream, long maxBytes)
    {
        if (!IsSupported || stream is not HandleReadStream { Handle: var handle } || handle.IsClosed) return 0;
        var asked = Math.Min(stream.Length, maxBytes);
        if (asked <= 0) return 0;
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            return PosixFadvise((int)handle.DangerousGetHandle(), 0, asked, WillNeed) == 0 ? asked : 0;
        }
        catch (ObjectDisposedException)
        {
            return 0;
        }
        finally
        {
            if (added) handle.DangerousRelease();
        }
    }

    [DllImport("libc", EntryPoint = "posix_fadvise")]
    private static extern int PosixFadvise(int descriptor, long offset, long length, int advice);
}
