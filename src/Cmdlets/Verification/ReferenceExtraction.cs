using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using LocalModels.Claude;

namespace LocalModels.Verification;

/// <summary>A path-like token from the deliverable.</summary>
/// <remarks>RequiresKnownRoot: an ambiguous token ("text/plain", "owner/repo") reported only when its first segment exists in the repository.</remarks>
internal sealed record PathReference(string Text, bool IsDirectory, bool RequiresKnownRoot = false);

/// <summary>A command the deliverable tells people to run: the runner (npm, make, ...) and the name it runs.</summary>
internal sealed record CommandReference(string Runner, string Name, string Text);

/// <summary>Pulls path-like tokens and commands out of markdown, conservatively.</summary>
internal static class ReferenceExtraction
{
    private static readonly Regex InlineCode = new(@"`([^`\n]+)`", RegexOptions.CultureInvariant);
    private static readonly Regex Fence = new(@"^\s*(```|~~~)", RegexOptions.CultureInvariant);
    private static readonly Regex Token = new(@"[^\s`'""()<>\[\]{},;|]+", RegexOptions.CultureInvariant);
    private static readonly Regex Version = new(@"^[v^~>=<]*\d+(\.\d+)+", RegexOptions.CultureInvariant);
    private static readonly Regex ProseFile = new(@"(?<![\w/.@-])((?:[\w.-]+/)*[\w-]+(?:\.[\w-]+)*\.(?:py|ts|tsx|json|toml|ya?ml|cfg|ini|md|txt|lock|sh|ipynb|css|scss|less|html|rst|in))(?![\w/])", RegexOptions.CultureInvariant);
    private static readonly Regex ProsePath = new(@"(?<![\w/.@:-])(/?(?:[\w.-]+/)+[\w.-]*)", RegexOptions.CultureInvariant);

    private static readonly HashSet<string> FileExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        "py", "pyi", "ts", "tsx", "js", "jsx", "mjs", "cjs", "json", "toml", "yml", "yaml", "cfg", "ini", "md", "txt",
        "lock", "sh", "ipynb", "css", "scss", "less", "html", "rst", "in", "cs", "csproj", "sln", "go", "rs", "java",
        "kt", "rb", "php", "c", "h", "cpp", "hpp", "tex", "sty", "cls", "svg", "png", "xml", "env", "mod", "sum",
    };

    /// <summary>Directories that are built or installed, not checked in: mentioning them is not a hallucination.</summary>
    private static readonly HashSet<string> GeneratedRoots = new(StringComparer.OrdinalIgnoreCase)
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
        {
            IEnumerable<string> candidates = isCode
                ? Token.Matches(text).Cast<Match>().Select(m => m.Value)
                : ProseFile.Matches(text).Cast<Match>().Select(m => m.Groups[1].Value)
                    .Concat(ProsePath.Matches(text).Cast<Match>().Select(m => m.Groups[1].Value));
            foreach (var candidate in candidates)
                if (Normalize(candidate, isCode) is { } path && seen.Add(path.Text))
                    yield return path;
        }
    }

    public static IEnumerable<CommandReference> Commands(string markdown)
    {
        foreach (var (text, isCode) in Segments(markdown))
        {
            if (!isCode) continue;
            foreach (var raw in text.Split('\n'))
            {
                var line = raw.Trim().TrimStart('$', '>').Trim();
                foreach (var part in Regex.Split(line, @"&&|\|\||;"))
                    if (Command(part.Trim()) is { } command)
                        yield return command;
            }
        }
    }

    private static CommandReference? Command(string text)
    {
        var words = text.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 2) return null;
        string? Name(int index) => index < words.Length && !words[index].StartsWith("-", StringComparison.Ordinal) && !words[index].StartsWith("<", StringComparison.Ordinal) ? words[index] : null;
        switch (words[0])
        {
            case "npm":
                if (words[1] is "run" or "run-script") return Name(2) is { } s ? new CommandReference("npm", s, $"npm run {s}") : null;
                if (words[1] is "test" or "t") return new CommandReference("npm", "test", "npm test");
                return null;
            case "yarn" or "pnpm" or "jlpm":
                var offset = words[1] == "run" ? 2 : 1;
                var script = Name(offset);
                if (script is null || (offset == 1 && ScriptRunnerBuiltins.Contains(script))) return null;
                return new CommandReference(words[0], script, $"{words[0]} {(offset == 2 ? "run " : "")}{script}");
            case "make":
                return Name(1) is { } target && !target.Contains("=") ? new CommandReference("make", target, $"make {target}") : null;
            case "just":
                return Name(1) is { } recipe ? new CommandReference("just", recipe, $"just {recipe}") : null;
            case "tox":
                var e = Array.IndexOf(words, "-e");
                return e > 0 && e + 1 < words.Length ? new CommandReference("tox", words[e + 1], $"tox -e {words[e + 1]}") : null;
            case "nox":
                var s2 = Array.IndexOf(words, "-s");
                return s2 > 0 && s2 + 1 < words.Length ? new CommandReference("nox", words[s2 + 1], $"nox -s {words[s2 + 1]}") : null;
            case "python" or "python3" or "py":
                var m = Array.IndexOf(words, "-m");
                return m > 0 && m + 1 < words.Length ? new CommandReference("python-m", words[m + 1], $"python -m {words[m + 1]}") : null;
            default:
                return null;
        }
    }

    private static readonly HashSet<string> ScriptRunnerBuiltins = new(StringComparer.Ordinal)
    {
        "install", "i", "add", "remove", "rm", "upgrade", "up", "update", "init", "info", "why", "workspace", "workspaces",
        "dlx", "exec", "config", "cache", "set", "version", "link", "unlink", "pack", "publish", "global", "login",
        "logout", "outdated", "audit", "create", "import", "bin", "dedupe", "node", "plugin", "constraints", "npm",
        "patch", "rebuild", "prune", "store", "list", "ls", "help", "-v", "--version",
    };

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
        if (Regex.IsMatch(text, @"^(e\.g|i\.e|etc|vs|cf|a\.k\.a)\.?$", RegexOptions.IgnoreCase)) return null;
        if (text.StartsWith("-", StringComparison.Ordinal)) return null;
        if (text.StartsWith("/", StringComparison.Ordinal))
        {
            // "/frontend" in a CLAUDE.md means the repository's folder; "/usr/bin" or "/Users/me" do not.
            var first = text.TrimStart('/').Split('/')[0];
            if (SystemRoots.Contains(first) || text.Count(c => c == '/') > 2) return null;
            text = text.TrimStart('/');
        }
        if (text.StartsWith("./", StringComparison.Ordinal)) text = text.Substring(2);
        text = Regex.Replace(text, @":\d+(:\d+)?$", ""); // file.py:42
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
        var ambiguous = !isDirectory && !hasFileExtension && segments.Length == 2;
        return new PathReference(trimmed + (isDirectory ? "/" : ""), isDirectory, ambiguous);
    }
}
