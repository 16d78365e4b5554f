using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using LocalModels.Verification;

namespace LocalModels.Classification;

/// <summary>
/// What a model's text says about its run, in general terms (never our simulator's exact wording): a refusal, a
/// tool call written out instead of made, a deliverable printed instead of written, or an announced next step
/// that never came.
/// </summary>
/// <remarks>
/// The scans that read every character of every text of an import (<see cref="MayRefuse"/>,
/// <see cref="LooksLikeDocument"/>, <see cref="MayNameRepositoryThings"/>) are compiled optimized at once, as the trace
/// reader's per-line methods are (see Compilation/OptimizedMethods): compiled ahead of time they call the framework's
/// character tests instead of inlining them, and are recompiled with instrumentation mid-import. Marked, a
/// whole-process import took 0.93 s against 1.02 s (median of ten alternating rounds; 0.98 s against 1.00 s in another ten).
/// </remarks>
internal static partial class TextPatterns
{
    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.IgnoreCase;

    private const string Apostrophe = "(?:'|’)";

    /// <summary>
    /// Declining in any wording: the first person who cannot, will not or may not ("I'm not in a position to", "I'd
    /// rather not", "I'll have to pass"), the task placed out of reach ("not something I can", "beyond my"), and (in
    /// <see cref="ApologyPattern"/>) an apology or regret that comes with a negation in the same sentence.
    /// </summary>
    internal const string RefusalPattern =
        @"\bI\s+(?:can" + Apostrophe + @"?t|cannot|can\s+not|could\s+not|couldn" + Apostrophe + @"t|won" + Apostrophe + @"t|will\s+not|decline|refuse|must\s+(?:decline|refuse|pass)|(?:have|need)\s+to\s+(?:decline|refuse|pass|stop)|(?:would|should)\s+(?:rather|prefer)\s+not|am\s+(?:not\s+(?:able|going|in\s+a\s+position|permitted|allowed)|unable|afraid))\b"
        + @"|\bI" + Apostrophe + @"m\s+(?:not\s+(?:able|going|in\s+a\s+position|permitted|allowed)|unable|afraid)\b"
        + @"|\bI" + Apostrophe + @"d\s+(?:rather|prefer)\s+not\b|\bI" + Apostrophe + @"ll\s+(?:have\s+to\s+)?(?:pass|decline|refuse|stop\s+here)\b"
        + @"|\bI\s+(?:don" + Apostrophe + @"t|do\s+not|lack)\s+(?:have\s+)?(?:the\s+)?(?:ability|access|permission|capability|capabilities|means)\b"
        + @"|\b(?:not|n" + Apostrophe + @"t)\s+something\s+I\b|\b(?:outside|beyond)\s+(?:of\s+)?(?:my|what\s+I)\b|\bnot\s+able\s+to\s+(?:help|assist)\s+with"
        + @"|\bagainst\s+my\s+(?:guidelines|policy|policies)|\bas\s+an\s+AI\b";

    private const string ApologyWords = @"\b(?:sorry|apologies|apologi[sz]e|regrettably|unfortunately)\b";

    /// <summary>An apology or regret, then a negation later in the same sentence ("Sorry, I can't help with that").</summary>
    internal const string ApologyPattern = ApologyWords + @"[^.!?\n]*?(?:\bnot\b|n" + Apostrophe + @"t\b|\bno\b|\bunable\b|\bcannot\b|\bbeyond\b|\boutside\b)";

    // The classifier's fixed patterns are generated at build time ([GeneratedRegex]) and ship compiled with the module:
    // no pattern is parsed as an import starts, and matching runs compiled code rather than the regex interpreter.
    private static readonly Regex Refusal = RefusalRegex();
    private static readonly Regex Apology = ApologyRegex();
    private static readonly Regex ApologyAt = ApologyAtRegex();

    [GeneratedRegex(RefusalPattern, Options)]
    private static partial Regex RefusalRegex();

    [GeneratedRegex(ApologyWords, Options)]
    private static partial Regex ApologyRegex();

    [GeneratedRegex(@"\G" + ApologyPattern, Options)]
    private static partial Regex ApologyAtRegex();

    /// <summary>
    /// A text's last sentence announcing a next step: "Let me ...", "I'll ...", "Next, I ...". An offer that hands the
    /// turn back ("Let me know if ...", "I'll be happy to ...") announces nothing.
    /// </summary>
    private const string AnnouncePattern =
        @"(?:^|[.!\n]\s*)(?:let\s+me(?!\s+know\b)|let(?:'|’)s|i(?:'|’)ll" + NoOffer + @"|i\s+will" + NoOffer + @"|i\s+am\s+going\s+to|i(?:'|’)m\s+going\s+to|next,?\s+i|now\s+i(?:'|’)ll|now\s+i\s+will|now,?\s+let\s+me|i\s+need\s+to|first,?\s+i(?:'|’)ll)\b[^.!\n]*(?>[.!:…]*)(?>\s*)$";

    /// <summary>After "I'll" or "I will": not an offer to be around ("be happy to", "be here if").</summary>
    private const string NoOffer = @"(?!\s+be\s+(?:happy|glad|here|around|available)\b)";

    // Searched from the end, where every match ends: searched from the start, each line break of a run of blank lines
    // began a try that read the rest of the run, time growing with the run's square. The closing marks and blanks are
    // taken whole (atomic), so a text ending in blanks is not read again for each. Whether a match exists is the same.
    private static readonly Regex Announces = new(AnnouncePattern, Options | RegexOptions.RightToLeft);

    /// <summary>
    /// True when <paramref name="text"/> says something checkable about a repository: a file or folder path, or a
    /// command in code. An answer that does, given without reading anything, is made up; one that does not says nothing.
    /// </summary>
    public static bool NamesRepositoryThings(string text) =>
        MayNameRepositoryThings(text) && ReferenceExtraction.NamesPathOrCommand(text);

    /// <summary>
    /// False when <paramref name="text"/> can hold no path and no command, found without the extraction's regexes: a
    /// path in prose holds a '/' or a '.' and a file extension (which starts with a lowercase ASCII letter), and code is
    /// marked with '`' or a '~~~' fence. The answers of a run that made no tool call ("I'm sorry, I can't do that.")
    /// mostly hold none of them.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static bool MayNameRepositoryThings(string text)
    {
        var span = text.AsSpan();
        if (span.IndexOfAny('/', '`', '~') >= 0) return true;
        for (var rest = span; rest.IndexOf('.') is var dot and >= 0 && dot + 1 < rest.Length; rest = rest.Slice(dot + 1))
            if (rest[dot + 1] is >= 'a' and <= 'z') return true;
        return false;
    }

    /// <summary>The refusal sentence in <paramref name="text"/>, or null.</summary>
    public static string? FindRefusal(string text) => MayRefuse(text) && RefusalAt(text) is var at and >= 0 ? Sentence(text, at) : null;

    /// <summary>
    /// Where the first refusal in <paramref name="text"/> starts (as <see cref="RefusalPattern"/> or
    /// <see cref="ApologyPattern"/> would find it, whichever starts first), or -1. An apology is tried only at the
    /// first apology of its sentence: one that finds no negation before the sentence ends leaves none for a later one
    /// in the same sentence to find. Trying each, as one regex did, took a text of "sorry " six hundred times a fifth of
    /// a second, and a run keeps up to 800 texts.
    /// </summary>
    internal static int RefusalAt(string text)
    {
        var first = Refusal.Match(text) is { Success: true } refusal ? refusal.Index : -1;
        var triedUpTo = -1;
        for (var apology = Apology.Match(text); apology.Success && (first < 0 || apology.Index < first); apology = apology.NextMatch())
        {
            if (apology.Index < triedUpTo) continue;
            if (ApologyAt.Match(text, apology.Index).Success) return apology.Index;
            triedUpTo = SentenceEnd(text, apology.Index);
        }
        return first;
    }

    /// <summary>Where the sentence holding <paramref name="index"/> ends: its . ! ? or line break, or the text's end.</summary>
    private static int SentenceEnd(string text, int index)
    {
        var end = index;
        while (end < text.Length && text[end] is not ('.' or '!' or '?' or '\n')) end++;
        return end;
    }

    /// <summary>
    /// Every way <see cref="RefusalPattern"/> and <see cref="ApologyPattern"/> can match holds one of these, in any case
    /// (the "as an AI" aside apart): "cannot" holds "not", "can't" "n't", "I lack the means" "means", "I'll pass" "pass".
    /// </summary>
    private static readonly string[] RefusalWords =
    {
        "not", "n't", "n’t", "cant", "decline", "refuse", "pass", "stop", "unable", "afraid", "abilit", "access",
        "permission", "capabilit", "means", "outside", "beyond", "sorry", "apolog", "regrettably", "unfortunately", "against",
    };

    /// <summary>
    /// False when neither refusal pattern can match <paramref name="text"/>, found with a few ordinal searches instead
    /// of the regex: most texts of an import hold none of its words. A text with a letter beyond ASCII goes to the
    /// regex as it is, whose case rules reach further there than an ordinal comparison does (the Kelvin sign is a k).
    /// </summary>
    /// <remarks>
    /// One pass, each word looked for only where its first letter stands, instead of an ordinal search per word: those
    /// searches are a framework method that a fresh pwsh recompiled with instrumentation in the middle of an import.
    /// With no letter beyond ASCII, ignoring case ordinally is folding A-Z to a-z (no other character folds to one of
    /// the words' characters).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static bool MayRefuse(string text)
    {
        foreach (var c in text)
            if (c > '\u007F' && char.IsLetter(c)) return true;
        for (var at = 0; at < text.Length; at++)
        {
            var first = FoldAscii(text[at]);
            if (first >= RefusalWordsByFirst.Length || RefusalWordsByFirst[first] is not { } words) continue;
            foreach (var word in words)
                if (WordAt(text, at, word)) return true;
            // "as an AI": an "ai" after a blank.
            if (first == 'a' && at > 0 && at + 1 < text.Length && FoldAscii(text[at + 1]) == 'i' && char.IsWhiteSpace(text[at - 1])) return true;
        }
        return false;
    }

    /// <summary><see cref="RefusalWords"/> by their first letter ('a' also opens "as an AI").</summary>
    private static readonly string[]?[] RefusalWordsByFirst = ByFirstLetter(RefusalWords, extraFirst: 'a');

    private static string[]?[] ByFirstLetter(string[] words, char extraFirst)
    {
        var table = new string[]?[128];
        foreach (var word in words) table[word[0]] = [.. table[word[0]] ?? [], word];
        table[extraFirst] ??= [];
        return table;
    }

    private static char FoldAscii(char c) => c is >= 'A' and <= 'Z' ? (char)(c | 0x20) : c;

    private static bool WordAt(string text, int at, string word)
    {
        if (at + word.Length > text.Length) return false;
        for (var i = 0; i < word.Length; i++)
            if (FoldAscii(text[at + i]) != word[i]) return false;
        return true;
    }


    /// <summary>The sentence where the text says it will use a tool (for evidence), or the first line.</summary>
    public static string QuoteAbout(string text, string tool)
    {
        var index = text.IndexOf(tool, StringComparison.Ordinal);
        return index < 0 ? Sentence(text, 0) : Sentence(text, index);
    }

    /// <summary>True when the text ends by announcing a next step ("Let me start with the overview section first.").</summary>
    public static bool AnnouncesMoreWork(string text) => Announces.IsMatch(text.TrimEnd());

    /// <summary>
    /// True when a text looks like the deliverable itself printed as the answer: long markdown with headings and
    /// commands or paths, e.g. "# CLAUDE.md ... ## Commands ...".
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool LooksLikeDocument(string text, string deliverableName)
    {
        // Most texts are a line or two: count lines before splitting anything.
        var lines = 1;
        foreach (var c in text)
            if (c == '\n') lines++;
        if (lines < 12) return false;
        var headings = 0;
        for (var start = 0; start <= text.Length;)
        {
            var end = text.IndexOf('\n', start);
            if (end < 0) end = text.Length;
            if (IsHeading(text, start, end)) headings++;
            start = end + 1;
        }
        return headings >= 3 || (headings >= 2 && text.IndexOf(deliverableName, StringComparison.OrdinalIgnoreCase) >= 0);
    }

    /// <summary>A markdown heading: optional whitespace, one or more '#', then a space.</summary>
    private static bool IsHeading(string text, int start, int end)
    {
        var i = start;
        while (i < end && char.IsWhiteSpace(text[i])) i++;
        if (i == end || text[i] != '#') return false;
        while (i < end && text[i] == '#') i++;
        return i < end && text[i] == ' ';
    }

    /// <summary>The sentence around <paramref name="index"/>, on one line and at most 120 characters.</summary>
    public static string Sentence(string text, int index)
    {
        var start = index;
        while (start > 0 && text[start - 1] is not ('.' or '!' or '?' or '\n')) start--;
        var end = SentenceEnd(text, index);
        if (end < text.Length && text[end] != '\n') end++;
        return Short(text.Substring(start, end - start));
    }

    /// <summary>One line, whitespace collapsed, cut at <paramref name="max"/> characters: readable in a CSV cell.</summary>
    public static string Short(string text, int max = 120)
    {
        // Only as much is flattened as can be shown: evidence quotes the start of texts of up to thousands of characters.
        var flat = Flatten(text, max + 1);
        return flat.Length <= max ? flat : flat.Substring(0, max - 1) + "…";
    }

    /// <summary>
    /// Every run of whitespace as one space, none at either end (what \s+ → " " and Trim() give), up to the first
    /// <paramref name="limit"/> characters of that.
    /// </summary>
    private static string Flatten(string text, int limit)
    {
        var flat = new StringBuilder(Math.Min(text.Length, limit));
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = flat.Length > 0;
                continue;
            }
            if (space) flat.Append(' ');
            space = false;
            if (flat.Length >= limit) break;
            flat.Append(c);
        }
        return flat.Length > limit ? flat.ToString(0, limit) : flat.ToString();
    }
}
