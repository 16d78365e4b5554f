using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace LocalModels.Traces;

/// <summary>
/// ASCII bytes decoded by the reader's own loops. Most of a trace's text is ASCII, and Encoding.UTF8 decodes it through
/// the framework's transcoder and validator, large vectorized methods that a fresh pwsh runs precompiled until the
/// runtime recompiles them with instrumentation in the middle of an import (20 to 30 ms of JIT each time, then slower
/// code for the rest of it). These are compiled optimized at once and are never recompiled. A text with a byte beyond
/// ASCII is decoded by Encoding.UTF8 as before: ASCII bytes are valid UTF-8 and each is one character, so both ways
/// give the same string.
/// </summary>
internal static class AsciiText
{
    /// <summary>The index of the first byte of <paramref name="bytes"/> beyond ASCII (0x80 and up), or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int FirstNonAscii(ReadOnlySpan<byte> bytes)
    {
        ref var start = ref MemoryMarshal.GetReference(bytes);
        nuint at = 0, length = (nuint)bytes.Length;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; at + (nuint)Vector256<byte>.Count <= length; at += (nuint)Vector256<byte>.Count)
                if (Vector256.ExtractMostSignificantBits(Vector256.LoadUnsafe(ref start, at)) != 0) break;
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            for (; at + (nuint)Vector128<byte>.Count <= length; at += (nuint)Vector128<byte>.Count)
                if (Vector128.ExtractMostSignificantBits(Vector128.LoadUnsafe(ref start, at)) != 0) break;
        }
        for (; at < length; at++)
            if (Unsafe.Add(ref start, at) >= 0x80) return (int)at;
        return -1;
    }

    /// <summary>Writes the ASCII <paramref name="ascii"/> into <paramref name="into"/>, one character per byte.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Widen(ReadOnlySpan<byte> ascii, Span<char> into)
    {
        if (into.Length < ascii.Length) throw new ArgumentException("The target is shorter than the text.", nameof(into));
        ref var source = ref MemoryMarshal.GetReference(ascii);
        ref var target = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(into));
        nuint at = 0, length = (nuint)ascii.Length;
        if (Vector128.IsHardwareAccelerated)
        {
            for (; at + (nuint)Vector128<byte>.Count <= length; at += (nuint)Vector128<byte>.Count)
            {
                var (lower, upper) = Vector128.Widen(Vector128.LoadUnsafe(ref source, at));
                lower.StoreUnsafe(ref target, at);
                upper.StoreUnsafe(ref target, at + (nuint)Vector128<ushort>.Count);
            }
        }
        for (; at < length; at++) Unsafe.Add(ref target, at) = Unsafe.Add(ref source, at);
    }

    /// <summary>
    /// The string of <paramref name="bytes"/> when they are all ASCII, widened through <paramref name="scratch"/> (grown
    /// as needed); null when one is not, for the caller to decode as UTF-8.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static string? TryDecode(ReadOnlySpan<byte> bytes, ref char[] scratch)
    {
        if (bytes.Length == 0) return string.Empty;
        if (FirstNonAscii(bytes) >= 0) return null;
        if (scratch.Length < bytes.Length) scratch = new char[Math.Max(bytes.Length, 2 * scratch.Length)];
        Widen(bytes, scratch);
        return new string(scratch, 0, bytes.Length);
    }
}
