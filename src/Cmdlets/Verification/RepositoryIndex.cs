using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace LocalModels.Verification;

/// <summary>What the repository copy contains: files, directories and the commands its build files define.</summary>
internal sealed class RepositoryIndex
{
    private static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase) { ".git", "node_modules", ".venv", "venv", "__pycache__", ".tox", ".nox" };
    private const int MaxEntries = 200_000;

    private readonly string _root;
    private readonly HashSet<string> _relativePaths = new(StringComparer.Ordinal);
    private readonly HashSet<string> _fileNames = new(StringComparer.Ordinal);
    private readonly Lazy<HashSet<string>> _scripts;
    private readonly Lazy<HashSet<string>?> _makeTargets;
    private readonly Lazy<HashSet<string>?> _justRecipes;
    private readonly Lazy<string> _toxIni;
    private readonly Lazy<string> _noxfile;

    public RepositoryIndex(string root)
    {
        _root = Path.GetFullPath(root);
        Walk(_root, "");
        _scripts = new Lazy<HashSet<string>>(ReadScripts);
        _makeTargets = new Lazy<HashSet<string>?>(() => ReadTargets(new[] { "Makefile", "makefile", "GNUmakefile" }, @"^([A-Za-z0-9_.\-/][A-Za-z0-9_.\-/ \t]*?)\s*:(?!=)"));
        _justRecipes = new Lazy<HashSet<string>?>(() => ReadTargets(new[] { "justfile", "Justfile", ".justfile" }, @"^@?([A-Za-z0-9_\-]+)[^:=\n]*:(?!=)"));
        _toxIni = new Lazy<string>(() => ReadIfExists("tox.ini") + ReadIfExists("pyproject.toml") + ReadIfExists("setup.cfg"));
        _noxfile = new Lazy<string>(() => ReadIfExists("noxfile.py"));
    }

    /// <summary>True when the path exists relative to the root, or (for a bare or partial path) anywhere below it.</summary>
    public bool HasPath(string path)
    {
        var trimmed = path.TrimEnd('/');
        if (_relativePaths.Contains(trimmed)) return true;
        if (!trimmed.Contains("/")) return _fileNames.Contains(trimmed);
        return _relativePaths.Any(p => p.EndsWith("/" + trimmed, StringComparison.Ordinal));
    }

    /// <summary>A readable problem when the repository does not define the command, else null.</summary>
    public string? Undefined(CommandReference command)
    {
        switch (command.Runner)
        {
            case "npm" or "yarn" or "pnpm" or "jlpm":
                if (_scripts.Value.Contains(command.Name)) return null;
                return _relativePaths.Contains("package.json") ? $"undefined script {command.Text}" : $"undefined script {command.Text} (no package.json)";
            case "make":
                return _makeTargets.Value is { } targets
                    ? targets.Contains(command.Name) ? null : $"undefined make target {command.Text}"
                    : $"undefined make target {command.Text} (no Makefile)";
            case "just":
                return _justRecipes.Value is { } recipes
                    ? recipes.Contains(command.Name) ? null : $"undefined just recipe {command.Text}"
                    : $"undefined just recipe {command.Text} (no justfile)";
            case "tox":
                return command.Name.Split(',').All(env => Regex.IsMatch(_toxIni.Value, $@"(testenv:{Regex.Escape(env)}\b|envlist\s*=.*\b{Regex.Escape(env)}\b|env_list\s*=.*\b{Regex.Escape(env)}\b|\b{Regex.Escape(env)}\b)"))
                    ? null : $"undefined tox env {command.Text}";
            case "nox":
                return Regex.IsMatch(_noxfile.Value, $@"def\s+{Regex.Escape(command.Name)}\s*\(") ? null : $"undefined nox session {command.Text}";
            case "python-m":
                // Only the repository's own modules are checked; installed tools (pytest, pip, build) cannot be known here.
                var first = command.Name.Split('.')[0];
                var ownPackage = _relativePaths.Contains(first) || _relativePaths.Contains(first + ".py") || _relativePaths.Contains("src/" + first);
                if (!ownPackage || !command.Name.Contains(".")) return null;
                var module = command.Name.Replace('.', '/');
                return HasPath(module + ".py") || HasPath(module + "/__main__.py") || HasPath(module + "/__init__.py") ? null : $"missing module {command.Text}";
            default:
                return null;
        }
    }

    private void Walk(string directory, string prefix)
    {
        IEnumerable<string> entries;
        try
        {
            entries = Directory.EnumerateFileSystemEntries(directory);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return;
        }
        foreach (var entry in entries)
        {
            if (_relativePaths.Count >= MaxEntries) return;
            var name = Path.GetFileName(entry);
            var relative = prefix.Length == 0 ? name : prefix + "/" + name;
            _relativePaths.Add(relative);
            _fileNames.Add(name);
            if (Directory.Exists(entry) && !Skipped.Contains(name)) Walk(entry, relative);
        }
    }

    private HashSet<string> ReadScripts()
    {
        var scripts = new HashSet<string>(StringComparer.Ordinal);
        foreach (var manifest in _relativePaths.Where(p => p == "package.json" || p.EndsWith("/package.json", StringComparison.Ordinal)).Take(50))
        {
            try
            {
                using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(_root, manifest)));
                if (document.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
                    && document.RootElement.TryGetProperty("scripts", out var section)
                    && section.ValueKind == System.Text.Json.JsonValueKind.Object)
                    foreach (var script in section.EnumerateObject()) scripts.Add(script.Name);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
            {
                // An unreadable manifest defines nothing.
            }
        }
        return scripts;
    }

    private HashSet<string>? ReadTargets(string[] fileNames, string pattern)
    {
        var file = fileNames.FirstOrDefault(name => _relativePaths.Contains(name));
        if (file is null) return null;
        var targets = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match m in Regex.Matches(ReadIfExists(file), pattern, RegexOptions.Multiline))
            foreach (var name in m.Groups[1].Value.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries)) targets.Add(name);
        return targets;
    }

    private string ReadIfExists(string relative)
    {
        var path = Path.Combine(_root, relative);
        try
        {
            return File.Exists(path) ? File.ReadAllText(path) : "";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }
}
