using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace LocalModels.Traces;

/// <summary>
/// What a trace line says about itself before its first object or array: its kind (the top-level "type") and the
/// scalars a skipped line still contributes (its time, and a transcript's session identity). Most of a real
/// transcript's bytes are Claude Code's own bookkeeping (prompt snapshots, system reminders, request shapes and
/// blobs) that no verdict reads; knowing a line's kind from its head lets the reader pass over the rest of it
/// without tokenizing it. A transcript's attachment line names its kind only after its large attachment object, so
/// a top-level "attachment" object marks the kind too.
/// </summary>
internal readonly struct TraceLineHead
{
    private static ReadOnlySpan<byte> TimestampKey => "\"timestamp\":\""u8;

    private TraceLineHead(string? kind, bool kindKnown, DateTimeOffset? timestamp, bool isSidechain, Value sessionId, Value version, Value cwd, Value permissionMode)
    {
        Kind = kind;
        KindKnown = kindKnown;
        Timestamp = timestamp;
        IsSidechain = isSidechain;
        SessionId = sessionId;
        Version = version;
        WorkingDirectory = cwd;
        PermissionMode = permissionMode;
    }

    /// <summary>One of the kinds the reader reads (as passed to <see cref="TryRead"/>), or null for any other kind (when <see cref="KindKnown"/>).</summary>
    public string? Kind { get; }

    /// <summary>False when the head did not show the kind: the line must be parsed to know it.</summary>
    public bool KindKnown { get; }

    public DateTimeOffset? Timestamp { get; }
    public bool IsSidechain { get; }
    public Value SessionId { get; }
    public Value Version { get; }
    public Value WorkingDirectory { get; }
    public Value PermissionMode { get; }

    /// <summary>Where an unescaped string value lies in the line (Length -1: absent).</summary>
    public readonly record struct Value(int Start, int Length)
    {
        public static readonly Value Absent = new(0, -1);

        public string? Text(ReadOnlySpan<byte> line) => Length < 0 ? null : Encoding.UTF8.GetString(line.Slice(Start, Length).ToArray());

        /// <summary>As <see cref="Text"/>, through the thread's <see cref="ShortStrings.GetShared"/> (a value every session repeats).</summary>
        public string? SharedText(ReadOnlySpan<byte> line)
        {
            if (Length < 0) return null;
            var bytes = line.Slice(Start, Length).ToArray();
            return JsonLine.ForThisThread.Strings.GetShared(bytes, 0, bytes.Length, Encoding.UTF8);
        }
    }

    /// <summary>
    /// Reads the head of <paramref name="line"/>. False when the line cannot be skimmed safely (not an object,
    /// escaped or odd values, not ending in '}', so possibly truncated): the caller parses it whole.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryRead(ReadOnlySpan<byte> line, string[] readKinds, out TraceLineHead head)
    {
        head = default;
        var last = line.Length - 1;
        while (last >= 0 && line[last] is (byte)' ' or (byte)'\t' or (byte)'\r') last--;
        if (last < 0 || line[last] != (byte)'}') return false;

        string? kind = null;
        var kindKnown = false;
        var attachment = false;
        DateTimeOffset? timestamp = null;
        var isSidechain = false;
        Value sessionId = Value.Absent, version = Value.Absent, cwd = Value.Absent, permissionMode = Value.Absent;
        var at = JsonSyntax.SkipWhitespace(line, 0);
        if (at >= line.Length || line[at] != (byte)'{') return false;
        at = JsonSyntax.SkipWhitespace(line, at + 1);
        if (at < line.Length && line[at] != (byte)'}')
        {
            while (true)
            {
                if (at >= line.Length || line[at] != (byte)'"') return false;
                var nameEnd = JsonSyntax.StringEnd(line, at + 1, out var nameEscaped);
                if (nameEnd < 0 || nameEscaped) return false;
                var name = line.Slice(at + 1, nameEnd - at - 1);
                at = JsonSyntax.SkipWhitespace(line, nameEnd + 1);
                if (at >= line.Length || line[at] != (byte)':') return false;
                at = JsonSyntax.SkipWhitespace(line, at + 1);
                if (at >= line.Length) return false;
                var first = line[at];
                if (first is (byte)'{' or (byte)'[')
                {
                    if (!kindKnown && first == (byte)'{' && JsonSyntax.SameBytes(name, "attachment"u8)) kindKnown = attachment = true;
                    break;
                }
                int end;
                var value = Value.Absent;
                switch (first)
                {
                    case (byte)'"':
                        end = JsonSyntax.StringEnd(line, at + 1, out var escaped);
                        if (end < 0 || escaped) return false;
                        value = new Value(at + 1, end - at - 1);
                        end++;
                        break;
                    case (byte)'t': end = JsonSyntax.LiteralEnd(line, at, "true"u8); break;
                    case (byte)'f': end = JsonSyntax.LiteralEnd(line, at, "false"u8); break;
                    case (byte)'n': end = JsonSyntax.LiteralEnd(line, at, "null"u8); break;
                    default: end = JsonSyntax.NumberEnd(line, at); break;
                }
                if (end < 0) return false;
                if (JsonSyntax.SameBytes(name, "type"u8))
                {
                    if (value.Length < 0) return false;
                    kind = KindOf(line.Slice(value.Start, value.Length), readKinds);
                    kindKnown = true;
                }
                else if (JsonSyntax.SameBytes(name, "timestamp"u8))
                {
                    if (value.Length >= 0 && IsoTimestamp.TryParse(line.Slice(at, end - at), out var stamp)) timestamp = stamp;
                }
                else if (JsonSyntax.SameBytes(name, "isSidechain"u8)) isSidechain = first == (byte)'t';
                else if (JsonSyntax.SameBytes(name, "sessionId"u8)) sessionId = value;
                else if (JsonSyntax.SameBytes(name, "version"u8)) version = value;
                else if (JsonSyntax.SameBytes(name, "cwd"u8)) cwd = value;
                else if (JsonSyntax.SameBytes(name, "permissionMode"u8)) permissionMode = value;
                at = JsonSyntax.SkipWhitespace(line, end);
                if (at >= line.Length) return false;
                if (line[at] == (byte)'}') break;
                if (line[at] != (byte)',') return false;
                at = JsonSyntax.SkipWhitespace(line, at + 1);
            }
        }
        // An attachment line's own time comes after its attachment object; the last key of that name is the line's
        // own, since the same bytes inside a string would be escaped.
        if (attachment && timestamp is null) timestamp = LastTimestamp(line);
        head = new TraceLineHead(kind, kindKnown, timestamp, isSidechain, sessionId, version, cwd, permissionMode);
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static string? KindOf(ReadOnlySpan<byte> value, string[] readKinds)
    {
        foreach (var kind in readKinds)
            if (Matches(value, kind)) return kind;
        return null;
    }

    /// <summary>The kinds are ASCII: a byte per character.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool Matches(ReadOnlySpan<byte> value, string ascii)
    {
        if (value.Length != ascii.Length) return false;
        for (var i = 0; i < ascii.Length; i++)
            if (value[i] != ascii[i]) return false;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static DateTimeOffset? LastTimestamp(ReadOnlySpan<byte> line)
    {
        var key = TimestampKey;
        var at = LastIndexOf(line, key);
        if (at < 0) return null;
        var quote = at + key.Length - 1;
        var end = JsonSyntax.StringEnd(line, quote + 1, out _);
        return end >= 0 && IsoTimestamp.TryParse(line.Slice(quote, end - quote + 1), out var timestamp) ? timestamp : null;
    }

    /// <summary>
    /// The last position of <paramref name="key"/> (two bytes or more) in <paramref name="line"/>, or -1. An attachment
    /// line's time can sit kilobytes before its end, so the search looks a vector at a time for the key's first two
    /// bytes together.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int LastIndexOf(ReadOnlySpan<byte> line, ReadOnlySpan<byte> key)
    {
        var firsts = new Vector<byte>(key[0]);
        var seconds = new Vector<byte>(key[1]);
        ref var start = ref MemoryMarshal.GetReference(line);
        var at = line.Length - key.Length;
        while (at >= 0)
        {
            // The candidates from..at; the second bytes' vector ends at at + 1, inside the line as the key is longer.
            var from = at - Vector<byte>.Count + 1;
            if (from >= 0)
            {
                var pairs = Vector.Equals(Unsafe.ReadUnaligned<Vector<byte>>(ref Unsafe.Add(ref start, from)), firsts)
                    & Vector.Equals(Unsafe.ReadUnaligned<Vector<byte>>(ref Unsafe.Add(ref start, from + 1)), seconds);
                if (pairs == Vector<byte>.Zero)
                {
                    at = from - 1;
                    continue;
                }
            }
            else
            {
                from = 0;
            }
            for (; at >= from; at--)
                if (line[at] == key[0] && JsonSyntax.SameBytes(line.Slice(at, key.Length), key)) return at;
        }
        return -1;
    }
}
