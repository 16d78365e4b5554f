using System;
using LocalModels.Polyfills;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

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
    private static readonly byte[] TimestampKey = Encoding.UTF8.GetBytes("\"timestamp\":\"");

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
    }

    /// <summary>
    /// Reads the head of <paramref name="line"/>. False when the line cannot be skimmed safely (not an object,
    /// escaped or odd values, not ending in '}', so possibly truncated): the caller parses it whole.
    /// </summary>
    [MethodImpl(Optimization.Aggressive)]
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
        var reader = new Utf8JsonReader(line, isFinalBlock: true, state: default);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueIsEscaped) return false;
                var name = reader.ValueSpan;
                if (!reader.Read()) return false;
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    if (!kindKnown && reader.TokenType == JsonTokenType.StartObject && name.SequenceEqual("attachment"u8))
                        kindKnown = attachment = true;
                    break;
                }
                if (reader.TokenType == JsonTokenType.String && reader.ValueIsEscaped) return false;
                if (name.SequenceEqual("type"u8))
                {
                    if (reader.TokenType != JsonTokenType.String) return false;
                    kind = KindOf(reader.ValueSpan, readKinds);
                    kindKnown = true;
                }
                else if (name.SequenceEqual("timestamp"u8))
                {
                    if (reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out var at)) timestamp = at;
                }
                else if (name.SequenceEqual("isSidechain"u8)) isSidechain = reader.TokenType == JsonTokenType.True;
                else if (name.SequenceEqual("sessionId"u8)) sessionId = StringAt(ref reader);
                else if (name.SequenceEqual("version"u8)) version = StringAt(ref reader);
                else if (name.SequenceEqual("cwd"u8)) cwd = StringAt(ref reader);
                else if (name.SequenceEqual("permissionMode"u8)) permissionMode = StringAt(ref reader);
            }
        }
        catch (JsonException)
        {
            return false;
        }
        // An attachment line's own time comes after its attachment object; the last key of that name is the line's
        // own, since the same bytes inside a string would be escaped.
        if (attachment && timestamp is null) timestamp = LastTimestamp(line);
        head = new TraceLineHead(kind, kindKnown, timestamp, isSidechain, sessionId, version, cwd, permissionMode);
        return true;
    }

    [MethodImpl(Optimization.Aggressive)]
    private static string? KindOf(ReadOnlySpan<byte> value, string[] readKinds)
    {
        foreach (var kind in readKinds)
            if (value.Length == kind.Length && Matches(value, kind)) return kind;
        return null;
    }

    /// <summary>The kinds are ASCII names: a byte per character.</summary>
    [MethodImpl(Optimization.Aggressive)]
    private static bool Matches(ReadOnlySpan<byte> value, string ascii)
    {
        for (var i = 0; i < ascii.Length; i++)
            if (value[i] != ascii[i]) return false;
        return true;
    }

    private static Value StringAt(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && !reader.HasValueSequence
            ? new Value((int)reader.TokenStartIndex + 1, reader.ValueSpan.Length)
            : Value.Absent;

    private static DateTimeOffset? LastTimestamp(ReadOnlySpan<byte> line)
    {
        var at = line.LastIndexOf(TimestampKey);
        if (at < 0) return null;
        var value = new Utf8JsonReader(line.Slice(at + TimestampKey.Length - 1), isFinalBlock: false, state: default);
        try
        {
            return value.Read() && value.TokenType == JsonTokenType.String && value.TryGetDateTimeOffset(out var timestamp) ? timestamp : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
