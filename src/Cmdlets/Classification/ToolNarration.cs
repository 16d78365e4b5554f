using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using LocalModels.Polyfills;
using LocalModels.Traces;

namespace LocalModels.Classification;

/// <summary>
/// Finds the tools a text writes out as if calling them ("Let me use the Glob tool", "Glob pattern:",
/// "Read(file_path=...)", a JSON tool call, a &lt;tool_call&gt; tag), for one vocabulary of tool names. Plain words
/// like "read" alone do not count. Built once per vocabulary and shared by the runs that have it: an import asks
/// this of every text of thousands of runs, and most texts name no tool, so an ordinal scan rules them out before
/// a regex runs.
/// </summary>
internal sealed class ToolNarration
{
    private static readonly Regex JsonToolCall = new(
        @"(?:""(?:name|tool|tool_name|function)""\s*:\s*""(?<tool>[A-Za-z_][\w-]*)""\s*,\s*""(?:arguments|parameters|input|args)""\s*:)|<tool_call>|<function[=\s]|\[TOOL_CALLS\]|<\|tool_call",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    /// <summary>Every alternative of <see cref="JsonToolCall"/> starts with one of these (no case has other forms).</summary>
    private static readonly char[] MarkupStarts = { '"', '<', '[' };

    private static readonly ConcurrentDictionary<string, ToolNarration> ByVocabulary = new(StringComparer.Ordinal);

    private readonly Regex _narration;

    /// <summary>The names the regex looks for (two characters or more), grouped by first character for the scan.</summary>
    private readonly Dictionary<char, string[]> _namesByFirst;
    private readonly char[] _firstChars;

    private ToolNarration(IReadOnlyList<string> names)
    {
        _namesByFirst = names.GroupBy(name => name[0]).ToDictionary(group => group.Key, group => group.ToArray());
        _firstChars = _namesByFirst.Keys.ToArray();
        _narration = NarrationRegex(names);
    }

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
    [MethodImpl(Optimization.Aggressive)]
    public IReadOnlyList<string> Find(string text)
    {
        List<string>? found = null;
        // The narration regex matches a tool name literally (case-sensitive): a text without any name cannot match.
        if (MentionsAName(text))
        {
            for (var m = _narration.Match(text); m.Success; m = m.NextMatch())
            {
                var tool = m.Groups["t"];
                if (!tool.Success) continue;
                found ??= new List<string>();
                if (!found.Contains(tool.Value)) found.Add(tool.Value);
            }
        }
        if (found is not null) return found;
        if (text.IndexOfAny(MarkupStarts) < 0) return Array.Empty<string>();
        var json = JsonToolCall.Match(text);
        return json.Success ? new[] { json.Groups["tool"].Success ? json.Groups["tool"].Value : "tool-call markup" } : Array.Empty<string>();
    }

    /// <summary>True when some name of the vocabulary occurs in <paramref name="text"/> (ordinal).</summary>
    [MethodImpl(Optimization.Aggressive)]
    private bool MentionsAName(string text)
    {
        if (_firstChars.Length == 0) return false;
        var i = text.IndexOfAny(_firstChars);
        while (i >= 0)
        {
            foreach (var name in _namesByFirst[text[i]])
                if (i + name.Length <= text.Length && text.AsSpan(i, name.Length).SequenceEqual(name.AsSpan())) return true;
            i = i + 1 < text.Length ? text.IndexOfAny(_firstChars, i + 1) : -1;
        }
        return false;
    }

    /// <summary>One regex for the vocabulary, with every tool name as an alternative (longest first).</summary>
    private static Regex NarrationRegex(IReadOnlyList<string> names)
    {
        if (names.Count == 0) return new Regex("(?!)");
        var n = "(?<t>" + string.Join("|", names.Select(Regex.Escape)) + ")";
        return new Regex(
            $@"\b(?:the\s+)?{n}\s+tool\b|\b(?:use|using|call|calling|invoke|invoking|run|running)\s+(?:the\s+)?`?{n}\b|(?:^|\n)\s*[-*]?\s*`?{n}`?\s*(?:\(|:|pattern\b|command\b|file_path\b)|""(?:name|tool|tool_name)""\s*:\s*""{n}""",
            RegexOptions.CultureInvariant);
    }
}
