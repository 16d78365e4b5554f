using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.IO.Enumeration;
using System.Linq;
using LocalModels.Platform;

namespace LocalModels.Verification;

/// <summary>What the repository copy contains: its files and directories, and the text of its build files.</summary>
internal sealed class RepositoryIndex
{
    private static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase) { ".git", "node_modules", ".venv", "venv", "__pycache__", ".tox", ".nox" };
    private const int MaxEntries = 200_000;
    private const int MaxReadBytes = 1 << 20;

    private readonly HashSet<string> _relativePaths = new(StringComparer.Ordinal);
    private readonly HashSet<string> _directories = new(StringComparer.Ordinal);
    private readonly HashSet<string> _fileNames = new(StringComparer.Ordinal);
    // Filled as they are asked for; an import checks several sessions against one index at once (RepositoryIndexes).
    private readonly ConcurrentDictionary<string, string> _texts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, object> _parsed = new(StringComparer.Ordinal);

    public RepositoryIndex(string root)
    {
        Root = Path.GetFullPath(root);
        Walk(Root, "", 0);
    }

    public string Root { get; }

    /// <summary>Every file and directory, relative to the root with '/' separators.</summary>
    public IReadOnlyCollection<string> Entries => _relativePaths;

    /// <summary>True when the path exists relative to the root, or (for a bare or partial path) anywhere below it.</summary>
    public bool HasPath(string path)
    {
        var trimmed = path.TrimEnd('/');
        if (_relativePaths.Contains(trimmed)) return true;
        if (!trimmed.Contains("/")) return _fileNames.Contains(trimmed);
        return _relativePaths.Any(p => p.EndsWith("/" + trimmed, StringComparison.Ordinal));
    }

    /// <summary>True when exactly this relative path exists.</summary>
    public bool Exists(string relative) => relative.Length == 0 || _relativePaths.Contains(relative.TrimEnd('/'));

    public bool IsDirectory(string relative) => relative.Length == 0 || _directories.Contains(relative.TrimEnd('/'));

    /// <summary>The top-level directories (hidden ones left out).</summary>
    public IEnumerable<string> TopDirectories => _directories.Where(d => !d.Contains("/") && !d.StartsWith(".", StringComparison.Ordinal)).OrderBy(d => d, StringComparer.Ordinal);

    /// <summary>
    /// Build files named <paramref name="names"/> at most <paramref name="maxDepth"/> folders below the root, nearest
    /// first. A manifest deeper than a monorepo's packages is test data or a vendored project, not this repository's.
    /// </summary>
    public IReadOnlyList<string> Manifests(int maxDepth, params string[] names) =>
        _relativePaths.Where(p => names.Contains(FileName(p), StringComparer.Ordinal) && Depth(p) <= maxDepth && !_directories.Contains(p))
            .OrderBy(Depth).ThenBy(p => p, StringComparer.Ordinal).ToList();

    /// <summary>The first of <paramref name="names"/> found in <paramref name="directory"/>, as a relative path; null when none.</summary>
    public string? FirstIn(string directory, params string[] names) =>
        names.Select(name => Combine(directory, name)).FirstOrDefault(p => _relativePaths.Contains(p) && !_directories.Contains(p));

    /// <summary>Files directly in <paramref name="directory"/> whose name ends with <paramref name="suffix"/>.</summary>
    public IEnumerable<string> FilesIn(string directory, string suffix) =>
        _relativePaths.Where(p => ParentOf(p) == directory && p.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) && !_directories.Contains(p));

    /// <summary>A repository file's text, "" when it is missing, unreadable or a directory; read once, at most 1 MB.</summary>
    public string Read(string relative)
    {
        if (_texts.TryGetValue(relative, out var cached)) return cached;
        var text = "";
        if (_relativePaths.Contains(relative) && !_directories.Contains(relative))
        {
            try
            {
                // A FIFO or device by a claimed name reads as nothing (see ContentFile), never blocks.
                text = ContentFile.ReadText(Path.Combine(Root, relative), MaxReadBytes, out _);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // An unreadable file defines nothing.
            }
        }
        return _texts.GetOrAdd(relative, text);
    }

    /// <summary>
    /// What <paramref name="parse"/> makes of the repository, computed once per <paramref name="key"/>: a deliverable
    /// may name thousands of commands, and each must not parse the same build file again.
    /// </summary>
    public T Parsed<T>(string key, Func<T> parse) where T : class
    {
        if (_parsed.TryGetValue(key, out var known)) return (T)known;
        // Two threads may both parse; the first result is kept and both return it.
        return (T)_parsed.GetOrAdd(key, parse());
    }

    /// <summary>A relative path joined and normalised ("a" + "../b" = "b"); null when it leaves the repository.</summary>
    public static string? Resolve(string directory, string relative)
    {
        if (relative.StartsWith("/", StringComparison.Ordinal) || relative.StartsWith("~", StringComparison.Ordinal) || relative.Contains("$")) return null;
        var parts = new List<string>(directory.Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries));
        foreach (var part in relative.Replace('\\', '/').Split('/'))
        {
            if (part.Length == 0 || part == ".") continue;
            if (part == "..")
            {
                if (parts.Count == 0) return null;
                parts.RemoveAt(parts.Count - 1);
            }
            else parts.Add(part);
        }
        return string.Join("/", parts);
    }

    public static string Combine(string directory, string name) => directory.Length == 0 ? name : directory + "/" + name;

    public static string ParentOf(string relative)
    {
        var slash = relative.LastIndexOf('/');
        return slash < 0 ? "" : relative.Substring(0, slash);
    }

    public static string FileName(string relative) => relative.Substring(relative.LastIndexOf('/') + 1);

    private static int Depth(string relative) => relative.Count(c => c == '/');

    private static readonly EnumerationOptions Listing = new() { IgnoreInaccessible = true, AttributesToSkip = 0, ReturnSpecialDirectories = false };

    private void Walk(string directory, string prefix, int depth)
    {
        // A folder that cannot be listed (another user's, a container volume, /proc) adds nothing, and neither does one
        // that fails while it is listed: the repository is still indexed, never the whole import lost.
        try
        {
            var entries = new FileSystemEnumerable<(string Name, bool IsDirectory, bool IsLink)>(directory,
                (ref FileSystemEntry entry) => (entry.FileName.ToString(), entry.IsDirectory, (entry.Attributes & FileAttributes.ReparsePoint) != 0), Listing);
            foreach (var (name, isDirectory, isLink) in entries)
            {
                if (_relativePaths.Count >= MaxEntries) return;
                var relative = prefix.Length == 0 ? name : prefix + "/" + name;
                _relativePaths.Add(relative);
                _fileNames.Add(name);
                if (!isDirectory) continue;
                _directories.Add(relative);
                // Symbolic links to directories are not followed: a hostile repository could loop or point outside itself.
                if (!Skipped.Contains(name) && !isLink && depth < 64)
                    Walk(Path.Combine(directory, name), relative, depth + 1);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
    }
}
