using System;
using System.IO;
using System.Runtime.InteropServices;
using Xunit;

namespace LocalModels.Tests.Platform;

/// <summary>The page cache seen from outside: which of a file's pages are in memory (mincore), and dropping them.</summary>
internal static class PageCache
{
    public static readonly int PageSize = Environment.SystemPageSize;

    /// <summary>Drops the file's pages from <paramref name="from"/> on (all by default) from the page cache.</summary>
    public static void Evict(string path, long from = 0)
    {
        using var file = File.OpenHandle(path);
        Assert.Equal(0, PosixFadvise((int)file.DangerousGetHandle(), from, 0, 4 /* POSIX_FADV_DONTNEED */));
    }

    /// <summary>
    /// Writes <paramref name="bytes"/> to a new file at <paramref name="path"/>, on the disk, and drops them from the page
    /// cache from <paramref name="from"/> on: the next read of those bytes waits for the disk. Fails on a file system
    /// that keeps everything in memory (tmpfs).
    /// </summary>
    public static void WriteOnDiskOnly(string path, byte[] bytes, long from = 0)
    {
        using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
        {
            file.Write(bytes);
            file.Flush(flushToDisk: true);
        }
        Evict(path, from);
        var kept = (int)((from + PageSize - 1) / PageSize);
        var dropped = (int)((bytes.Length + PageSize - 1) / PageSize) - kept;
        Assert.True(ResidentPages(path) <= kept + dropped / 4,
            $"The file system kept {ResidentPages(path)} of the file's pages cached after POSIX_FADV_DONTNEED ({kept} kept, {dropped} dropped): this test needs one that evicts (ext4, xfs), not tmpfs.");
    }

    /// <summary>Reads the file's first <paramref name="count"/> bytes with the kernel's read-ahead off: only their pages come into memory.</summary>
    public static void ReadStart(string path, int count)
    {
        using var file = File.OpenHandle(path);
        Assert.Equal(0, PosixFadvise((int)file.DangerousGetHandle(), 0, 0, 1 /* POSIX_FADV_RANDOM */));
        RandomAccess.Read(file, new byte[count], 0);
    }

    /// <summary>How many of the file's pages are in memory.</summary>
    public static int ResidentPages(string path)
    {
        using var file = File.OpenHandle(path);
        var length = RandomAccess.GetLength(file);
        var mapped = Mmap(IntPtr.Zero, (nuint)length, 1 /* PROT_READ */, 1 /* MAP_SHARED */, (int)file.DangerousGetHandle(), 0);
        Assert.NotEqual(new IntPtr(-1), mapped);
        try
        {
            var resident = new byte[(length + PageSize - 1) / PageSize];
            Assert.Equal(0, Mincore(mapped, (nuint)length, resident));
            var count = 0;
            foreach (var page in resident) count += page & 1;
            return count;
        }
        finally
        {
            Munmap(mapped, (nuint)length);
        }
    }

    [DllImport("libc", EntryPoint = "posix_fadvise")]
    private static extern int PosixFadvise(int descriptor, long offset, long length, int advice);

    [DllImport("libc", EntryPoint = "mmap", SetLastError = true)]
    private static extern IntPtr Mmap(IntPtr address, nuint length, int protection, int flags, int descriptor, long offset);

    [DllImport("libc", EntryPoint = "mincore", SetLastError = true)]
    private static extern int Mincore(IntPtr address, nuint length, byte[] resident);

    [DllImport("libc", EntryPoint = "munmap")]
    private static extern int Munmap(IntPtr address, nuint length);
}
