using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace LocalModels.Classification;

/// <summary>
/// What a model's text says about its run, in general terms (never our simulator's exact wording): a refusal, a
/// tool call written out instead of made, a deliverable printed instead of written, or an announced next step
/// that never came.
/// </summary>
internal static class TextPatterns
{
    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.IgnoreCase;

    private static readonly Regex Refusal = new(
        @"\b(I\s*(?:can(?:'|’)?not|can(?:'|’)t|am\s+(?:not\s+able|unable)|(?:'|’)m\s+(?:not\s+able|unable)|won(?:'|’)t|will\s+not|must\s+(?:decline|refuse))\s+(?:help|assist|do|comply|complete|perform|fulfil|fulfill|provide|create|write|access|execute|run|proceed|continue|perform)"
        + @"|\b(?:I(?:'|’)m|I\s+am)\s+sorry,?\s+but\b|\bI\s+(?:have\s+to|must)\s+(?:decline|refuse)|\bnot\s+able\s+to\s+(?:help|assist)\s+with|\bagainst\s+my\s+(?:guidelines|policy|policies)|\bas\s+an\s+AI(?:\s+language\s+model)?,?\s+I\b)",
        Options);

    private static readonly Regex JsonToolCall = new(
        @"(?:""(?:name|tool|tool_name|function)""\s*:\s*""(?<tool>[A-Za-z_][\w-]*)""\s*,\s*""(?:arguments|parameters|input|args)""\s*:)|<tool_call>|<function[=\s]|\[TOOL_CALLS\]|<\|tool_call",
        Options);

    private static readonly Regex Announces = new(
        @"(?:^|[.!\n]\s*)(?:let\s+me|let(?:'|’)s|i(?:'|’)ll|i\s+will|i\s+am\s+going\s+to|i(?:'|’)m\s+going\s+to|next,?\s+i|now\s+i(?:'|’)ll|now\s+i\s+will|now,?\s+let\s+me|i\s+need\s+to|first,?\s+i(?:'|’)ll)\b[^.!\n]*[.!:…]*\s*$",
        Options);

    /// <summary>The refusal sentence in <paramref name="text"/>, or null.</summary>
    public static string? FindRefusal(string text) => Refusal.Match(text) is { Success: true } m ? Sentence(text, m.Index) : null;

    /// <summary>
    /// The tools <paramref name="text"/> writes out as if calling them: "Let me use the Glob tool", "Glob pattern:",
    /// "Read(file_path=...)", a JSON tool call, a &lt;tool_call&gt; tag. Plain words like "read" alone do not count.
    /// </summary>
    public static IReadOnlyList<string> NarratedTools(string text, IReadOnlyCollection<string> toolNames)
    {
        var found = new List<string>();
        foreach (Match m in NarrationRegex(toolNames).Matches(text))
            if (m.Groups["t"].Success && !found.Contains(m.Groups["t"].Value)) found.Add(m.Groups["t"].Value);
        var json = JsonToolCall.Match(text);
        if (json.Success && found.Count == 0) found.Add(json.Groups["tool"].Success ? json.Groups["tool"].Value : "tool-call markup");
        return found;
    }

    private static readonly ConcurrentDictionary<string, Regex> NarrationRegexes = new(StringComparer.Ordinal);

    /// <summary>One regex per tool list (runs share a few lists), with every tool name as an alternative.</summary>
    private static Regex NarrationRegex(IReadOnlyCollection<string> toolNames)
    {
        var names = string.Join("|", toolNames.Where(t => t.Length >= 2).Distinct().OrderByDescending(t => t.Length).Select(Regex.Escape));
        if (NarrationRegexes.Count > 64) NarrationRegexes.Clear();
        return NarrationRegexes.GetOrAdd(names, key =>
        {
            if (key.Length == 0) return new Regex("(?!)");
            var n = "(?<t>" + key + ")";
            return new Regex(
                $@"\b(?:the\s+)?{n}\s+tool\b|\b(?:use|using|call|calling|invoke|invoking|run|running)\s+(?:the\s+)?`?{n}\b|(?:^|\n)\s*[-*]?\s*`?{n}`?\s*(?:\(|:|pattern\b|command\b|file_path\b)|""(?:name|tool|tool_name)""\s*:\s*""{n}""",
                RegexOptions.CultureInvariant);
        });
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
    public static bool LooksLikeDocument(string text, string deliverableName)
    {
        var lines = text.Split('\n');
        if (lines.Length < 12) return false;
        var headings = lines.Count(line => line.TrimStart().StartsWith("#", StringComparison.Ordinal) && line.TrimStart().TrimStart('#').StartsWith(" ", StringComparison.Ordinal));
        return headings >= 3 || (headings >= 2 && text.IndexOf(deliverableName, StringComparison.OrdinalIgnoreCase) >= 0);
    }

    /// <summary>The sentence around <paramref name="index"/>, on one line and at most 120 characters.</summary>
    public static string Sentence(string text, int index)
    {
        var start = index;
        while (start > 0 && text[start - 1] is not ('.' or '!' or '?' or '\n')) start--;
        var end = index;
        while (end < text.Length && text[end] is not ('.' or '!' or '?' or '\n')) end++;
        if (end < text.Length && text[end] != '\n') end++;
        return Short(text.Substring(start, end - start));
    }

    /// <summary>One line, whitespace collapsed, cut at <paramref name="max"/> characters: readable in a CSV cell.</summary>
    public static string Short(string text, int max = 120)
    {
        var flat = Regex.Replace(text, @"\s+", " ").Trim();
        return flat.Length <= max ? flat : flat.Substring(0, max - 1) + "…";
    }
}
