using System;
using System.IO;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace LocalModels.Platform;

/// <summary>
/// Opens a file for reading with open(2)'s O_NONBLOCK on Linux and macOS, so a FIFO under a file's name opens at once
/// instead of blocking until something writes to it. .NET's FileStream has no such flag, so ContentFile had to stat
/// every file by path before opening it (a second walk of the path in the kernel), and FileStream then locks and
/// unlocks each file (two flock calls) that the module only reads: 2 to 3% of the CPU of an import of a
/// ~/.claude/projects tree of 12,000 files. O_NONBLOCK changes nothing for a regular file's reads.
/// </summary>
internal static class NonBlockingOpen
{
    private const int ErrorNoEntry = 2, ErrorInterrupted = 4, ErrorNoDeviceOrAddress = 6, ErrorAccess = 13, ErrorPermission = 1, ErrorNotDirectory = 20;

    /// <summary>open(2)'s flags for reading without blocking, keeping no terminal and no descriptor across exec; 0 where unknown.</summary>
    private static readonly int ReadFlags =
        OperatingSystem.IsLinux() ? 0x800 /* O_NONBLOCK */ | 0x100 /* O_NOCTTY */ | 0x80000 /* O_CLOEXEC */ :
        OperatingSystem.IsMacOS() ? 0x4 /* O_NONBLOCK */ | 0x20000 /* O_NOCTTY */ | 0x1000000 /* O_CLOEXEC */ :
        0;

    /// <summary>O_NOFOLLOW: the open fails (ELOOP) when the file itself is a link.</summary>
    private static readonly int NoFollowFlag = OperatingSystem.IsLinux() ? 0x20000 : OperatingSystem.IsMacOS() ? 0x100 : 0;

    private static readonly int ErrorTooManyLinks = OperatingSystem.IsMacOS() ? 62 : 40;

    /// <summary>False on Windows (which has no FIFOs to block on) and on systems whose flag values are not known here.</summary>
    public static bool IsSupported => ReadFlags != 0;

    /// <summary>
    /// A handle on <paramref name="path"/> opened for reading, or null when there is nothing there a read could reach
    /// (a socket), or, with <paramref name="followLinks"/> false, a link. Throws FileNotFoundException for a missing
    /// file or folder on its path, UnauthorizedAccessException when it may not be read, IOException otherwise.
    /// </summary>
    public static SafeFileHandle? OpenForReading(string path, bool followLinks = true)
    {
        if (path.Contains('\0')) throw new ArgumentException("Null character in path.", nameof(path));
        var fullPath = Path.GetFullPath(path);
        while (true)
        {
            var descriptor = Open(fullPath, followLinks ? ReadFlags : ReadFlags | NoFollowFlag);
            if (descriptor >= 0) return new SafeFileHandle(descriptor, ownsHandle: true);
            var error = Marshal.GetLastPInvokeError();
            if (!followLinks && error == ErrorTooManyLinks) return null;
            switch (error)
            {
                case ErrorInterrupted: continue;
                case ErrorNoDeviceOrAddress: return null;
                // As FileInfo.Length reports both, which callers met before this open existed.
                case ErrorNoEntry or ErrorNotDirectory: throw new FileNotFoundException($"Could not find file '{fullPath}'.", fullPath);
                case ErrorAccess or ErrorPermission: throw new UnauthorizedAccessException($"Access to the path '{fullPath}' is denied.");
                default: throw new IOException($"{Marshal.GetPInvokeErrorMessage(error)}: '{fullPath}'", error);
            }
        }
    }

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);
}
