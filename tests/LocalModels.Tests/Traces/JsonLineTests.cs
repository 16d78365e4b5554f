using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LocalModels.Tests.Hosting;
using LocalModels.Traces;
using Xunit;

namespace LocalModels.Tests.Traces;

/// <summary>
/// The trace reader's own tokenizer against System.Text.Json, which it replaced: it must accept exactly the lines
/// JsonDocument accepts (with the same depth limit) and read the same values from them.
/// </summary>
public sealed class JsonLineTests
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = JsonLine.MaxDepth };

    private static readonly byte[][] SampleLines = Directory.GetFiles(RepositoryPaths.Samples, "*.jsonl", SearchOption.AllDirectories)
        .OrderBy(path => path, StringComparer.Ordinal)
        .SelectMany(File.ReadAllLines).Where(line => line.Length > 0).Select(Encoding.UTF8.GetBytes).ToArray();

    public static TheoryData<string> Cases() => new()
    {
        "", " ", "{}", "[]", " {\t\"a\" : [ 1 , 2 ] }\r\n", "{,}", "[,]", "[1,]", "{\"a\":1,}", "{\"a\" 1}", "{\"a\":}", "{\"a\":1 \"b\":2}",
        "{} x", "{}{}", "[1 2]", "{\"a\":1]", "[1}", "{", "[", "\"open", "nul", "tru", "fals", "nulll", "True",
        "0", "01", "-", "-0", "1.", "1.5", ".5", "1e", "1e+", "1E-3", "-12.5e+10", "9223372036854775807", "9223372036854775808",
        "-9223372036854775808", "-9223372036854775809", "1e400", "+1", "0x10",
        "\"plain\"", "\"\\x\"", "\"\\u12\"", "\"\\u12g4\"", "\"a\tb\"", "\"a\u0001b\"", "\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"", "\"\\u00e9\\u4e2d\"",
        "\"\\uD83D\\uDE00\"", "\"\\uD800\"", "\"\\uDE00x\"", "\"é中😀\"", "{\"type\":\"a\",\"type\":\"b\"}", "{\"t\\u0079pe\":\"escaped name\"}",
        "{\"timestamp\":\"2026-12-01T18:06:14.123Z\"}", "{\"timestamp\":\"2026-12-01T18:06:14+02:00\"}", "{\"timestamp\":\"2026-02-30T00:00:00Z\"}",
        new string('[', JsonLine.MaxDepth) + new string(']', JsonLine.MaxDepth),
        new string('[', JsonLine.MaxDepth + 1) + new string(']', JsonLine.MaxDepth + 1),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Accepts_and_reads_what_JsonDocument_does(string json) => AssertSameAsJsonDocument(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Reads_every_sample_line_as_JsonDocument_does()
    {
        Assert.NotEmpty(SampleLines);
        foreach (var line in SampleLines) AssertSameAsJsonDocument(line);
    }

    [Fact]
    public void A_line_at_the_token_bound_is_read_and_one_past_it_is_too_large()
    {
        static byte[] ArrayOf(int values) => Encoding.UTF8.GetBytes("[" + string.Join(",", Enumerable.Repeat("0", values)) + "]");
        var line = new JsonLine();
        Assert.True(line.TryParse(ArrayOf(TraceLimits.MaxLineTokens - 1)));
        Assert.False(line.TooLarge);
        Assert.False(line.TryParse(ArrayOf(TraceLimits.MaxLineTokens)));
        Assert.True(line.TooLarge);
        Assert.False(line.TryParse(Encoding.UTF8.GetBytes("[1,")));
        Assert.False(line.TooLarge);
    }

    [Fact]
    public void Invalid_UTF8_in_a_string_throws_where_JsonDocument_throws()
    {
        var bytes = new byte[] { (byte)'[', (byte)'"', 0xC3, (byte)'"', (byte)']' };
        AssertSameAsJsonDocument(bytes);
    }

    /// <summary>Sample lines broken at random: cut short, a byte removed, or a byte that matters to JSON put in.</summary>
    [Property(MaxTest = 500)]
    public void Damaged_sample_lines_are_refused_or_read_as_JsonDocument_reads_them(NonNegativeInt pick, NonNegativeInt position, NonNegativeInt damage)
    {
        var line = SampleLines[pick.Get % SampleLines.Length];
        var at = position.Get % line.Length;
        const string significant = "{}[]\",:\\ 0-e.tfnu\u0001\u00ff";
        var inserted = significant[damage.Get % significant.Length];
        var damaged = (damage.Get / significant.Length % 3) switch
        {
            0 => line.Take(at).ToArray(),
            1 => line.Take(at).Concat(line.Skip(at + 1)).ToArray(),
            _ => line.Take(at).Append((byte)inserted).Concat(line.Skip(at)).ToArray(),
        };
        AssertSameAsJsonDocument(damaged);
    }

    private static void AssertSameAsJsonDocument(byte[] bytes)
    {
        JsonDocument? document = null;
        try
        {
            document = JsonDocument.Parse(bytes, DocumentOptions);
        }
        catch (JsonException)
        {
        }
        var line = new JsonLine();
        var parsed = line.TryParse(bytes);
        Assert.True(parsed == (document is not null), $"JsonDocument {(document is null ? "refuses" : "accepts")} what JsonLine {(parsed ? "accepts" : "refuses")}: {Encoding.UTF8.GetString(bytes)}");
        if (document is null) return;
        using (document) AssertSame(document.RootElement, line.Root);
    }

    [Fact]
    public void A_root_with_many_repeated_and_look_alike_names_reads_as_JsonDocument_reads_it()
    {
        // The root's properties are looked up through an index built per line: names that share their length and
        // first, middle and last bytes meet in it, a repeated name must give its last value, an escaped name or more
        // names than it holds must leave lookups to a pass over the properties.
        var names = new[] { "type", "abxcd", "aqxzd", "amxmd", "a", "ab", "ba", "t\\u0079pe", "sessionId", "session_id", "é", "" };
        var random = new Random(20261203);
        for (var i = 0; i < 400; i++)
        {
            var count = random.Next(0, 45);
            var json = "{" + string.Join(",", Enumerable.Range(0, count).Select(k =>
                $"\"{(random.Next(4) == 0 ? "p" + k : names[random.Next(names.Length)])}\":{k}")) + "}";
            AssertSameAsJsonDocument(Encoding.UTF8.GetBytes(json));
        }
    }

    /// <summary>Limits that cut inside one-, two-, three- and four-byte characters of the cases and samples.</summary>
    private static readonly int[] CutLimits = { 1, 2, 3, 5, 8, 40 };

    [Fact]
    public void Cut_reads_decode_the_kept_part_to_exactly_what_cutting_the_whole_gives()
    {
        var text = @"a\u00e9中😀b\n" + string.Concat(Enumerable.Repeat("xé中😀", 6));
        var json = "{\"s\":\"" + text + "\",\"plain\":\"" + text.Replace("\\", "") + "\",\"blocks\":[{\"text\":\"" + text + "\"},{\"type\":\"image\"},{\"text\":\"é😀\"}]}";
        var bytes = Encoding.UTF8.GetBytes(json);
        using var document = JsonDocument.Parse(bytes);
        var line = new JsonLine();
        Assert.True(line.TryParse(bytes));
        for (var max = 1; max < 80; max++)
        {
            foreach (var name in new[] { "s", "plain", "blocks" })
            {
                var expected = document.RootElement.GetProperty(name);
                Assert.True(line.Root.TryGetProperty(Encoding.UTF8.GetBytes(name), out var actual));
                AssertSameCut(expected, actual, max);
            }
        }
    }

    [Fact]
    public void Cut_reads_of_ASCII_text_decode_to_exactly_what_cutting_the_whole_gives()
    {
        // ASCII is decoded a byte a character (AsciiText), around the vector width and with escapes.
        foreach (var length in new[] { 0, 1, 15, 16, 17, 31, 32, 33, 70 })
        {
            var text = string.Concat(Enumerable.Range(0, length).Select(i => (char)('!' + i % 90))).Replace("\\", "/").Replace("\"", "'");
            var json = "{\"plain\":\"" + text + "\",\"escaped\":\"" + text + "\\n\\\"x\"}";
            var bytes = Encoding.UTF8.GetBytes(json);
            using var document = JsonDocument.Parse(bytes);
            var line = new JsonLine();
            Assert.True(line.TryParse(bytes));
            for (var max = 1; max < 80; max++)
                foreach (var name in new[] { "plain", "escaped" })
                {
                    Assert.True(line.Root.TryGetProperty(Encoding.UTF8.GetBytes(name), out var actual));
                    AssertSameCut(document.RootElement.GetProperty(name), actual, max);
                }
        }
    }

    [Fact]
    public void A_cut_read_still_throws_for_invalid_UTF8_after_the_part_it_keeps()
    {
        var bytes = Encoding.UTF8.GetBytes("[\"" + new string('a', 100) + "\",[{\"text\":\"ok\"},{\"text\":\"" + new string('b', 10) + "\"}]]");
        bytes[60] = 0xC3;
        bytes[bytes.Length - 6] = 0xFF;
        var line = new JsonLine();
        Assert.True(line.TryParse(bytes));
        var items = new List<JsonNode>();
        foreach (var item in line.Root.EnumerateArray()) items.Add(item);
        Assert.Throws<DecoderFallbackException>(() => items[0].GetString(10));
        Assert.Throws<DecoderFallbackException>(() => items[0].Prefix(10));
        Assert.Throws<DecoderFallbackException>(() => items[1].ContentText(1));
    }

    private static void AssertSameCut(JsonElement expected, JsonNode actual, int max)
    {
        Assert.Equal(Outcome(() => TraceLimits.Cut(expected.GetRawText(), max)), Outcome(() => actual.GetRawText(max)));
        if (expected.ValueKind == JsonValueKind.String)
        {
            Assert.Equal(Outcome(() => TraceLimits.Cut(expected.GetString()!, max)), Outcome(() => actual.GetString(max)));
            Assert.Equal(Outcome(() => expected.GetString() is { } whole && whole.Length > max ? whole.Substring(0, max) : expected.GetString()), Outcome(() => actual.Prefix(max)));
        }
        if (expected.ValueKind is JsonValueKind.String or JsonValueKind.Array)
            Assert.Equal(Outcome(() => TraceLimits.Cut(ContentText(expected), max)), Outcome(() => actual.ContentText(max)));
    }

    /// <summary>A tool result's text as the reader has always taken it: a string, or an array's text blocks joined by newlines.</summary>
    private static string ContentText(JsonElement content) =>
        content.ValueKind == JsonValueKind.String
            ? content.GetString()!
            : string.Join("\n", content.EnumerateArray()
                .Where(block => block.ValueKind == JsonValueKind.Object && block.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String)
                .Select(block => block.GetProperty("text").GetString()));

    private static void AssertSame(JsonElement expected, JsonNode actual)
    {
        Assert.Equal(expected.ValueKind, actual.ValueKind);
        Assert.Equal(Outcome(expected.GetRawText), Outcome(actual.GetRawText));
        foreach (var max in CutLimits) AssertSameCut(expected, actual, max);
        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                var properties = expected.EnumerateObject().ToList();
                Assert.Equal(Outcome(() => string.Join("\n", properties.Select(p => p.Name))), Outcome(() => string.Join("\n", actual.PropertyNames(int.MaxValue))));
                foreach (var property in properties)
                {
                    Assert.True(actual.TryGetProperty(Encoding.UTF8.GetBytes(property.Name), out var value));
                    AssertSame(expected.GetProperty(property.Name), value);
                }
                Assert.False(actual.TryGetProperty("no such property"u8, out _));
                break;
            case JsonValueKind.Array:
                var items = new List<JsonNode>();
                foreach (var item in actual.EnumerateArray()) items.Add(item);
                Assert.Equal(expected.GetArrayLength(), items.Count);
                var index = 0;
                foreach (var item in expected.EnumerateArray()) AssertSame(item, items[index++]);
                break;
            case JsonValueKind.String:
                Assert.Equal(Outcome(expected.GetString), Outcome(actual.GetString));
                Assert.Equal(Outcome(() => expected.TryGetDateTimeOffset(out var at) ? at.ToString("O") : "no time"),
                    Outcome(() => actual.TryGetDateTimeOffset(out var at) ? at.ToString("O") : "no time"));
                break;
            case JsonValueKind.Number:
                Assert.Equal(expected.TryGetInt64(out var expectedLong) ? expectedLong : (long?)null, actual.TryGetInt64(out var actualLong) ? actualLong : null);
                Assert.Equal(expected.TryGetDouble(out var expectedDouble) ? expectedDouble : (double?)null, actual.TryGetDouble(out var actualDouble) ? actualDouble : null);
                break;
        }
    }

    /// <summary>A value, or the kind of exception reading it threw (JsonDocument throws InvalidOperationException where JsonLine's strict UTF-8 throws its own).</summary>
    private static string Outcome(Func<string?> read)
    {
        try
        {
            return "value: " + read();
        }
        catch (Exception ex) when (ex is InvalidOperationException or DecoderFallbackException)
        {
            return "throws";
        }
    }
}
