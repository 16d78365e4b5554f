using System;
using System.Buffers.Text;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace LocalModels.Traces;

/// <summary>
/// A value in a parsed <see cref="JsonLine"/>, valid until the line's next parse. Reads are tolerant, as traces come
/// from many CLI versions and can be truncated or hand-edited: a field of the wrong type reads as absent instead of
/// throwing. Strings are decoded as System.Text.Json decodes them, and invalid UTF-8 throws as it does.
/// </summary>
internal readonly struct JsonNode
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly JsonLine? _line;
    private readonly int _index;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal JsonNode(JsonLine line, int index)
    {
        _line = line;
        _index = index;
    }

    public JsonValueKind ValueKind
    {
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        get => _line is null ? JsonValueKind.Undefined : _line.Tokens[_index].Kind;
    }

    /// <summary>The property <paramref name="name"/> of an object (the last one when a name repeats, as System.Text.Json reads it).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryGetProperty(ReadOnlySpan<byte> name, out JsonNode value)
    {
        value = default;
        if (ValueKind != JsonValueKind.Object) return false;
        if (_index == 0 && _line!.TryFindRootProperty(name, out var rootValue))
        {
            if (rootValue < 0) return false;
            value = new JsonNode(_line, rootValue);
            return true;
        }
        var tokens = _line!.Tokens;
        var bytes = _line.Bytes;
        var found = -1;
        for (var property = _index + 1; property < tokens[_index].Next; property = tokens[property + 1].Next)
        {
            ref var token = ref tokens[property];
            if (token.Escaped)
            {
                if (EscapedNameIs(property, name)) found = property + 1;
                continue;
            }
            if (JsonSyntax.SameBytes(bytes.Slice(token.Start, token.Length), name)) found = property + 1;
        }
        if (found < 0) return false;
        value = new JsonNode(_line, found);
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string? Str(ReadOnlySpan<byte> name) => Property(name, JsonValueKind.String) is { } value ? value.GetString() : null;

    public bool Bool(ReadOnlySpan<byte> name) => Property(name, JsonValueKind.True) is not null;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public long Long(ReadOnlySpan<byte> name) => Property(name, JsonValueKind.Number) is { } value && value.TryGetInt64(out var number) ? number : 0;

    public double Double(ReadOnlySpan<byte> name) => Property(name, JsonValueKind.Number) is { } value && value.TryGetDouble(out var number) ? number : 0;

    public int? NullableInt(ReadOnlySpan<byte> name) =>
        Property(name, JsonValueKind.Number) is { } value && value.TryGetInt64(out var number) && number is >= int.MinValue and <= int.MaxValue ? (int)number : null;

    public JsonNode Obj(ReadOnlySpan<byte> name) => Property(name, JsonValueKind.Object) ?? default;

    public JsonNode Arr(ReadOnlySpan<byte> name) => Property(name, JsonValueKind.Array) ?? default;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private JsonNode? Property(ReadOnlySpan<byte> name, JsonValueKind kind) =>
        TryGetProperty(name, out var value) && value.ValueKind == kind ? value : null;

    /// <summary>A string's text; throws InvalidOperationException for any other kind, as JsonElement.GetString does.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string GetString()
    {
        if (ValueKind != JsonValueKind.String) throw new InvalidOperationException($"A JSON {ValueKind} is not a string.");
        var token = _line!.Tokens[_index];
        if (!token.Escaped) return _line.Strings.Get(_line.Source, _line.Offset + token.Start, token.Length, StrictUtf8);
        var unescaped = _line.Scratch(token.Length);
        var length = Unescape(_line.Bytes.Slice(token.Start, token.Length), unescaped);
        if (length >= 0) return _line.Strings.Get(unescaped, 0, length, StrictUtf8);
        // Surrogate escapes (\uD83D\uDE00), lone or paired: System.Text.Json's own rules decide.
        var reader = new Utf8JsonReader(_line.Bytes.Slice(token.Start - 1, token.Length + 2), isFinalBlock: true, state: default);
        reader.Read();
        return reader.GetString()!;
    }

    /// <summary>
    /// The property <paramref name="name"/>'s string, as <see cref="Str(ReadOnlySpan{byte})"/>, taken from the thread's
    /// <see cref="ShortStrings.GetShared"/> when it is not escaped: for values every session repeats.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string? SharedStr(ReadOnlySpan<byte> name)
    {
        if (Property(name, JsonValueKind.String) is not { } value) return null;
        var token = value._line!.Tokens[value._index];
        return token.Escaped ? value.GetString() : value._line.Strings.GetShared(value._line.Source, value._line.Offset + token.Start, token.Length, StrictUtf8);
    }

    /// <summary>
    /// A string's text cut to <paramref name="maxChars"/> as <see cref="TraceLimits.Cut"/> cuts it. Only the part kept
    /// is decoded, into one new string, so a 100 KB tool result costs no 200 KB string; the whole string is still
    /// checked as UTF-8 and throws as <see cref="GetString()"/> does.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string GetString(int maxChars) => DecodeString(maxChars, ellipsis: true);

    /// <summary>The property <paramref name="name"/>'s string cut to <paramref name="maxChars"/> (see <see cref="GetString(int)"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string? Str(ReadOnlySpan<byte> name, int maxChars) => Property(name, JsonValueKind.String) is { } value ? value.GetString(maxChars) : null;

    /// <summary>
    /// At most the first <paramref name="maxChars"/> UTF-16 characters of a string (its whole text when shorter),
    /// decoding no more than that; the rest is only checked as UTF-8.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string Prefix(int maxChars) => DecodeString(maxChars, ellipsis: false);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private string DecodeString(int maxChars, bool ellipsis)
    {
        if (ValueKind != JsonValueKind.String) throw new InvalidOperationException($"A JSON {ValueKind} is not a string.");
        var token = _line!.Tokens[_index];
        if (!token.Escaped) return DecodeCut(_line.Source, _line.Offset + token.Start, token.Length, maxChars, ellipsis);
        var unescaped = _line.Scratch(token.Length);
        var length = Unescape(_line.Bytes.Slice(token.Start, token.Length), unescaped);
        if (length >= 0) return DecodeCut(unescaped, 0, length, maxChars, ellipsis);
        var whole = GetString();
        if (whole.Length <= maxChars) return whole;
        return ellipsis ? TraceLimits.Cut(whole, maxChars) : whole.Substring(0, maxChars);
    }

    /// <summary>The value's JSON text as it stands in the line.</summary>
    public string GetRawText() => GetRawText(int.MaxValue);

    /// <summary>The value's JSON text cut to <paramref name="maxChars"/> as <see cref="TraceLimits.Cut"/> cuts it, decoding only the part kept.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string GetRawText(int maxChars)
    {
        if (_line is null) throw new InvalidOperationException("An undefined JSON value has no text.");
        var token = _line.Tokens[_index];
        var quotes = token.Kind == JsonValueKind.String ? 1 : 0;
        return DecodeCut(_line.Source, _line.Offset + token.Start - quotes, token.Length + 2 * quotes, maxChars, ellipsis: true);
    }

    /// <summary>
    /// The text of <paramref name="count"/> UTF-8 bytes, cut to its first <paramref name="maxChars"/> UTF-16 characters
    /// when longer (and then ended with "…" when <paramref name="ellipsis"/>, as <see cref="TraceLimits.Cut"/> ends it).
    /// All the bytes are checked: invalid UTF-8 throws DecoderFallbackException wherever it is, as decoding them whole
    /// would. A cut text is decoded into the line's buffer and copied once.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private string DecodeCut(byte[] bytes, int offset, int count, int maxChars, bool ellipsis)
    {
        // A UTF-8 byte never makes more than one UTF-16 character, so a string no longer in bytes is kept whole.
        if (count <= maxChars) return _line!.Strings.Get(bytes, offset, count, StrictUtf8);
        if (AsciiText.FirstNonAscii(new ReadOnlySpan<byte>(bytes, offset, count)) < 0)
        {
            // All ASCII, so valid, and one character a byte: longer than the cut.
            var ascii = _line!.CharScratch(maxChars + 1);
            AsciiText.Widen(new ReadOnlySpan<byte>(bytes, offset, maxChars), ascii);
            return Finish(ascii, maxChars, ellipsis);
        }
        if (StrictUtf8.GetCharCount(bytes, offset, count) <= maxChars) return StrictUtf8.GetString(bytes, offset, count);
        // Valid from here on: each lead byte says how long its sequence is, and four-byte ones make two characters.
        int at = offset, end = offset + count, chars = 0;
        while (at < end && chars < maxChars)
        {
            var lead = bytes[at];
            var size = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
            chars += size == 4 ? 2 : 1;
            at += size;
        }
        // The last sequence may make one character past the cut (half of a pair), as cutting the whole text would.
        var buffer = _line!.CharScratch(maxChars + 2);
        StrictUtf8.GetChars(bytes, offset, Math.Min(at, end) - offset, buffer, 0);
        return Finish(buffer, maxChars, ellipsis);
    }

    /// <summary>The first <paramref name="maxChars"/> characters of <paramref name="buffer"/>, ended with "…" when <paramref name="ellipsis"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static string Finish(char[] buffer, int maxChars, bool ellipsis)
    {
        if (!ellipsis) return new string(buffer, 0, maxChars);
        buffer[maxChars] = '…';
        return new string(buffer, 0, maxChars + 1);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryGetDateTimeOffset(out DateTimeOffset value)
    {
        value = default;
        if (ValueKind != JsonValueKind.String) return false;
        var token = _line!.Tokens[_index];
        return IsoTimestamp.TryParse(_line.Bytes.Slice(token.Start - 1, token.Length + 2), out value);
    }

    /// <summary>An integer number (as Int64, no fraction or exponent), as JsonElement.TryGetInt64 reads it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryGetInt64(out long value)
    {
        value = 0;
        if (ValueKind != JsonValueKind.Number) return false;
        var token = _line!.Tokens[_index];
        var digits = _line.Bytes.Slice(token.Start, token.Length);
        var negative = digits[0] == (byte)'-';
        ulong magnitude = 0;
        for (var i = negative ? 1 : 0; i < digits.Length; i++)
        {
            if (!JsonSyntax.IsDigit(digits[i]) || magnitude > (ulong.MaxValue - 9) / 10) return false;
            magnitude = magnitude * 10 + (ulong)(digits[i] - '0');
        }
        if (magnitude > (negative ? (ulong)long.MaxValue + 1 : long.MaxValue)) return false;
        value = negative ? (long)(0 - magnitude) : (long)magnitude;
        return true;
    }

    public bool TryGetDouble(out double value)
    {
        value = 0;
        if (ValueKind != JsonValueKind.Number) return false;
        var token = _line!.Tokens[_index];
        var text = _line.Bytes.Slice(token.Start, token.Length);
        return Utf8Parser.TryParse(text, out value, out var consumed) && consumed == text.Length;
    }

    /// <summary>The items of an array; throws InvalidOperationException for any other kind, as JsonElement does.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ArrayItems EnumerateArray()
    {
        if (ValueKind != JsonValueKind.Array) throw new InvalidOperationException($"A JSON {ValueKind} is not an array.");
        return new ArrayItems(_line!, _index);
    }

    /// <summary>The property names of an object, in order, up to <paramref name="max"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public IReadOnlyList<string> PropertyNames(int max)
    {
        if (ValueKind != JsonValueKind.Object) return Array.Empty<string>();
        var names = new List<string>();
        var tokens = _line!.Tokens;
        for (var property = _index + 1; property < tokens[_index].Next && names.Count < max; property = tokens[property + 1].Next)
            names.Add(new JsonNode(_line, property).GetString());
        return names;
    }

    /// <summary>Text of a tool_result content: a string, or the text blocks of an array joined by newlines.</summary>
    public string ContentText() => ContentText(int.MaxValue);

    /// <summary>
    /// <see cref="ContentText()"/> cut to <paramref name="maxChars"/> as <see cref="TraceLimits.Cut"/> cuts it, decoding
    /// only the part kept (every block's text is still checked as UTF-8).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string ContentText(int maxChars)
    {
        if (ValueKind == JsonValueKind.String) return maxChars == int.MaxValue ? GetString() : GetString(maxChars);
        if (ValueKind != JsonValueKind.Array) return "";
        if (OnlyTextBlock() is { } only) return maxChars == int.MaxValue ? only.GetString() : only.GetString(maxChars);
        // Cut(whole, max) depends only on the whole text's first max + 1 characters.
        var keep = maxChars == int.MaxValue ? maxChars : maxChars + 1;
        var joined = new StringBuilder();
        var first = true;
        foreach (var block in EnumerateArray())
        {
            if (block.Property("text"u8, JsonValueKind.String) is not { } text) continue;
            if (!first && joined.Length < keep) joined.Append('\n');
            first = false;
            var room = keep - joined.Length;
            joined.Append(text.Prefix(room));
        }
        return maxChars == int.MaxValue ? joined.ToString() : TraceLimits.Cut(joined.ToString(), maxChars);
    }

    /// <summary>
    /// Whether <see cref="ContentText()"/> might contain <paramref name="needle"/>, told from the content's bytes without
    /// decoding them: false only when no text holds the needle's bytes and none has a \u escape, which could spell it.
    /// The needle must be ASCII with no character JSON escapes (no quote, backslash, slash or control character), so
    /// every occurrence in the text stands as it is in the bytes. Every text is checked as UTF-8 all the same, and
    /// invalid UTF-8 throws as ContentText would: a line is read, or refused, whichever text of it a reader decodes.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool ContentTextMayContain(ReadOnlySpan<byte> needle)
    {
        if (ValueKind == JsonValueKind.String) return TextMayContain(needle);
        if (ValueKind != JsonValueKind.Array) return false;
        var may = false;
        foreach (var block in EnumerateArray())
            if (block.Property("text"u8, JsonValueKind.String) is { } text && text.TextMayContain(needle)) may = true;
        return may;
    }

    /// <summary>See <see cref="ContentTextMayContain"/>, for one string.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool TextMayContain(ReadOnlySpan<byte> needle)
    {
        var token = _line!.Tokens[_index];
        var bytes = _line.Bytes.Slice(token.Start, token.Length);
        if (token.Escaped && bytes.IndexOf("\\u"u8) >= 0)
        {
            // Decoded as before: only decoding judges a \u escape of a surrogate.
            Prefix(0);
            return true;
        }
        // The other escapes stand for ASCII characters, so they neither make nor mend invalid UTF-8.
        if (AsciiText.FirstNonAscii(bytes) >= 0) StrictUtf8.GetCharCount(bytes);
        return bytes.IndexOf(needle) >= 0;
    }

    /// <summary>An array's one text block's text (the usual tool result), or null when it has none or several.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private JsonNode? OnlyTextBlock()
    {
        JsonNode? only = null;
        foreach (var block in EnumerateArray())
        {
            if (block.Property("text"u8, JsonValueKind.String) is not { } text) continue;
            if (only is not null) return null;
            only = text;
        }
        return only;
    }

    private bool EscapedNameIs(int property, ReadOnlySpan<byte> name) =>
        new JsonNode(_line!, property).GetString() == Encoding.UTF8.GetString(name.ToArray());

    /// <summary>
    /// Writes the UTF-8 of an escaped string's content to <paramref name="into"/> (never longer than the content) and
    /// returns its length; -1 for a \u escape of a surrogate, which needs its pair.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Unescape(ReadOnlySpan<byte> content, byte[] into)
    {
        var length = 0;
        for (var i = 0; i < content.Length; i++)
        {
            var b = content[i];
            if (b != (byte)'\\')
            {
                into[length++] = b;
                continue;
            }
            switch (content[++i])
            {
                case (byte)'b': into[length++] = (byte)'\b'; break;
                case (byte)'f': into[length++] = (byte)'\f'; break;
                case (byte)'n': into[length++] = (byte)'\n'; break;
                case (byte)'r': into[length++] = (byte)'\r'; break;
                case (byte)'t': into[length++] = (byte)'\t'; break;
                case (byte)'u':
                    var code = Hex(content[i + 1]) << 12 | Hex(content[i + 2]) << 8 | Hex(content[i + 3]) << 4 | Hex(content[i + 4]);
                    i += 4;
                    if (code is >= 0xD800 and <= 0xDFFF) return -1;
                    if (code < 0x80)
                    {
                        into[length++] = (byte)code;
                    }
                    else if (code < 0x800)
                    {
                        into[length++] = (byte)(0xC0 | code >> 6);
                        into[length++] = (byte)(0x80 | code & 0x3F);
                    }
                    else
                    {
                        into[length++] = (byte)(0xE0 | code >> 12);
                        into[length++] = (byte)(0x80 | code >> 6 & 0x3F);
                        into[length++] = (byte)(0x80 | code & 0x3F);
                    }
                    break;
                default: into[length++] = content[i]; break; // \" \\ \/
            }
        }
        return length;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Hex(byte b) => b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10;

    /// <summary>Enumerates an array's items without allocating.</summary>
    internal struct ArrayItems
    {
        private readonly JsonLine _line;
        private readonly int _end;
        private int _next;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        internal ArrayItems(JsonLine line, int array)
        {
            _line = line;
            _end = line.Tokens[array].Next;
            _next = array + 1;
            Current = default;
        }

        public JsonNode Current { get; private set; }

        public ArrayItems GetEnumerator() => this;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public bool MoveNext()
        {
            if (_next >= _end) return false;
            Current = new JsonNode(_line, _next);
            _next = _line.Tokens[_next].Next;
            return true;
        }
    }
}
