using System;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using LocalModels.Platform;
using Xunit;

namespace LocalModels.Tests.Platform;

/// <summary>
/// ReadAheadAdvice asks Linux to bring an open file into its page cache without waiting: the pages arrive, at most the
/// bytes given are asked for, and only a file the module opened to read is advised.
/// </summary>
public sealed class ReadAheadAdviceTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("localmodels-readahead-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string At(string name) => Path.Combine(_root, name);

    [Fact]
    public void Advice_is_given_on_linux_only()
    {
        Assert.Equal(OperatingSystem.IsLinux() && Environment.Is64BitProcess, ReadAheadAdvice.IsSupported);
        File.WriteAllBytes(At("trace.jsonl"), new byte[10_000]);
        using var stream = ContentFile.OpenRead(At("trace.jsonl"))!;

        Assert.Equal(ReadAheadAdvice.IsSupported ? 10_000 : 0, ReadAheadAdvice.Advise(stream, 1 << 20));
    }

    [Fact]
    public void At_most_the_bytes_given_are_asked_for()
    {
        if (!ReadAheadAdvice.IsSupported) return;
        File.WriteAllBytes(At("large.jsonl"), new byte[300_000]);
        using var stream = ContentFile.OpenRead(At("large.jsonl"))!;

        Assert.Equal(65_536, ReadAheadAdvice.Advise(stream, 65_536));
        // Advice does not move the stream: it is read from its start.
        Assert.Equal(0, stream.Position);
    }

    [Fact]
    public void An_evicted_file_comes_back_into_the_page_cache()
    {
        if (!ReadAheadAdvice.IsSupported) return;
        const int pages = 256;
        var path = At("cold.jsonl");
        using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
        {
            file.Write(new byte[pages * PageCache.PageSize]);
            file.Flush(flushToDisk: true);
        }
        PageCache.Evict(path);
        Assert.True(PageCache.ResidentPages(path) < pages / 4, "The file system kept the file cached after POSIX_FADV_DONTNEED: this test needs one that evicts (ext4, xfs), not tmpfs.");

        using (var stream = ContentFile.OpenRead(path)!)
            Assert.Equal(pages * PageCache.PageSize, ReadAheadAdvice.Advise(stream, long.MaxValue));

        // The advice returns before the disk has answered; the pages follow.
        var clock = Stopwatch.StartNew();
        while (PageCache.ResidentPages(path) < pages && clock.Elapsed < TimeSpan.FromSeconds(10)) Thread.Sleep(10);
        Assert.Equal(pages, PageCache.ResidentPages(path));
    }

    [Fact]
    public void Only_an_open_file_is_advised()
    {
        if (!ReadAheadAdvice.IsSupported) return;
        File.WriteAllBytes(At("closed.jsonl"), new byte[10_000]);
        var closed = ContentFile.OpenRead(At("closed.jsonl"))!;
        closed.Dispose();

        Assert.Equal(0, ReadAheadAdvice.Advise(closed, 1 << 20));
        Assert.Equal(0, ReadAheadAdvice.Advise(new MemoryStream(new byte[10_000]), 1 << 20));
    }

    /// <summary>The page cache seen from outside: which of a file's pages are in memory (mincore), and dropping them.</summary>
    private static class PageCache
    {
        public static readonly int PageSize = Environment.SystemPageSize;

        public static void Evict(string path)
        {
            using var file = File.OpenHandle(path);
            Assert.Equal(0, PosixFadvise((int)file.DangerousGetHandle(), 0, 0, 4 /* POSIX_FADV_DONTNEED */));
        }

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
}
