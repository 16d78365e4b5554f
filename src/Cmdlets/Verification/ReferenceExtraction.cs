using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using LocalModels.Claude;

namespace LocalModels.Verification;

/// <summary>A path-like token from the deliverable.</summary>
/// <remarks>RequiresKnownRoot: an ambiguous token ("text/plain", "owner/repo") reported only when its first segment exists in the repository.</remarks>
/// <remarks>Bare: no extension and no trailing slash ("cmd/server", "net/http"), which in Go names an import path as often as a folder.</remarks>
internal sealed record PathReference(string Text, bool IsDirectory, bool RequiresKnownRoot = false, bool Bare = false);

/// <summary>Pulls path-like tokens and commands out of markdown, conservatively.</summary>
internal static partial class ReferenceExtraction
{
    private static readonly Regex InlineCode = InlineCodeRegex();
    private static readonly Regex Fence = FenceRegex();
    private static readonly Regex Token = TokenRegex();
    private static readonly Regex Version = VersionRegex();
    // Interpreted, unlike its neighbours: its many alternatives generate a matcher so large that the runtime, once it
    // gets hot in an import, spends ~50 ms recompiling it instrumented, more than the interpreter costs it.
    private static readonly Regex ProseFile = new(@"(?<![\w/.@-])((?:[\w.-]+/)*[\w-]+(?:\.[\w-]+)*\.(?:py|ts|tsx|json|toml|ya?ml|cfg|ini|md|txt|lock|sh|ipynb|css|scss|less|html|rst|in|cs|csproj|sln|go|rs|java|kt|ps1|psm1|psd1|gradle))(?![\w/])", RegexOptions.CultureInvariant);
    private static readonly Regex Abbreviation = AbbreviationRegex();
    private static readonly Regex LineNumberSuffix = LineNumberSuffixRegex();
    private static readonly Regex ProsePath = ProsePathRegex();

    [GeneratedRegex(@"`([^`\n]+)`", RegexOptions.CultureInvariant)]
    private static partial Regex InlineCodeRegex();

    [GeneratedRegex(@"^\s*(```|~~~)", RegexOptions.CultureInvariant)]
    private static partial Regex FenceRegex();

    [GeneratedRegex(@"[^\s`'""()<>\[\]{},;|]+", RegexOptions.CultureInvariant)]
    private static partial Regex TokenRegex();

    [GeneratedRegex(@"^[v^~>=<]*\d+(\.\d+)+", RegexOptions.CultureInvariant)]
    private static partial Regex VersionRegex();

    [GeneratedRegex(@"^(e\.g|i\.e|etc|vs|cf|a\.k\.a)\.?$", RegexOptions.IgnoreCase)]
    private static partial Regex AbbreviationRegex();

    [GeneratedRegex(@":\d+(:\d+)?$")]
    private static partial Regex LineNumberSuffixRegex();

    [GeneratedRegex(@"(?<![\w/.@:-])(/?(?:[\w.-]+/)+[\w.-]*)", RegexOptions.CultureInvariant)]
    private static partial Regex ProsePathRegex();

    /// <summary>Case-sensitive: "System.Text.Json" and "Microsoft.NET.Sdk" name a namespace and a package, not files.</summary>
    private static readonly HashSet<string> FileExtensions = new(StringComparer.Ordinal)
    {
        "py", "pyi", "ts", "tsx", "js", "jsx", "mjs", "cjs", "json", "toml", "yml", "yaml", "cfg", "ini", "md", "txt",
        "lock", "sh", "ipynb", "css", "scss", "less", "html", "rst", "in", "cs", "csproj", "sln", "go", "rs", "java",
        "kt", "rb", "php", "c", "h", "cpp", "hpp", "tex", "sty", "cls", "svg", "png", "xml", "env", "mod", "sum",
        "ps1", "psm1", "psd1", "ps1xml", "props", "targets", "slnx", "fsproj", "vbproj", "gradle", "kts", "mk", "swift", "scala", "proto",
    };

    /// <summary>Directories that are built or installed, not checked in: mentioning them is not a hallucination.</summary>
    internal static readonly HashSet<string> GeneratedRoots = new(StringComparer.OrdinalIgnoreCase)
    {
        "node_modules", "dist", "build", "lib", "out", "bin", "obj", "target", ".venv", "venv", "env", "__pycache__",
        "coverage", ".git", ".tox", ".nox", ".pytest_cache", ".mypy_cache", "site-packages", ".cache", "htmlcov", ".ipynb_checkpoints",
    };

    private static readonly HashSet<string> SystemRoots = new(StringComparer.Ordinal)
    {
        "usr", "etc", "bin", "sbin", "tmp", "var", "opt", "home", "Users", "dev", "proc", "sys", "Library", "Applications",
        "mnt", "private", "System", "Volumes", "root", "snap", "nix", "srv", "run",
    };

    public static IEnumerable<PathReference> Paths(string markdown)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (text, isCode) in Segments(markdown))
            foreach (var path in PathsIn(text, isCode))
                if (seen.Add(path.Text))
                    yield return path;
    }

    /// <summary>
    /// True when <paramref name="markdown"/> holds a path or a command: <c>Paths(markdown).Any() ||
    /// Commands(markdown).Any()</c>, found in one pass over its segments, a piece of code asked for a command (cheap)
    /// before its tokens are tried as paths.
    /// </summary>
    public static bool NamesPathOrCommand(string markdown)
    {
        foreach (var (text, isCode) in Segments(markdown))
        {
            if (isCode && CommandsIn(text).Any()) return true;
            if (PathsIn(text, isCode).Any()) return true;
        }
        return false;
    }

    private static IEnumerable<PathReference> PathsIn(string text, bool isCode)
    {
        IEnumerable<string> candidates = isCode
            ? Token.Matches(text).Cast<Match>().Select(m => m.Value)
            : ProseFile.Matches(text).Cast<Match>().Select(m => m.Groups[1].Value)
                .Concat(ProsePath.Matches(text).Cast<Match>().Select(m => m.Groups[1].Value));
        foreach (var candidate in candidates)
            if (Normalize(candidate, isCode) is { } path)
                yield return path;
    }

    /// <summary>
    /// The commands in the deliverable's code (fenced blocks and inline code), one per shell command: lines are
    /// split at &amp;&amp;, ||, ; and |, a leading prompt, environment assignments and sudo are dropped, and a
    /// <c>cd</c> sets the folder the rest of the line runs in.
    /// </summary>
    public static IEnumerable<CommandLine> Commands(string markdown)
    {
        foreach (var (text, isCode) in Segments(markdown))
            if (isCode)
                foreach (var command in CommandsIn(text))
                    yield return command;
    }

    /// <summary>The commands of one piece of code (a fenced line or an inline span).</summary>
    private static IEnumerable<CommandLine> CommandsIn(string text)
    {
        foreach (var raw in text.Split('\n'))
        {
            var line = ShellPrompt.Replace(raw.Trim(), "");
            var comment = line.IndexOf(" #", StringComparison.Ordinal);
            if (comment >= 0) line = line.Substring(0, comment);
            var directory = "";
            foreach (var part in CommandSeparator.Split(line))
            {
                var words = ShellWords(part);
                while (words.Count > 0 && (EnvironmentAssignment.IsMatch(words[0]) || words[0] is "sudo" or "env" or "time" or "exec")) words.RemoveAt(0);
                if (words.Count == 0) continue;
                if (words[0] is "cd" or "pushd" or "Set-Location" or "Push-Location")
                {
                    directory = words.Count > 1 ? RepositoryIndex.Resolve(directory, words[1]) ?? directory : "";
                    continue;
                }
                yield return new CommandLine(words, directory);
            }
        }
    }

    private static readonly Regex ShellPrompt = ShellPromptRegex();
    private static readonly Regex CommandSeparator = CommandSeparatorRegex();
    private static readonly Regex EnvironmentAssignment = EnvironmentAssignmentRegex();
    private static readonly Regex ShellWord = ShellWordRegex();

    [GeneratedRegex(@"^(PS[^>]*>|\$|>)\s*", RegexOptions.CultureInvariant)]
    private static partial Regex ShellPromptRegex();

    [GeneratedRegex(@"&&|\|\||;|\|", RegexOptions.CultureInvariant)]
    private static partial Regex CommandSeparatorRegex();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*=", RegexOptions.CultureInvariant)]
    private static partial Regex EnvironmentAssignmentRegex();

    [GeneratedRegex(@"""[^""]*""|'[^']*'|[^\s""']+(?:(?:""[^""]*""|'[^']*')[^\s""']*)*", RegexOptions.CultureInvariant)]
    private static partial Regex ShellWordRegex();

    /// <summary>A shell command's words; quotes around a whole word are removed, quotes inside one are kept.</summary>
    private static List<string> ShellWords(string command) =>
        ShellWord.Matches(command).Cast<Match>().Select(m => m.Value.Length >= 2 && (m.Value[0] == '"' && m.Value[m.Value.Length - 1] == '"' || m.Value[0] == '\'' && m.Value[m.Value.Length - 1] == '\'') ? m.Value.Substring(1, m.Value.Length - 2) : m.Value).ToList();

    /// <summary>The deliverable split into code (inline and fenced) and prose segments.</summary>
    private static IEnumerable<(string Text, bool IsCode)> Segments(string markdown)
    {
        var inFence = false;
        foreach (var line in markdown.Split('\n'))
        {
            if (Fence.IsMatch(line))
            {
                inFence = !inFence;
                continue;
            }
            if (inFence)
            {
                yield return (line, true);
                continue;
            }
            var last = 0;
            foreach (Match m in InlineCode.Matches(line))
            {
                if (m.Index > last) yield return (line.Substring(last, m.Index - last), false);
                yield return (m.Groups[1].Value, true);
                last = m.Index + m.Length;
            }
            if (last < line.Length) yield return (line.Substring(last), false);
        }
    }

    private static PathReference? Normalize(string token, bool isCode)
    {
        var text = token.Trim().TrimEnd('.', ',', ':', ';', '!', '?', ')', '*').TrimStart('(', '*');
        if (text.Length < 3 || text.Length > 200) return null;
        if (text.Contains("://") || text.StartsWith("www.", StringComparison.OrdinalIgnoreCase) || text.Contains("@")) return null;
        if (text.IndexOfAny(new[] { '*', '?', '[', ']', '{', '}', '$', '%', '=', '<', '>', '|', '\\', '#', '~', '&' }) >= 0) return null;
        if (Version.IsMatch(text) || text.Contains("..")) return null;
        if (Abbreviation.IsMatch(text)) return null;
        if (text.StartsWith("-", StringComparison.Ordinal)) return null;
        if (text.StartsWith("/", StringComparison.Ordinal))
        {
            // "/frontend" in a CLAUDE.md means the repository's folder; "/usr/bin" or "/Users/me" do not.
            var first = text.TrimStart('/').Split('/')[0];
            if (SystemRoots.Contains(first) || text.Count(c => c == '/') > 2) return null;
            text = text.TrimStart('/');
        }
        if (text.StartsWith("./", StringComparison.Ordinal)) text = text.Substring(2);
        text = LineNumberSuffix.Replace(text, ""); // file.py:42
        if (text.Length < 3) return null;

        var isDirectory = text.EndsWith("/", StringComparison.Ordinal);
        var trimmed = text.TrimEnd('/');
        var segments = trimmed.Split('/');
        if (segments.Any(s => s.Length == 0 || s == ".")) return null;
        if (GeneratedRoots.Contains(segments[0])) return null;
        var fileName = segments[segments.Length - 1];
        var dot = fileName.LastIndexOf('.');
        var extension = dot > 0 ? fileName.Substring(dot + 1) : "";
        var hasFileExtension = extension.Length > 0 && FileExtensions.Contains(extension);
        if (string.Equals(fileName, ClaudeMemoryFile.Name, StringComparison.OrdinalIgnoreCase)) return null;

        if (segments.Length == 1)
        {
            // A bare name is a file only with a known extension, in code (or a strong extension in prose: no "Node.js").
            if (isDirectory) return char.IsLetter(trimmed[0]) || trimmed[0] is '_' or '.' ? new PathReference(trimmed + "/", true) : null;
            if (!hasFileExtension) return null;
            if (!isCode && extension is "js" or "jsx") return null;
            return new PathReference(trimmed, false);
        }
        // "a/b": a path when it ends in a file extension or a slash, or has three+ segments; never "TCP/IP", "and/or".
        if (!isDirectory && !hasFileExtension && segments.Length < 3 && !isCode) return null;
        if (!isDirectory && !hasFileExtension && segments.Length < 2) return null;
        if (!isDirectory && !hasFileExtension && segments.All(s => s.All(c => char.IsUpper(c) || char.IsDigit(c)))) return null;
        // "github.com/acme/tool", "golang.org/x/net/html": a module or import path, not a folder of the repository.
        if (!hasFileExtension && segments[0].Contains(".") && segments.Length > 1) return null;
        var ambiguous = !isDirectory && !hasFileExtension && segments.Length == 2;
        return new PathReference(trimmed + (isDirectory ? "/" : ""), isDirectory, ambiguous, !isDirectory && !hasFileExtension);
    }
}
