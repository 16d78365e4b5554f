using System;
using System.IO;
using System.Linq;
using LocalModels.Platform;
using Xunit;

namespace LocalModels.Tests.Platform;

/// <summary>
/// A file's first read tells whether its bytes were in memory (<see cref="HandleReadStream.FirstReadWaits"/>, through
/// <see cref="CachedRead"/>): once, only when they were not, and the bytes read are the file's either way.
/// </summary>
public sealed class CachedReadTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("localmodels-cached-read-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static byte[] Content(int length) => Enumerable.Range(0, length).Select(i => (byte)(i * 7 + i / 251)).ToArray();

    /// <summary>The whole file read as an import reads it, in blocks into a larger buffer, and how often the first read said it waited.</summary>
    private static (byte[] Bytes, int Waited) ReadWatched(string path)
    {
        var waited = 0;
        using var stream = (HandleReadStream)ContentFile.OpenRead(path)!;
        stream.FirstReadWaits = () => waited++;
        var bytes = new MemoryStream();
        var block = new byte[128 * 1024 + 16];
        int read;
        while ((read = stream.Read(block, 16, 128 * 1024)) > 0) bytes.Write(block, 16, read);
        return (bytes.ToArray(), waited);
    }

    [Fact]
    public void A_file_in_memory_is_read_from_memory_without_a_word()
    {
        var path = Path.Combine(_root, "warm.jsonl");
        var content = Content(300_000);
        File.WriteAllBytes(path, content);

        var (bytes, waited) = ReadWatched(path);

        Assert.Equal(content, bytes);
        // Where no read can be kept from waiting, the first read always says so (and the import reads ahead as before).
        Assert.Equal(CachedRead.IsSupported ? 0 : 1, waited);
    }

    [Fact]
    public void A_file_on_the_disk_only_says_so_once_and_is_read_whole()
    {
        if (!CachedRead.IsSupported) return;
        var path = Path.Combine(_root, "cold.jsonl");
        var content = Content(300_000);
        PageCache.WriteOnDiskOnly(path, content);

        var (bytes, waited) = ReadWatched(path);

        Assert.Equal(content, bytes);
        Assert.Equal(1, waited);
        // Read once, it is in memory: read again, nothing to say.
        Assert.Equal(0, ReadWatched(path).Waited);
    }

    [Fact]
    public void A_file_partly_in_memory_says_so_and_is_read_whole()
    {
        if (!CachedRead.IsSupported) return;
        var path = Path.Combine(_root, "partly.jsonl");
        var content = Content(300_000);
        PageCache.WriteOnDiskOnly(path, content);
        // Its first page in memory, the rest of the first read's 128 KB on the disk: memory gives only the start.
        PageCache.ReadStart(path, PageCache.PageSize);
        var resident = PageCache.ResidentPages(path);
        Assert.True(resident > 0 && resident < 128 * 1024 / PageCache.PageSize, $"{resident} pages in memory after reading the first one.");

        var (bytes, waited) = ReadWatched(path);

        Assert.Equal(content, bytes);
        Assert.Equal(1, waited);
    }

    [Fact]
    public void An_empty_range_or_a_closed_file_cannot_tell()
    {
        var path = Path.Combine(_root, "small.jsonl");
        File.WriteAllBytes(path, Content(100));
        var handle = File.OpenHandle(path);
        Assert.Equal(-1, CachedRead.Read(handle, new byte[10], 0, 0, 0));
        Assert.Equal(-1, CachedRead.Read(handle, new byte[10], 5, 10, 0));
        handle.Dispose();
        Assert.Equal(-1, CachedRead.Read(handle, new byte[10], 0, 10, 0));
    }
}
