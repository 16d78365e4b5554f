using System;
using System.Linq;
using System.Text;
using LocalModels.Traces;
using Xunit;

namespace LocalModels.Tests.Traces;

/// <summary>The per-thread table of short strings: the same text for the same bytes, whatever it held before.</summary>
public sealed class ShortStringsTests
{
    private static readonly UTF8Encoding Strict = new(false, true);

    [Fact]
    public void The_same_short_bytes_give_the_same_string_instance()
    {
        var table = new ShortStrings();
        var first = Get(table, "assistant");
        var second = Get(table, "assistant");
        Assert.Equal("assistant", first);
        Assert.Same(first, second);
    }

    [Fact]
    public void Many_distinct_values_sharing_slots_each_decode_to_their_own_text()
    {
        var table = new ShortStrings();
        // Far more ids than slots, each read twice at different times: evictions and collisions must never mix them up.
        var ids = Enumerable.Range(0, 20_000).Select(i => $"toolu_{i:x8}é中😀").ToArray();
        foreach (var id in ids) Assert.Equal(id, Get(table, id));
        foreach (var id in ids.Reverse()) Assert.Equal(id, Get(table, id));
    }

    [Fact]
    public void Invalid_UTF8_throws_every_time_and_is_never_kept()
    {
        var table = new ShortStrings();
        var invalid = new byte[] { (byte)'a', 0xC3, (byte)'b' };
        Assert.Throws<DecoderFallbackException>(() => table.Get(invalid, 0, invalid.Length, Strict));
        Assert.Throws<DecoderFallbackException>(() => table.Get(invalid, 0, invalid.Length, Strict));
    }

    [Fact]
    public void Long_values_are_decoded_each_time_not_kept()
    {
        var table = new ShortStrings();
        var text = new string('x', ShortStrings.MaxBytes + 1);
        var first = Get(table, text);
        var second = Get(table, text);
        Assert.Equal(text, second);
        Assert.NotSame(first, second);
    }

    [Fact]
    public void Bytes_are_compared_where_they_stand_in_a_larger_buffer()
    {
        var table = new ShortStrings();
        var buffer = Encoding.UTF8.GetBytes("xxsessionIdyysessionIdzz");
        Assert.Equal("sessionId", table.Get(buffer, 2, 9, Strict));
        Assert.Equal("sessionId", table.Get(buffer, 13, 9, Strict));
        Assert.Equal("yysess", table.Get(buffer, 11, 6, Strict));
    }

    private static string Get(ShortStrings table, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return table.Get(bytes, 0, bytes.Length, Strict);
    }

    [Fact]
    public void Shared_long_values_give_one_instance_each_and_never_mix_up()
    {
        var table = new ShortStrings();
        var folders = Enumerable.Range(0, 200).Select(i => $"/private/var/folders/xy/T/localmodels-run-{i:x8}/repository/é中/{new string('p', i)}").ToArray();
        foreach (var folder in folders)
        {
            var bytes = Encoding.UTF8.GetBytes(folder);
            var first = table.GetShared(bytes, 0, bytes.Length, Strict);
            Assert.Equal(folder, first);
            Assert.Same(first, table.GetShared(bytes, 0, bytes.Length, Strict));
        }
        // More folders than slots, read again in another order: evicted ones decode afresh, never to another's text.
        foreach (var folder in folders.Reverse()) Assert.Equal(folder, GetShared(table, folder));
        // Past the bound a value is decoded each time, as a long value of Get is.
        var huge = new string('h', ShortStrings.MaxSharedBytes + 1);
        Assert.NotSame(GetShared(table, huge), GetShared(table, huge));
        var invalid = new byte[] { (byte)'a', 0xC3, (byte)'b' }.Concat(Enumerable.Repeat((byte)'c', 100)).ToArray();
        Assert.Throws<DecoderFallbackException>(() => table.GetShared(invalid, 0, invalid.Length, Strict));
        Assert.Throws<DecoderFallbackException>(() => table.GetShared(invalid, 0, invalid.Length, Strict));
    }

    [Fact]
    public void Sessions_of_one_working_folder_read_on_one_thread_keep_one_string_for_it()
    {
        var folder = "/private/var/folders/xy/T/localmodels-run-0123456789abcdef/repository/with/a/long/path";
        string Line(string session) =>
            $$"""{"type":"user","sessionId":"{{session}}","version":"2.1.328","cwd":"{{folder}}","message":{"role":"user","content":"hi"},"uuid":"u-{{session}}","timestamp":"2026-12-01T10:00:00.000Z"}""";
        var first = TraceReader.Read(new[] { Line("s1") });
        var second = TraceReader.Read(new[] { Line("s2") });
        Assert.Equal(folder, first.WorkingDirectory);
        Assert.Same(first.WorkingDirectory, second.WorkingDirectory);
    }

    private static string GetShared(ShortStrings table, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return table.GetShared(bytes, 0, bytes.Length, Strict);
    }
}
