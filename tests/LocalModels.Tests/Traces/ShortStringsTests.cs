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
}
