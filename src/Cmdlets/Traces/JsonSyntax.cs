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
    /// bytes that matter (quotes, backslashes, control characters) are found a vector at a time, and every one a vector
    /// holds is taken from its mask in turn: text with an escape every few bytes (a file's newlines, the quotes of JSON
    /// quoted in JSON) is read a vector at a time too, not searched again from just after each escape.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int StringEnd(ReadOnlySpan<byte> json, int at, out bool escaped)
    {
        escaped = false;
        ref var start = ref MemoryMarshal.GetReference(json);
        int end;
        if (Vector256.IsHardwareAccelerated)
        {
            while (at + Vector256<byte>.Count <= json.Length)
            {
                var block = Vector256.LoadUnsafe(ref start, (nuint)at);
                var special = Vector256.Equals(block, Vector256.Create((byte)'"')) | Vector256.Equals(block, Vector256.Create((byte)'\\'))
                    | Vector256.LessThan(block, Vector256.Create((byte)0x20));
                if (EndsInBlock(json, at, Vector256<byte>.Count, special.ExtractMostSignificantBits(), ref escaped, out end)) return end;
                at = end;
            }
        }
        if (Vector128.IsHardwareAccelerated)
        {
            while (at + Vector128<byte>.Count <= json.Length)
            {
                var block = Vector128.LoadUnsafe(ref start, (nuint)at);
                var special = Vector128.Equals(block, Vector128.Create((byte)'"')) | Vector128.Equals(block, Vector128.Create((byte)'\\'))
                    | Vector128.LessThan(block, Vector128.Create((byte)0x20));
                if (EndsInBlock(json, at, Vector128<byte>.Count, special.ExtractMostSignificantBits(), ref escaped, out end)) return end;
                at = end;
            }
        }
        while (at < json.Length)
        {
            var b = json[at];
            var special = b == (byte)'"' || b == (byte)'\\' || b < 0x20 ? 1u : 0u;
            if (EndsInBlock(json, at, 1, special, ref escaped, out end)) return end;
            at = end;
        }
        return -1;
    }

    /// <summary>
    /// Takes the block of <paramref name="width"/> bytes at <paramref name="blockStart"/> whose quotes, backslashes and
    /// control characters are the set bits of <paramref name="special"/>, in order. True when the string ends there:
    /// <paramref name="end"/> is its closing quote, or -1 for a control character or a bad escape. False when it goes
    /// on: <paramref name="end"/> is where to read on, after the block or after an escape that runs past it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool EndsInBlock(ReadOnlySpan<byte> json, int blockStart, int width, uint special, ref bool escaped, out int end)
    {
        end = blockStart + width;
        while (special != 0)
        {
            var at = blockStart + BitOperations.TrailingZeroCount(special);
            var b = json[at];
            if (b == (byte)'"')
            {
                end = at;
                return true;
            }
            var after = b < 0x20 ? -1 : EscapeEnd(json, at);
            if (after < 0)
            {
                end = -1;
                return true;
            }
            escaped = true;
            if (after >= end)
            {
                // The escape runs past the block (or ends it): the next block starts just after it.
                end = after;
                return false;
            }
            // Its bits and the escape's own bytes are done with; the block's later ones are next.
            special &= ~0u << (after - blockStart);
        }
        return false;
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
