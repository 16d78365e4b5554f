using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using LocalModels.Traces;
using Xunit;

namespace LocalModels.Tests.Traces;

/// <summary>
/// The string scanner reads a vector at a time and takes every quote, backslash and control character in it in turn:
/// every byte that ends or breaks a string, at every position of every vector and at the end of the line, must be found
/// where a byte-at-a-time reading finds it.
/// </summary>
public sealed class JsonSyntaxTests
{
    /// <summary>What ends or interrupts a string: its closing quote, an escape, a raw control character, a bad escape.</summary>
    private static readonly string[] Breaks = { "\"", "\\n", "\\\"", "\\u00e9", "\n", "\u001f", "\\x" };

    public static IEnumerable<object[]> Cases()
    {
        foreach (var fill in new[] { "a", "é", " ", "~" })
            foreach (var breakText in Breaks)
                yield return new object[] { fill, breakText };
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_end_of_a_string_is_found_wherever_it_falls(string fill, string breakText)
    {
        for (var before = 0; before <= 80; before++)
            for (var after = 0; after <= 12; after++)
            {
                // The string content starts at 1, after an opening quote; a quote after the break closes an escaped string.
                var text = "\"" + string.Concat(Enumerable.Repeat(fill, before)) + breakText + new string('b', after) + "\"}";
                var bytes = Encoding.UTF8.GetBytes(text);
                var expected = ReferenceEnd(bytes, 1, out var expectedEscaped);
                var actual = JsonSyntax.StringEnd(bytes, 1, out var escaped);
                Assert.True(expected == actual, $"{Show(text)}: expected {expected}, got {actual}");
                if (expected >= 0) Assert.Equal(expectedEscaped, escaped);
            }
    }

    /// <summary>
    /// Text with escapes every few bytes, several to a vector and some across a vector's end (source code, JSON quoted in
    /// JSON), now and then a bad escape or a raw control character, closed or cut off: found where a byte-at-a-time
    /// reading finds it.
    /// </summary>
    [Fact]
    public void The_end_of_a_string_dense_with_escapes_is_found_wherever_it_falls()
    {
        string[] pieces = { "a", "a", "é", " ", "\\n", "\\\"", "\\\\", "\\u00e9", "\\/", "\\t", "xyz", "\\x", "\n", "\\u12", "\\" };
        var random = new Random(12);
        for (var sample = 0; sample < 20_000; sample++)
        {
            var text = new StringBuilder("\"");
            var count = random.Next(0, 120);
            for (var i = 0; i < count; i++)
            {
                // Mostly valid escapes and plain text; the last four kinds (bad, or an escape cut off) rarely.
                var piece = pieces[random.Next(random.Next(40) == 0 ? pieces.Length : pieces.Length - 4)];
                text.Append(piece);
            }
            if (random.Next(4) > 0) text.Append("\"}");
            var bytes = Encoding.UTF8.GetBytes(text.ToString());
            var expected = ReferenceEnd(bytes, 1, out var expectedEscaped);
            var actual = JsonSyntax.StringEnd(bytes, 1, out var escaped);
            Assert.True(expected == actual, $"{Show(text.ToString())}: expected {expected}, got {actual}");
            if (expected >= 0) Assert.Equal(expectedEscaped, escaped);
        }
    }

    [Fact]
    public void A_string_cut_off_by_the_end_of_the_line_has_no_end()
    {
        for (var length = 0; length <= 80; length++)
        {
            var bytes = Encoding.UTF8.GetBytes("\"" + new string('a', length));
            Assert.Equal(-1, JsonSyntax.StringEnd(bytes, 1, out _));
        }
    }

    [Fact]
    public void An_attachment_line_keeps_its_own_time_wherever_it_falls_before_the_end()
    {
        var head = """{"parentUuid":"a","isSidechain":false,"attachment":{"type":"x","note":"\"timestamp\":\"2020-01-01T00:00:00.000Z\""},"type":"attachment",""";
        for (var tail = 0; tail <= 100; tail++)
        {
            // A rendered block of any length after the line's own time; ids with "t after a quote inside it.
            var rendered = string.Concat(Enumerable.Repeat("\"tx\",", tail / 5)) + "\"" + new string('r', tail % 5) + "\"";
            var line = head + "\"timestamp\":\"2026-12-01T10:00:05.000Z\",\"rendered\":[" + rendered + "],\"sessionId\":\"s1\"}";
            var bytes = Encoding.UTF8.GetBytes(line);
            Assert.True(TraceLineHead.TryRead(bytes, new[] { "assistant" }, out var read), line);
            Assert.Equal(new DateTimeOffset(2026, 12, 1, 10, 0, 5, TimeSpan.Zero), read.Timestamp);
        }
    }

    /// <summary>JSON's own rule, a byte at a time.</summary>
    private static int ReferenceEnd(byte[] json, int at, out bool escaped)
    {
        escaped = false;
        for (; at < json.Length; at++)
        {
            var b = json[at];
            if (b == (byte)'"') return at;
            if (b < 0x20) return -1;
            if (b != (byte)'\\') continue;
            escaped = true;
            if (++at >= json.Length) return -1;
            if (json[at] == (byte)'u')
            {
                if (at + 4 >= json.Length || !json.Skip(at + 1).Take(4).All(b => Uri.IsHexDigit((char)b))) return -1;
                at += 4;
            }
            else if ("\"\\/bfnrt".IndexOf((char)json[at]) < 0)
            {
                return -1;
            }
        }
        return -1;
    }

    private static string Show(string text) => text.Replace("\n", "\\n").Replace("\u001f", "\\u001f");
}
