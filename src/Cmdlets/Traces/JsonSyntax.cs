using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace LocalModels.Traces;

/// <summary>
/// The lexical rules of JSON (RFC 8259, as System.Text.Json applies them: no comments, no trailing commas), over UTF-8
/// bytes, for the trace reader's own tokenizer. The reader runs these on every byte of a gigabyte of transcripts in a
/// pwsh that has only just started; they are compiled fully optimized at once and call nothing that the runtime would
/// first run unoptimized and instrumented, which is what made reading with System.Text.Json slow in a fresh process.
/// Every method returns -1 for bytes that are not valid JSON.
/// </summary>
internal static class JsonSyntax
{
    /// <summary>The first position at or after <paramref name="at"/> that is not JSON whitespace (Claude Code writes none).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int SkipWhitespace(ReadOnlySpan<byte> json, int at)
    {
        if (at < json.Length && json[at] > (byte)' ') return at;
        while (at < json.Length && json[at] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r') at++;
        return at;
    }

    /// <summary>
    /// The position of the closing quote of the string whose content starts at <paramref name="at"/> (just after its
    /// opening quote); <paramref name="escaped"/> says whether it holds escapes. Control characters are refused. The
    /// next byte that matters (a quote, a backslash, a control character) is found a vector at a time, its place in the
    /// vector from its mask, so a name's closing quote is found in one step; escapes (a file's newlines, the quotes of
    /// JSON quoted in JSON) are passed and the search goes on from just after them.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int StringEnd(ReadOnlySpan<byte> json, int at, out bool escaped)
    {
        escaped = false;
        while (true)
        {
            at = NextSpecial(json, at);
            if (at >= json.Length) return -1;
            var b = json[at];
            if (b == (byte)'"') return at;
            if (b < 0x20) return -1;
            escaped = true;
            at = EscapeEnd(json, at);
            if (at < 0) return -1;
        }
    }

    /// <summary>
    /// The first quote, backslash or control character at or after <paramref name="at"/>, or the length: 32 bytes at a
    /// time where the processor has such vectors, else 16, else one.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int NextSpecial(ReadOnlySpan<byte> json, int at)
    {
        ref var start = ref MemoryMarshal.GetReference(json);
        if (Vector256.IsHardwareAccelerated)
        {
            for (; at + Vector256<byte>.Count <= json.Length; at += Vector256<byte>.Count)
            {
                var block = Vector256.LoadUnsafe(ref start, (nuint)at);
                var special = Vector256.Equals(block, Vector256.Create((byte)'"')) | Vector256.Equals(block, Vector256.Create((byte)'\\'))
                    | Vector256.LessThan(block, Vector256.Create((byte)0x20));
                if (special != Vector256<byte>.Zero) return at + BitOperations.TrailingZeroCount(special.ExtractMostSignificantBits());
            }
        }
        if (Vector128.IsHardwareAccelerated)
        {
            for (; at + Vector128<byte>.Count <= json.Length; at += Vector128<byte>.Count)
            {
                var block = Vector128.LoadUnsafe(ref start, (nuint)at);
                var special = Vector128.Equals(block, Vector128.Create((byte)'"')) | Vector128.Equals(block, Vector128.Create((byte)'\\'))
                    | Vector128.LessThan(block, Vector128.Create((byte)0x20));
                if (special != Vector128<byte>.Zero) return at + BitOperations.TrailingZeroCount(special.ExtractMostSignificantBits());
            }
        }
        for (; at < json.Length; at++)
        {
            var b = json[at];
            if (b == (byte)'"' || b == (byte)'\\' || b < 0x20) return at;
        }
        return json.Length;
    }

    /// <summary>The position just after the escape whose backslash is at <paramref name="at"/>; -1 for an invalid one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int EscapeEnd(ReadOnlySpan<byte> json, int at)
    {
        if (++at >= json.Length) return -1;
        switch (json[at])
        {
            case (byte)'"' or (byte)'\\' or (byte)'/' or (byte)'b' or (byte)'f' or (byte)'n' or (byte)'r' or (byte)'t':
                return at + 1;
            case (byte)'u':
                if (at + 4 >= json.Length || !IsHex(json[at + 1]) || !IsHex(json[at + 2]) || !IsHex(json[at + 3]) || !IsHex(json[at + 4])) return -1;
                return at + 5;
            default:
                return -1;
        }
    }

    /// <summary>The position just after the number starting at <paramref name="at"/>: -?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int NumberEnd(ReadOnlySpan<byte> json, int at)
    {
        if (at < json.Length && json[at] == (byte)'-') at++;
        if (at >= json.Length) return -1;
        if (json[at] == (byte)'0') at++;
        else if (IsDigit(json[at])) at = DigitsEnd(json, at);
        else return -1;
        if (at < json.Length && json[at] == (byte)'.')
        {
            if (++at >= json.Length || !IsDigit(json[at])) return -1;
            at = DigitsEnd(json, at);
        }
        if (at < json.Length && json[at] is (byte)'e' or (byte)'E')
        {
            if (++at < json.Length && json[at] is (byte)'+' or (byte)'-') at++;
            if (at >= json.Length || !IsDigit(json[at])) return -1;
            at = DigitsEnd(json, at);
        }
        return at;
    }

    /// <summary>The position just after <paramref name="literal"/> (true, false, null) when it starts at <paramref name="at"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int LiteralEnd(ReadOnlySpan<byte> json, int at, ReadOnlySpan<byte> literal)
    {
        if (at + literal.Length > json.Length) return -1;
        for (var i = 0; i < literal.Length; i++)
            if (json[at + i] != literal[i]) return -1;
        return at + literal.Length;
    }

    /// <summary>Byte-for-byte equality, inlined into its optimized callers (a framework call here would start unoptimized).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool SameBytes(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        if (left.Length != right.Length) return false;
        for (var i = 0; i < left.Length; i++)
            if (left[i] != right[i]) return false;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsHex(byte b) => IsDigit(b) || (uint)((b | 0x20) - 'a') <= 5;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int DigitsEnd(ReadOnlySpan<byte> json, int at)
    {
        while (at < json.Length && IsDigit(json[at])) at++;
        return at;
    }
}
