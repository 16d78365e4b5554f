using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace LocalModels.Traces;

/// <summary>
/// One trace line parsed into a flat list of tokens that <see cref="JsonNode"/> reads in place: no strings are built
/// until a reader asks for one, and the token list is reused from line to line, so parsing allocates nothing. Each
/// thread has one (<see cref="ForThisThread"/>) for one line at a time. Accepts exactly what System.Text.Json's JsonDocument accepts with the same
/// depth limit, and reads duplicate properties as it does (the last one wins).
/// </summary>
internal sealed class JsonLine
{
    /// <summary>As JsonDocumentOptions.MaxDepth was for traces: deeper lines are refused.</summary>
    public const int MaxDepth = 128;

    /// <summary>A line with more tokens than this does not keep its token list for the next line.</summary>
    private const int KeptTokens = 64 * 1024;

    /// <summary>A string longer than this does not keep its decoding buffer for the next line.</summary>
    private const int KeptScratch = 1024 * 1024;

    internal struct Token
    {
        public JsonValueKind Kind;
        public bool Escaped;
        /// <summary>A string's content (inside its quotes), a number's or literal's bytes, or a container from its bracket.</summary>
        public int Start;
        public int Length;
        /// <summary>The index of the token after this one and everything inside it.</summary>
        public int Next;
    }

    [ThreadStatic]
    private static JsonLine? _threadLine;

    /// <summary>This thread's line: an import reads thousands of files, each line parsed and read before the next.</summary>
    public static JsonLine ForThisThread
    {
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        get => _threadLine ??= new JsonLine();
    }

    private Token[] _tokens = new Token[256];
    private int _count;
    private readonly int[] _open = new int[MaxDepth];
    private byte[] _array = System.Array.Empty<byte>();
    private int _offset;
    private int _length;
    private byte[] _scratch = new byte[256];
    private char[] _charScratch = new char[256];

    internal Token[] Tokens => _tokens;

    /// <summary>
    /// The root object's properties by name, for lookups on the root: a transcript line's root holds about twenty
    /// (ids, times, the working folder, the message) and the reader asks it for several, each of which would otherwise
    /// pass them all. Built at the line's first lookup on its root; open addressing over the name's length and bytes.
    /// Each slot holds a name's token index plus one (0: empty).
    /// </summary>
    private readonly int[] _rootSlots = new int[RootSlots];

    private const int RootSlots = 64;

    /// <summary>More root properties than this (a hand-made line) are looked up by passing them, as other objects are.</summary>
    private const int MaxIndexedRootProperties = RootSlots / 2;

    private enum RootIndex : byte { NotBuilt, Built, Unusable }

    private RootIndex _rootIndex;

    /// <summary>Short strings this thread decoded lately, shared by every line it reads.</summary>
    internal ShortStrings Strings { get; } = new();

    internal byte[] Source => _array;

    internal int Offset => _offset;

    internal ReadOnlySpan<byte> Bytes => new(_array, _offset, _length);

    /// <summary>True when the last <see cref="TryParse"/> refused the line for holding more than <see cref="TraceLimits.MaxLineTokens"/> names and values.</summary>
    public bool TooLarge { get; private set; }

    /// <summary>The parsed line's value (Undefined before a successful <see cref="TryParse"/>).</summary>
    public JsonNode Root => _count > 0 ? new JsonNode(this, 0) : default;

    /// <summary>
    /// Lets go of the line and of buffers a very long line grew: the thread keeps this instance after an import, and
    /// it must not keep a 16 MB line alive with it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Clear()
    {
        _array = System.Array.Empty<byte>();
        _offset = _length = _count = 0;
        if (_tokens.Length > KeptTokens) _tokens = new Token[256];
        if (_scratch.Length > KeptScratch) _scratch = new byte[256];
        if (_charScratch.Length > KeptScratch) _charScratch = new char[256];
    }

    /// <summary>
    /// The index of the value of the root object's property <paramref name="name"/> (the last of that name, as a pass
    /// over them finds it), or -1 when there is none; false when the root is not indexed (an escaped name, too many
    /// properties), and the caller passes over the properties itself.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal bool TryFindRootProperty(ReadOnlySpan<byte> name, out int value)
    {
        value = -1;
        // Built at the first lookup: building at the second instead (a line asked one thing passes its root once) cost
        // more, as almost every line read whole is asked several.
        if (_rootIndex == RootIndex.NotBuilt) _rootIndex = BuildRootIndex();
        if (_rootIndex != RootIndex.Built) return false;
        var bytes = Bytes;
        for (var slot = RootSlot(name); ; slot = (slot + 1) & (RootSlots - 1))
        {
            var entry = _rootSlots[slot];
            if (entry == 0) return true;
            ref var token = ref _tokens[entry - 1];
            if (JsonSyntax.SameBytes(bytes.Slice(token.Start, token.Length), name))
            {
                value = entry;
                return true;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private RootIndex BuildRootIndex()
    {
        if (_count == 0 || _tokens[0].Kind != JsonValueKind.Object) return RootIndex.Unusable;
        System.Array.Clear(_rootSlots);
        var bytes = Bytes;
        var properties = 0;
        for (var property = 1; property < _tokens[0].Next; property = _tokens[property + 1].Next)
        {
            ref var token = ref _tokens[property];
            if (token.Escaped || ++properties > MaxIndexedRootProperties) return RootIndex.Unusable;
            var name = bytes.Slice(token.Start, token.Length);
            var slot = RootSlot(name);
            // A repeated name takes its earlier slot: the last one is the one read.
            while (_rootSlots[slot] != 0 && !JsonSyntax.SameBytes(bytes.Slice(_tokens[_rootSlots[slot] - 1].Start, _tokens[_rootSlots[slot] - 1].Length), name))
                slot = (slot + 1) & (RootSlots - 1);
            _rootSlots[slot] = property + 1;
        }
        return RootIndex.Built;
    }

    /// <summary>A name's first slot: its length and its first, middle and last bytes, mixed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int RootSlot(ReadOnlySpan<byte> name)
    {
        if (name.Length == 0) return 0;
        var key = (uint)name.Length | (uint)name[0] << 8 | (uint)name[name.Length >> 1] << 16 | (uint)name[^1] << 24;
        return (int)((key * 0x9E3779B1u) >> 26);
    }

    /// <summary>A buffer of at least <paramref name="size"/> bytes, reused by the line's string reads.</summary>
    internal byte[] Scratch(int size)
    {
        if (_scratch.Length < size) _scratch = new byte[Math.Max(size, 2 * _scratch.Length)];
        return _scratch;
    }

    /// <summary>A buffer of at least <paramref name="size"/> characters, where cut strings are decoded before their one copy.</summary>
    internal char[] CharScratch(int size)
    {
        if (_charScratch.Length < size) _charScratch = new char[Math.Max(size, 2 * _charScratch.Length)];
        return _charScratch;
    }

    /// <summary>
    /// Parses <paramref name="line"/> (which must stay unchanged while its nodes are read). False: not valid JSON, or
    /// too large to read (<see cref="TooLarge"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryParse(ReadOnlyMemory<byte> line)
    {
        if (!MemoryMarshal.TryGetArray(line, out var segment)) segment = new ArraySegment<byte>(line.ToArray());
        _array = segment.Array!;
        _offset = segment.Offset;
        _length = segment.Count;
        _count = 0;
        _rootIndex = RootIndex.NotBuilt;
        TooLarge = false;
        if (!Tokenize(Bytes))
        {
            _count = 0;
            return false;
        }
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool Tokenize(ReadOnlySpan<byte> json)
    {
        var depth = 0;
        var expectName = false;
        var at = JsonSyntax.SkipWhitespace(json, 0);
        while (true)
        {
            if (at >= json.Length) return false;
            // Each turn of this loop adds one token at most: a name or a value.
            if (_count >= TraceLimits.MaxLineTokens)
            {
                TooLarge = true;
                return false;
            }
            if (expectName)
            {
                if (json[at] != (byte)'"') return false;
                var nameEnd = JsonSyntax.StringEnd(json, at + 1, out var nameEscaped);
                if (nameEnd < 0) return false;
                Add(JsonValueKind.String, nameEscaped, at + 1, nameEnd - at - 1);
                at = JsonSyntax.SkipWhitespace(json, nameEnd + 1);
                if (at >= json.Length || json[at] != (byte)':') return false;
                at = JsonSyntax.SkipWhitespace(json, at + 1);
                expectName = false;
                continue;
            }

            var first = json[at];
            if (first is (byte)'{' or (byte)'[')
            {
                if (depth == MaxDepth) return false;
                _open[depth++] = Add(first == (byte)'{' ? JsonValueKind.Object : JsonValueKind.Array, false, at, 0);
                at = JsonSyntax.SkipWhitespace(json, at + 1);
                // An empty container is closed by the loop below; anything else starts its first member.
                if (at >= json.Length || json[at] != (first == (byte)'{' ? (byte)'}' : (byte)']'))
                {
                    expectName = first == (byte)'{';
                    continue;
                }
            }
            else
            {
                int end;
                switch (first)
                {
                    case (byte)'"':
                        end = JsonSyntax.StringEnd(json, at + 1, out var escaped);
                        if (end < 0) return false;
                        Add(JsonValueKind.String, escaped, at + 1, end - at - 1);
                        end++;
                        break;
                    case (byte)'t':
                        end = JsonSyntax.LiteralEnd(json, at, "true"u8);
                        Add(JsonValueKind.True, false, at, 4);
                        break;
                    case (byte)'f':
                        end = JsonSyntax.LiteralEnd(json, at, "false"u8);
                        Add(JsonValueKind.False, false, at, 5);
                        break;
                    case (byte)'n':
                        end = JsonSyntax.LiteralEnd(json, at, "null"u8);
                        Add(JsonValueKind.Null, false, at, 4);
                        break;
                    default:
                        end = JsonSyntax.NumberEnd(json, at);
                        Add(JsonValueKind.Number, false, at, end - at);
                        break;
                }
                if (end < 0) return false;
                at = end;
            }

            // A value has ended: close the containers that end with it, then expect the next member.
            while (true)
            {
                at = JsonSyntax.SkipWhitespace(json, at);
                if (depth == 0) return at == json.Length;
                if (at >= json.Length) return false;
                var open = _open[depth - 1];
                var inObject = _tokens[open].Kind == JsonValueKind.Object;
                var next = json[at];
                if (next == (byte)',')
                {
                    at = JsonSyntax.SkipWhitespace(json, at + 1);
                    expectName = inObject;
                    break;
                }
                if (next != (inObject ? (byte)'}' : (byte)']')) return false;
                _tokens[open].Length = at + 1 - _tokens[open].Start;
                _tokens[open].Next = _count;
                depth--;
                at++;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Add(JsonValueKind kind, bool escaped, int start, int length)
    {
        if (_count == _tokens.Length) System.Array.Resize(ref _tokens, _count * 2);
        ref var token = ref _tokens[_count];
        token.Kind = kind;
        token.Escaped = escaped;
        token.Start = start;
        token.Length = length;
        token.Next = _count + 1;
        return _count++;
    }
}
