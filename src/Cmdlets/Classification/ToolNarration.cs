using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using LocalModels.Traces;

namespace LocalModels.Classification;

/// <summary>
/// Finds the tools a text writes out as if calling them ("Let me use the Glob tool", "Glob pattern:",
/// "Read(file_path=...)", a JSON tool call, a &lt;tool_call&gt; tag), for one vocabulary of tool names. Plain words
/// like "read" alone do not count. Built once per vocabulary and shared by the runs that have it: an import asks
/// this of every text of thousands of runs, and most texts name no tool, so an ordinal scan rules them out before
/// a regex runs.
/// </summary>
/// <remarks>The scan for mentions is compiled optimized at once, as <see cref="TextPatterns"/>' scans are, for the same reason.</remarks>
internal sealed partial class ToolNarration
{
    private static readonly Regex JsonToolCall = JsonToolCallRegex();

    [GeneratedRegex(@"(?:""(?:name|tool|tool_name|function)""\s*:\s*""(?<tool>[A-Za-z_][\w-]*)""\s*,\s*""(?:arguments|parameters|input|args)""\s*:)|<tool_call>|<function[=\s]|\[TOOL_CALLS\]|<\|tool_call",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex JsonToolCallRegex();

    /// <summary>Every alternative of <see cref="JsonToolCall"/> starts with one of these (no case has other forms).</summary>
    private static readonly char[] MarkupStarts = { '"', '<', '[' };

    private static readonly ConcurrentDictionary<string, ToolNarration> ByVocabulary = new(StringComparer.Ordinal);

    /// <summary>The narration pattern over the whole text: built at its first use (most vocabularies never need it).</summary>
    private readonly Lazy<Regex> _narration;

    /// <summary>The same pattern tried at one position only (\G): see <see cref="FindAtMentions"/>.</summary>
    private readonly Regex? _narrationAt;

    /// <summary>True when texts are searched only at the mentions of a name (false: scanned whole).</summary>
    internal bool SearchesAtMentions => _narrationAt is not null;

    /// <summary>
    /// The names the regex looks for (two characters or more) that start with each ASCII character, in the vocabulary's
    /// order (longest first): a table, as the scan reads every character of every text.
    /// </summary>
    private readonly string[]?[] _namesByAsciiFirst = new string[]?[128];

    /// <summary>The same for names starting with any other character (rare: looked up; null when there are none).</summary>
    private readonly Dictionary<char, string[]>? _namesByOtherFirst;

    private ToolNarration(IReadOnlyList<string> names)
    {
        // Loops rather than LINQ grouping: over chars, LINQ's generic code is compiled afresh in every process, at the
        // first run judged.
        var atomic = true;
        var atMentions = names.Count > 0;
        var ascii = new List<string>?[128];
        Dictionary<char, List<string>>? others = null;
        foreach (var name in names)
        {
            var first = name[0];
            List<string>? group;
            if (first < 128) group = ascii[first] ??= new List<string>();
            else if (!(others ??= new()).TryGetValue(first, out group)) others.Add(first, group = new List<string>());
            group.Add(name);
            atomic &= OpensNoBlankRun(name);
            atMentions &= CannotStandInALeadIn(name);
        }
        for (var first = 0; first < 128; first++) _namesByAsciiFirst[first] = ascii[first]?.ToArray();
        if (others is not null)
        {
            _namesByOtherFirst = new Dictionary<char, string[]>();
            foreach (var (first, group) in others) _namesByOtherFirst.Add(first, group.ToArray());
        }
        _narration = new Lazy<Regex>(() => new Regex(NarrationPattern(names, atomic), RegexOptions.CultureInvariant, atomic ? Regex.InfiniteMatchTimeout : ScanLimit));
        if (atomic && atMentions)
            _narrationAt = new Regex(@"\G(?:" + NarrationPattern(names, atomic) + ")", RegexOptions.CultureInvariant);
    }

    /// <summary>The names starting with <paramref name="first"/>, or null.</summary>
    private string[]? NamesStartingWith(char first) => first < 128 ? _namesByAsciiFirst[first] : _namesByOtherFirst?.GetValueOrDefault(first);

    /// <summary>
    /// How long one search of a text may take with a vocabulary whose names start with a blank or a list mark, where
    /// the pattern's runs of blanks cannot be taken whole (see <see cref="NarrationPattern"/>): a model's text of a few
    /// thousand line breaks would otherwise cost minutes. A text that runs out of time narrates nothing more.
    /// </summary>
    private static readonly TimeSpan ScanLimit = TimeSpan.FromSeconds(1);

    private static ToolNarration? _knownTools;

    /// <summary>The finder for Claude Code's known tools alone: a run whose trace lists no tools (any transcript).</summary>
    public static ToolNarration KnownTools => _knownTools ??= For(ToolNames.KnownClaudeCodeTools);

    /// <summary>The finder for <paramref name="toolNames"/> (runs share a few vocabularies; each is built once).</summary>
    public static ToolNarration For(IReadOnlyCollection<string> toolNames)
    {
        var key = Key(toolNames);
        if (ByVocabulary.TryGetValue(key, out var known)) return known;
        if (ByVocabulary.Count > 64) ByVocabulary.Clear();
        return ByVocabulary.GetOrAdd(key, _ => new ToolNarration(toolNames.Where(t => t.Length >= 2).Distinct().OrderByDescending(t => t.Length).ToList()));
    }

    /// <summary>The names, each after its length: cheap to build, and no two vocabularies share it.</summary>
    private static string Key(IReadOnlyCollection<string> toolNames)
    {
        var key = new StringBuilder();
        foreach (var name in toolNames) key.Append(name.Length).Append(':').Append(name);
        return key.ToString();
    }

    /// <summary>The tools <paramref name="text"/> narrates, in order of first mention; "tool-call markup" for a bare tag.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public IReadOnlyList<string> Find(string text)
    {
        var found = _narrationAt is null ? FindByScanning(text) : FindAtMentions(text);
        if (found is not null) return found;
        if (text.IndexOfAny(MarkupStarts) < 0) return Array.Empty<string>();
        var json = JsonToolCall.Match(text);
        return json.Success ? new[] { json.Groups["tool"].Success ? json.Groups["tool"].Value : "tool-call markup" } : Array.Empty<string>();
    }

    /// <summary>
    /// The narration regex run over the whole text, match after match: the reference behaviour, used for a vocabulary
    /// with a name that could stand inside a lead-in. A text without any name cannot match (names are matched literally).
    /// </summary>
    internal List<string>? FindByScanning(string text)
    {
        if (NextMention(text, 0) < 0) return null;
        List<string>? found = null;
        try
        {
            for (var m = _narration.Value.Match(text); m.Success; m = m.NextMatch()) Note(m, ref found);
        }
        catch (RegexMatchTimeoutException)
        {
        }
        return found;
    }

    /// <summary>
    /// The same matches as <see cref="FindByScanning"/>, found by trying the regex only just before each mention of a
    /// name. Every match holds one name; what comes before it (its lead-in: "the ", "calling the `", "\n- ",
    /// "\"name\": \"") is at most a few words and runs of blanks and marks, and no name can stand inside it (the
    /// constructor checks). So the leftmost match at or after a point either holds the first mention after that point
    /// and starts within its lead-in, or starts after that mention. Most of a text is never looked at by the regex.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal List<string>? FindAtMentions(string text)
    {
        List<string>? found = null;
        var from = 0;
        while (from < text.Length)
        {
            var mention = NextMention(text, from);
            if (mention < 0) break;
            Match? match = null;
            for (var start = Math.Max(from, LeadInStart(text, mention)); start <= mention; start++)
            {
                if (start != mention && start != 0 && !CanOpenAMatch(text[start])) continue;
                var tried = _narrationAt!.Match(text, start);
                if (tried.Success)
                {
                    match = tried;
                    break;
                }
                // A line break that opens no match: neither does any later one in the same run of blanks, as a match
                // from there takes the whole run too and stands at the same place after it.
                while (start < mention && char.IsWhiteSpace(text[start]) && char.IsWhiteSpace(text[start + 1])) start++;
            }
            if (match is null)
            {
                from = mention + 1;
                continue;
            }
            Note(match, ref found);
            from = match.Index + Math.Max(1, match.Length);
        }
        return found;
    }

    private static void Note(Match match, ref List<string>? found)
    {
        var tool = match.Groups["t"];
        if (!tool.Success) return;
        found ??= new List<string>();
        if (!found.Contains(tool.Value)) found.Add(tool.Value);
    }

    /// <summary>Where the first name of the vocabulary occurs in <paramref name="text"/> at or after <paramref name="from"/> (ordinal), or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int NextMention(string text, int from)
    {
        // A loop, not string.IndexOfAny: its search over many characters is a generic method that a fresh process runs
        // unoptimized for a whole import.
        for (var i = from; i < text.Length; i++)
        {
            if (NamesStartingWith(text[i]) is not { } names) continue;
            foreach (var name in names)
                if (OccursAt(text, i, name)) return i;
        }
        return -1;
    }

    /// <summary>True when <paramref name="name"/>, whose first character is known to match, stands at <paramref name="at"/>.</summary>
    private static bool OccursAt(string text, int at, string name)
    {
        if (at + name.Length > text.Length) return false;
        for (var k = 1; k < name.Length; k++)
            if (text[at + k] != name[k]) return false;
        return true;
    }

    /// <summary>
    /// True for the characters a match can start with before its name: "the", a verb of use (use, call, invoke, run),
    /// a line break, a JSON call's quote. Only the start of the text (^) and the name itself are other starts.
    /// </summary>
    private static bool CanOpenAMatch(char c) => c is 't' or 'u' or 'c' or 'i' or 'r' or '\n' or '"';

    /// <summary>The words a lead-in may hold (see <see cref="NarrationPattern"/>).</summary>
    private static readonly string[] LeadInWords = { "the", "use", "using", "call", "calling", "invoke", "invoking", "run", "running", "name", "tool", "tool_name" };

    /// <summary>
    /// How far before a mention at <paramref name="mention"/> a match holding it can start: back over up to six runs
    /// of blanks and marks or of short words (a lead-in has at most four: "calling", " ", "the", " `"). A longer word,
    /// or any other character, ends the walk: no lead-in holds one.
    /// </summary>
    private static int LeadInStart(string text, int mention)
    {
        var at = mention;
        for (var runs = 0; runs < 6 && at > 0; runs++)
        {
            var before = text[at - 1];
            if (IsLeadInMark(before))
            {
                while (at > 0 && IsLeadInMark(text[at - 1])) at--;
            }
            else if (IsWordCharacter(before))
            {
                var wordStart = at;
                while (wordStart > 0 && IsWordCharacter(text[wordStart - 1])) wordStart--;
                if (at - wordStart > 12) break;
                at = wordStart;
            }
            else
            {
                break;
            }
        }
        return at;
    }

    private static bool IsLeadInMark(char c) => char.IsWhiteSpace(c) || c is '`' or '*' or '-' or ':' or '"';

    private static bool IsWordCharacter(char c) => char.IsLetterOrDigit(c) || c == '_';

    /// <summary>
    /// True when no mention of <paramref name="name"/> can begin inside a lead-in: it is made of letters, digits, '_'
    /// and inner '-', and is no part of a lead-in word. Tool names are; a vocabulary with any other is scanned whole.
    /// </summary>
    private static bool CannotStandInALeadIn(string name) =>
        name.Length > 0 && name[0] != '-' && IsWordOrHyphen(name) && !LeadInWords.Any(word => word.IndexOf(name, StringComparison.Ordinal) >= 0);

    private static bool IsWordOrHyphen(string name)
    {
        foreach (var c in name)
            if (!IsWordCharacter(c) && c != '-') return false;
        return true;
    }

    /// <summary>True when <paramref name="name"/> starts with neither a blank nor a list mark (- * `): any tool name.</summary>
    private static bool OpensNoBlankRun(string name) => name.Length > 0 && !char.IsWhiteSpace(name[0]) && name[0] is not ('-' or '*' or '`');

    /// <summary>
    /// The narration pattern for the vocabulary, with every tool name as an alternative (longest first): a name followed
    /// by "tool", after a verb of use, opening a line as a call, or as a JSON call's name. A line's opening blanks and
    /// list mark are read as <c>\s*[-*]?\s*</c>; when no name starts with a blank or a mark, the same text is taken
    /// <paramref name="atomic"/>ally, whole, as giving any of it back cannot help the name match. Without that, a run of
    /// k blanks is split every way between the two loops, from each of its line breaks: k³ steps, half a minute for a
    /// model's text of 4,000 line breaks.
    /// </summary>
    internal static string NarrationPattern(IReadOnlyList<string> names, bool atomic)
    {
        if (names.Count == 0) return "(?!)";
        var n = "(?<t>" + string.Join("|", names.Select(Regex.Escape)) + ")";
        var lineOpening = atomic ? @"(?:^|\n)(?>\s*)(?:[-*](?>\s*))?" : @"(?:^|\n)\s*[-*]?\s*";
        return $@"\b(?:the\s+)?{n}\s+tool\b|\b(?:use|using|call|calling|invoke|invoking|run|running)\s+(?:the\s+)?`?{n}\b|{lineOpening}`?{n}`?\s*(?:\(|:|pattern\b|command\b|file_path\b)|""(?:name|tool|tool_name)""\s*:\s*""{n}""";
    }
}
