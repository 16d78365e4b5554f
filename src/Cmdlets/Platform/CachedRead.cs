using System;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace LocalModels.Platform;

/// <summary>
/// Reads only what the operating system already holds in memory: on Linux (4.14 and later), preadv2 with RWF_NOWAIT,
/// which returns what the page cache has of a range instead of waiting for the disk. An import tells from its files'
/// first reads whether they are in memory, and keeps the disk ahead of its readers (<see cref="ReadAheadAdvice"/>)
/// only once one was not: a ~/.claude/projects imported again, or written minutes ago, is read from memory, where
/// advice is work for nothing.
/// </summary>
internal static class CachedRead
{
    private const int NoWait = 0x8; // RWF_NOWAIT
    private const int ErrorInterrupted = 4, ErrorAgain = 11;

    private static bool _unsupported = !(OperatingSystem.IsLinux() && Environment.Is64BitProcess);

    /// <summary>False where a read cannot be kept from waiting (not Linux, or a C library without preadv2).</summary>
    public static bool IsSupported => !_unsupported;

    /// <summary>
    /// Reads into <paramref name="buffer"/> at <paramref name="offset"/> up to <paramref name="count"/> bytes of the
    /// file at <paramref name="fileOffset"/>, as far as memory holds them: all of them when the range is in memory (or
    /// the file ends first), fewer or 0 when the rest is on the disk; -1 when the system cannot tell (unsupported here
    /// or by the file system, or the read failed: the caller's own read reports that). Never waits for the disk; never
    /// throws.
    /// </summary>
    public static int Read(SafeFileHandle handle, byte[] buffer, int offset, int count, long fileOffset)
    {
        if (_unsupported || count <= 0 || (uint)offset > (uint)buffer.Length || count > buffer.Length - offset) return -1;
        var pinned = GCHandle.Alloc(buffer, GCHandleType.Pinned);
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            var range = new IoVector { Base = Marshal.UnsafeAddrOfPinnedArrayElement(buffer, offset), Length = (nuint)count };
            while (true)
            {
                var read = PreadV2((int)handle.DangerousGetHandle(), ref range, 1, fileOffset, NoWait);
                if (read >= 0) return (int)read;
                var error = Marshal.GetLastPInvokeError();
                if (error == ErrorInterrupted) continue;
                return error == ErrorAgain ? 0 : -1;
            }
        }
        catch (EntryPointNotFoundException)
        {
            _unsupported = true;
            return -1;
        }
        catch (ObjectDisposedException)
        {
            return -1;
        }
        finally
        {
            if (added) handle.DangerousRelease();
            pinned.Free();
        }
    }

    /// <summary>struct iovec.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct IoVector
    {
        public IntPtr Base;
        public nuint Length;
    }

    [DllImport("libc", EntryPoint = "preadv2", SetLastError = true)]
    private static extern nint PreadV2(int descriptor, ref IoVector vectors, int count, long offset, int flags);
}
