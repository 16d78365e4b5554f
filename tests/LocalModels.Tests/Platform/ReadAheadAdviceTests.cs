using System;
using System.Diagnostics;
using System.IO;
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
        PageCache.WriteOnDiskOnly(path, new byte[pages * PageCache.PageSize]);

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
}
