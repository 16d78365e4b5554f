using System;
using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LocalModels.Traces;
using Xunit;

namespace LocalModels.Tests.Traces;

/// <summary>The reader's own reading of Claude Code's timestamps gives what System.Text.Json gives, for any text.</summary>
public sealed class IsoTimestampTests
{
    [Theory]
    [InlineData("2026-12-01T18:06:14.123Z")]
    [InlineData("2026-12-01T18:06:14Z")]
    [InlineData("2026-12-01T18:06:14.1234567Z")]
    [InlineData("2026-12-01T18:06:14.12345678Z")]
    [InlineData("2026-12-01T18:06:14.Z")]
    [InlineData("2026-12-01T18:06:14.123+02:00")]
    [InlineData("2026-12-01T18:06:14.123")]
    [InlineData("2026-12-01")]
    [InlineData("2024-02-29T23:59:59.999Z")]
    [InlineData("2026-02-29T00:00:00Z")]
    [InlineData("2026-13-01T00:00:00Z")]
    [InlineData("2026-12-01T24:00:00Z")]
    [InlineData("2026-12-01T23:60:00Z")]
    [InlineData("2026-12-01T23:59:60Z")]
    [InlineData("0000-01-01T00:00:00Z")]
    [InlineData("2026-12-01t18:06:14Z")]
    [InlineData("2026-12-01T18:06:14.12a Z")]
    [InlineData("2026-12-01T18:06:14\\u002E123Z")]
    [InlineData("")]
    [InlineData("not a time")]
    public void Reads_as_System_Text_Json_reads(string text) => AssertSameAsSystemTextJson(text);

    [Property(MaxTest = 1000)]
    public void Any_time_in_any_precision_reads_as_System_Text_Json_reads(DateTime time, NonNegativeInt digits, bool utc)
    {
        var format = "yyyy-MM-ddTHH:mm:ss" + (digits.Get % 9 is var n and > 0 ? "." + new string('f', Math.Min(n, 7)) : "");
        AssertSameAsSystemTextJson(time.ToString(format, System.Globalization.CultureInfo.InvariantCulture) + (utc ? "Z" : "+01:00"));
    }

    [Property(MaxTest = 1000)]
    public void Damaged_times_read_as_System_Text_Json_reads_them(NonNegativeInt position, char replacement)
    {
        var text = new StringBuilder("2026-12-01T18:06:14.123Z");
        text[position.Get % text.Length] = replacement is '"' or '\\' or < ' ' || char.IsSurrogate(replacement) ? '9' : replacement;
        AssertSameAsSystemTextJson(text.ToString());
    }

    private static void AssertSameAsSystemTextJson(string text)
    {
        var quoted = Encoding.UTF8.GetBytes("\"" + text + "\"");
        var reader = new Utf8JsonReader(quoted);
        reader.Read();
        var expected = reader.TryGetDateTimeOffset(out var expectedValue) ? expectedValue.ToString("O") + " " + expectedValue.Offset : "no time";
        var actual = IsoTimestamp.TryParse(quoted, out var actualValue) ? actualValue.ToString("O") + " " + actualValue.Offset : "no time";
        Assert.Equal(expected, actual);
    }
}
