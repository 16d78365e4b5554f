using System;
using System.Text;
using LocalModels.Traces;
using Xunit;

namespace LocalModels.Tests.Traces;

/// <summary>The reader's own ASCII decoding gives what Encoding.UTF8 gives, and hands everything else back.</summary>
public sealed class AsciiTextTests
{
    [Fact]
    public void Finds_the_first_byte_beyond_ASCII_wherever_it_stands()
    {
        var random = new Random(2026_12_03);
        for (var length = 0; length < 200; length++)
        {
            var bytes = new byte[length];
            for (var i = 0; i < length; i++) bytes[i] = (byte)random.Next(0, 0x80);
            Assert.Equal(-1, AsciiText.FirstNonAscii(bytes));
            for (var at = 0; at < length; at++)
            {
                var saved = bytes[at];
                bytes[at] = (byte)random.Next(0x80, 0x100);
                Assert.Equal(at, AsciiText.FirstNonAscii(bytes));
                // A later one does not hide an earlier one.
                if (at + 1 < length) bytes[length - 1] = 0xFF;
                Assert.Equal(at, AsciiText.FirstNonAscii(bytes));
                bytes[at] = saved;
                if (at + 1 < length) bytes[length - 1] = (byte)random.Next(0, 0x80);
            }
        }
    }

    [Fact]
    public void Decodes_ASCII_as_UTF8_does_at_every_length_and_declines_anything_else()
    {
        var random = new Random(2026_12_04);
        var scratch = new char[4];
        for (var length = 0; length < 300; length++)
        {
            var bytes = new byte[length];
            for (var i = 0; i < length; i++) bytes[i] = (byte)random.Next(0, 0x80);
            Assert.Equal(Encoding.UTF8.GetString(bytes), AsciiText.TryDecode(bytes, ref scratch));
            if (length == 0) continue;
            bytes[random.Next(length)] = 0xC3;
            Assert.Null(AsciiText.TryDecode(bytes, ref scratch));
        }
        // The scratch grew to the longest text, and a shorter text after it is not padded with the longer one's end.
        Assert.True(scratch.Length >= 299);
        Assert.Equal("ab", AsciiText.TryDecode("ab"u8, ref scratch));
    }

    [Fact]
    public void Widening_into_a_shorter_target_is_refused() =>
        Assert.Throws<ArgumentException>(() => AsciiText.Widen("abc"u8, new char[2]));
}
