using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace LocalModels.Verification.Manifests;

/// <summary>One key of a TOML file with the table it sits in ("project.scripts", "bin" for [[bin]]) and its value as written.</summary>
internal sealed record TomlEntry(string Table, string Key, string Value);

/// <summary>
/// The keys of a TOML manifest (pyproject.toml, Cargo.toml, Makefile.toml) by table. Only table headers and keys
/// are needed to know which scripts, packages and features a repository defines, so lines inside multi-line values
/// are skipped rather than parsed; a malformed file yields what could be read.
/// </summary>
internal static class TomlEntries
{
    private static readonly Regex Header = new(@"^\s*\[\[?([^\]]*)\]\]?\s*(#.*)?$", RegexOptions.CultureInvariant);
    private static readonly Regex KeyValue = new(@"^\s*((?:""[^""]*""|'[^']*'|[A-Za-z0-9_.\-]+))\s*=\s*(.*)$", RegexOptions.CultureInvariant);

    /// <summary>The entries of the repository file <paramref name="relative"/> (none when it is missing), parsed once.</summary>
    public static IReadOnlyList<TomlEntry> Read(RepositoryIndex repository, string relative) =>
        repository.Parsed("toml:" + relative, () => Read(repository.Read(relative)).ToList());

    public static IEnumerable<TomlEntry> Read(string text)
    {
        var table = "";
        var depth = 0;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (depth > 0)
            {
                depth += Balance(line);
                continue;
            }
            if (Header.Match(line) is { Success: true } header)
            {
                table = Unquote(header.Groups[1].Value.Replace(" ", ""));
                continue;
            }
            if (KeyValue.Match(line) is not { Success: true } entry) continue;
            var value = entry.Groups[2].Value.Trim();
            depth = Math.Max(0, Balance(value));
            yield return new TomlEntry(table, Unquote(entry.Groups[1].Value), Unquote(value));
        }
    }

    /// <summary>Open minus closed brackets and braces outside strings: above zero, the value goes on over the next lines.</summary>
    private static int Balance(string text)
    {
        var balance = 0;
        char? quote = null;
        foreach (var c in text)
        {
            if (quote is { } q)
            {
                if (c == q) quote = null;
                continue;
            }
            if (c is '"' or '\'') quote = c;
            else if (c == '#') break;
            else if (c is '[' or '{') balance++;
            else if (c is ']' or '}') balance--;
        }
        return balance;
    }

    private static string Unquote(string text)
    {
        var t = text.Trim();
        if (t.Length >= 2 && (t[0] == '"' && t.IndexOf('"', 1) == t.Length - 1 || t[0] == '\'' && t.IndexOf('\'', 1) == t.Length - 1))
            return t.Substring(1, t.Length - 2);
        return t.Replace("\"", "").Replace("'", "");
    }
}
