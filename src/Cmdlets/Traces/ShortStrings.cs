using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace LocalModels.Traces;

/// <summary>
/// The short strings a thread has decoded lately, by their UTF-8 bytes: a trace repeats the same few values on every
/// line (line and block types, model names, stop reasons, tool names, the message and tool ids its blocks share), and
/// reading them from here instead of allocating each again keeps the import's garbage down. Bounded: a fixed table
/// where a new string takes its slot's place, so hostile input can make it miss but never grow.
/// </summary>
internal sealed class ShortStrings
{
    /// <summary>Longer strings are decoded every time: they are rarely repeated and would fill the table.</summary>
    public const int MaxBytes = 64;

    private const int Slots = 2048;

    private readonly byte[][] _keys = new byte[Slots][];
    private readonly int[] _lengths = new int[Slots];
    private readonly string?[] _values = new string?[Slots];
    private char[] _chars = new char[256];

    /// <summary>
    /// The string <paramref name="count"/> bytes of <paramref name="source"/> decode to with <paramref name="utf8"/>,
    /// taken from the table when the same bytes were decoded before. Invalid UTF-8 throws as decoding does; it is never
    /// kept, so it throws every time.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string Get(byte[] source, int offset, int count, Encoding utf8)
    {
        if (count > MaxBytes) return Decode(source, offset, count, utf8);
        var bytes = new ReadOnlySpan<byte>(source, offset, count);
        var slot = (int)(Hash(bytes) & (Slots - 1));
        var key = _keys[slot];
        if (key is not null && _lengths[slot] == count && KeyStartsWith(key, bytes))
            return _values[slot]!;
        var text = Decode(source, offset, count, utf8);
        key ??= _keys[slot] = new byte[MaxBytes];
        bytes.CopyTo(key);
        _lengths[slot] = count;
        _values[slot] = text;
        return text;
    }

    /// <summary>Longer strings kept for <see cref="GetShared"/>: a session's identity (its working folder) is one of few per import.</summary>
    public const int MaxSharedBytes = 1024;

    private const int SharedSlots = 64;
    private readonly byte[]?[] _sharedKeys = new byte[]?[SharedSlots];
    private readonly string?[] _sharedValues = new string?[SharedSlots];

    /// <summary>
    /// As <see cref="Get"/>, for a value every session repeats though it is longer than <see cref="MaxBytes"/> (a working
    /// folder): each run keeps it, and runs of one project then keep one string instead of one each. Bounded as the
    /// main table is: 64 slots of at most <see cref="MaxSharedBytes"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string GetShared(byte[] source, int offset, int count, Encoding utf8)
    {
        if (count <= MaxBytes || count > MaxSharedBytes) return Get(source, offset, count, utf8);
        var bytes = new ReadOnlySpan<byte>(source, offset, count);
        var slot = (int)(Hash(bytes.Slice(count - MaxBytes)) & (SharedSlots - 1));
        if (_sharedKeys[slot] is { } key && JsonSyntax.SameBytes(bytes, key)) return _sharedValues[slot]!;
        var text = Decode(source, offset, count, utf8);
        _sharedKeys[slot] = bytes.ToArray();
        _sharedValues[slot] = text;
        return text;
    }

    /// <summary>ASCII by the reader's own loop (<see cref="AsciiText"/>), anything else by <paramref name="utf8"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private string Decode(byte[] source, int offset, int count, Encoding utf8) =>
        AsciiText.TryDecode(new ReadOnlySpan<byte>(source, offset, count), ref _chars) ?? utf8.GetString(source, offset, count);

    /// <summary>
    /// Eight bytes at a time (with the compare, <see cref="Get"/> takes a third less time on ids than byte by byte),
    /// each word rotated into the sum before it is multiplied and the total finished with MurmurHash3's mix, so ids
    /// that differ only in their last characters still land in different slots.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static uint Hash(ReadOnlySpan<byte> bytes)
    {
        const ulong Multiplier = 0x9E3779B97F4A7C15UL;
        ref var start = ref MemoryMarshal.GetReference(bytes);
        var hash = (ulong)bytes.Length * Multiplier;
        var at = 0;
        for (; at + sizeof(ulong) <= bytes.Length; at += sizeof(ulong))
            hash = BitOperations.RotateLeft(hash ^ Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, at)), 29) * Multiplier;
        var tail = 0UL;
        for (var shift = 0; at < bytes.Length; at++, shift += 8) tail |= (ulong)Unsafe.Add(ref start, at) << shift;
        hash ^= tail;
        hash = (hash ^ (hash >> 33)) * 0xFF51AFD7ED558CCDUL;
        hash = (hash ^ (hash >> 33)) * 0xC4CEB9FE1A85EC53UL;
        return (uint)(hash ^ (hash >> 33));
    }

    /// <summary>Whether <paramref name="key"/> (<see cref="MaxBytes"/> long, never shorter than <paramref name="bytes"/>) starts with <paramref name="bytes"/>, eight bytes at a time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool KeyStartsWith(byte[] key, ReadOnlySpan<byte> bytes)
    {
        ref var left = ref MemoryMarshal.GetReference(bytes);
        ref var right = ref MemoryMarshal.GetArrayDataReference(key);
        var at = 0;
        for (; at + sizeof(ulong) <= bytes.Length; at += sizeof(ulong))
            if (Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref left, at)) != Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref right, at))) return false;
        for (; at < bytes.Length; at++)
            if (Unsafe.Add(ref left, at) != Unsafe.Add(ref right, at)) return false;
        return true;
    }
}
