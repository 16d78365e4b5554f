using System;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace LocalModels.Traces;

/// <summary>
/// A trace line's "timestamp", read as System.Text.Json reads a DateTimeOffset. Claude Code writes every one as UTC
/// with milliseconds ("2026-12-01T18:06:14.123Z"); that form is read here directly, any other form by
/// System.Text.Json itself, so both give the same value.
/// </summary>
internal static class IsoTimestamp
{
    /// <summary>Reads the JSON string <paramref name="quoted"/> (with its quotes).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParse(ReadOnlySpan<byte> quoted, out DateTimeOffset value)
    {
        if (TryParseUtc(quoted.Slice(1, quoted.Length - 2), out value)) return true;
        var reader = new Utf8JsonReader(quoted, isFinalBlock: true, state: default);
        try
        {
            return reader.Read() && reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out value);
        }
        catch (JsonException)
        {
            value = default;
            return false;
        }
    }

    /// <summary>yyyy-MM-ddTHH:mm:ss[.f{1,7}]Z with every field in range; anything else is left to System.Text.Json.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryParseUtc(ReadOnlySpan<byte> text, out DateTimeOffset value)
    {
        value = default;
        if (text.Length < 20 || text[text.Length - 1] != (byte)'Z' || text[4] != (byte)'-' || text[7] != (byte)'-' || text[10] != (byte)'T' || text[13] != (byte)':' || text[16] != (byte)':')
            return false;
        if (!Digits(text, 0, 4, out var year) || !Digits(text, 5, 2, out var month) || !Digits(text, 8, 2, out var day)
            || !Digits(text, 11, 2, out var hour) || !Digits(text, 14, 2, out var minute) || !Digits(text, 17, 2, out var second))
            return false;
        long ticks = 0;
        var fractionDigits = text.Length - 21;
        if (fractionDigits != -1)
        {
            if (fractionDigits is < 1 or > 7 || text[19] != (byte)'.' || !Digits(text, 20, fractionDigits, out var fraction)) return false;
            ticks = fraction;
            for (var i = fractionDigits; i < 7; i++) ticks *= 10;
        }
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) return false;
        // One DateTimeOffset built from the ticks: built and then moved by AddTicks, it checked its offset twice a line.
        value = new DateTimeOffset(new DateTime(year, month, day, hour, minute, second).Ticks + ticks, TimeSpan.Zero);
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Digits(ReadOnlySpan<byte> text, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            if (!JsonSyntax.IsDigit(text[i])) return false;
            value = value * 10 + (text[i] - '0');
        }
        return true;
    }
}
