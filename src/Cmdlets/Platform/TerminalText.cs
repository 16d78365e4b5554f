using System;
using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace LocalModels.Platform;

/// <summary>
/// Text a model, a trace or a copied folder chose, made safe to print. A terminal acts on control characters: ESC
/// starts sequences that retitle the window, write the clipboard (OSC 52) or hide what follows, CR and backspace
/// overwrite what was printed, and bidirectional controls reorder what is shown. Each becomes a visible stand-in (C0
/// controls their Control Picture, ESC as ␛; the others U+FFFD), so the text still says something happened there.
/// Newlines and tabs stay.
/// </summary>
internal static class TerminalText
{
    private static readonly SearchValues<char> Unsafe = SearchValues.Create(
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000B\u000C\u000D\u000E\u000F" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F" +
        "\u007F\u0080\u0081\u0082\u0083\u0084\u0085\u0086\u0087\u0088\u0089\u008A\u008B\u008C\u008D\u008E\u008F" +
        "\u0090\u0091\u0092\u0093\u0094\u0095\u0096\u0097\u0098\u0099\u009A\u009B\u009C\u009D\u009E\u009F" +
        "\u061C\u200E\u200F\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069");

    // Compiled optimized at once, as the reader is: every string of every imported run passes here, and code compiled
    // ahead of time this hot is recompiled with instrumentation in the middle of an import.
    /// <summary>The text with every unsafe character replaced; the same string when there is none.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static string Safe(string? text)
    {
        if (text is null) return "";
        var first = FirstUnsafe(text);
        if (first < 0) return text;
        return string.Create(text.Length, (text, first), static (target, state) =>
        {
            state.text.AsSpan().CopyTo(target);
            for (var i = state.first; i < target.Length; i++)
                if (Unsafe.Contains(target[i])) target[i] = StandIn(target[i]);
        });
    }

    /// <summary>
    /// The index of the first unsafe character, or -1. Every unsafe character is outside printable ASCII, which is most
    /// of any text: it is passed over eight characters at a time, and only what is outside it is looked up. (IndexOfAny
    /// over the whole set goes character by character through the rest of a text once it meets one beyond ASCII, such
    /// as the ellipsis a cut text ends with.)
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static int FirstUnsafe(ReadOnlySpan<char> text)
    {
        var units = MemoryMarshal.Cast<char, ushort>(text);
        var i = 0;
        while (i < units.Length)
        {
            if (Vector128.IsHardwareAccelerated)
            {
                var space = Vector128.Create((ushort)' ');
                var tilde = Vector128.Create((ushort)'~');
                for (; i + Vector128<ushort>.Count <= units.Length; i += Vector128<ushort>.Count)
                {
                    var block = Vector128.Create(units.Slice(i, Vector128<ushort>.Count));
                    if ((Vector128.LessThan(block, space) | Vector128.GreaterThan(block, tilde)) != Vector128<ushort>.Zero) break;
                }
            }
            var end = Math.Min(units.Length, i + Vector128<ushort>.Count);
            for (; i < end; i++)
                if ((units[i] < ' ' || units[i] > '~') && Unsafe.Contains(text[i])) return i;
        }
        return -1;
    }

    private static char StandIn(char c) => c switch
    {
        < '\u0020' => (char)('\u2400' + c),
        '\u007F' => '\u2421',
        _ => '\uFFFD',
    };
}
