using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace LocalModels.Simulation.Behaviors;

/// <summary>
/// What the simulated model has learned about the repository from its own tool results: the files a Bash listing
/// showed, the files it read, and from those the project's name, summary and commands. Competent behaviours write
/// CLAUDE.md from these facts only, so what they write is true of whatever repository they run in.
/// </summary>
public sealed class RepositoryFacts
{
    private static readonly string[] ManifestNames =
    {
        "README.md", "README.rst", "README.txt", "README", "package.json", "pyproject.toml", "setup.py", "setup.cfg",
        "Cargo.toml", "go.mod", "Makefile", "GNUmakefile", "justfile", "Justfile", "CMakeLists.txt", "pom.xml",
        "build.gradle", "build.gradle.kts", "composer.json", "Gemfile", "mix.exs", "deno.json", "CONTRIBUTING.md",
    };
    // A line's own blanks only ([ \t], not \s): from every line start, \s* read on through all the blank lines after
    // it, so a file of blank lines took time growing with its square.
    private static readonly Regex LineNumberPrefix = new(@"^[ \t]*\d+\t", RegexOptions.Multiline | RegexOptions.CultureInvariant);
    private static readonly Regex ListingCommand = new(@"(^|[\s;&|(])(ls|find|tree|git\s+ls-files)(\s|$)", RegexOptions.CultureInvariant);
    private static readonly Regex Blanks = new(@"\s+");
    private const string ReminderStart = "<system-reminder>";
    private const string ReminderEnd = "</system-reminder>";
    private static readonly Regex MakeTarget = new(@"^(?<name>[A-Za-z0-9][A-Za-z0-9_.-]*)\s*:(?!=)", RegexOptions.Multiline | RegexOptions.CultureInvariant);
    private static readonly Regex JustRecipe = new(@"^(?<name>[A-Za-z0-9][A-Za-z0-9_-]*)(\s+[^:=\r\n]*)?:(?!=)", RegexOptions.Multiline | RegexOptions.CultureInvariant);
    private static readonly Regex TomlKeyValue = new(@"^[ \t]*(?<key>[A-Za-z0-9_.-]+)\s*=\s*""(?<value>[^""]*)""", RegexOptions.Multiline | RegexOptions.CultureInvariant);

    private RepositoryFacts() { }

    /// <summary>Repository-relative paths of files seen in listings or read, in listing order.</summary>
    public IReadOnlyList<string> Files { get; private set; } = Array.Empty<string>();

    /// <summary>Relative path -> content of the files read successfully (line numbers stripped).</summary>
    public IReadOnlyDictionary<string, string> ReadFiles { get; private set; } = new Dictionary<string, string>();

    /// <summary>README and manifest files seen in listings, top level first: what a careful model reads next.</summary>
    public IReadOnlyList<string> Docs { get; private set; } = Array.Empty<string>();

    public IReadOnlyList<ProjectCommand> Commands { get; private set; } = Array.Empty<ProjectCommand>();

    public string ProjectName { get; private set; } = "";

    public string Summary { get; private set; } = "";

    public string WorkingDirectory { get; private set; } = "";

    /// <summary>
    /// <paramref name="text"/> without Claude Code's &lt;system-reminder&gt; blocks, each from its start to the first end
    /// after it. Found by plain search: a lazy regex from every start tag read on to the text's end when no end tag
    /// followed, so a file of start tags took time growing with its square.
    /// </summary>
    internal static string WithoutSystemReminders(string text)
    {
        var start = text.IndexOf(ReminderStart, StringComparison.Ordinal);
        if (start < 0) return text;
        var kept = new StringBuilder(text.Length);
        var from = 0;
        while (start >= 0)
        {
            var end = text.IndexOf(ReminderEnd, start + ReminderStart.Length, StringComparison.Ordinal);
            if (end < 0) break; // no end tag after this start tag, so none after any later one either
            kept.Append(text, from, start - from);
            from = end + ReminderEnd.Length;
            start = text.IndexOf(ReminderStart, from, StringComparison.Ordinal);
        }
        return kept.Append(text, from, text.Length - from).ToString();
    }

    public static RepositoryFacts From(ConversationState state)
    {
        var facts = new RepositoryFacts { WorkingDirectory = state.WorkingDirectory };
        var files = new List<string>();
        var read = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var call in state.ToolCalls.Where(c => c.Succeeded))
        {
            if (call.Name == "Bash" && LooksLikeListing(call.StringInput("command")))
            {
                files.AddRange(ParseListing(call.Result!, state.WorkingDirectory));
            }
            else if (call.Name == "Read" && call.StringInput("file_path") is { } path)
            {
                var relative = Relative(path, state.WorkingDirectory);
                read[relative] = LineNumberPrefix.Replace(WithoutSystemReminders(call.Result!), "").TrimEnd();
                files.Add(relative);
            }
        }
        facts.Files = files.Distinct(StringComparer.Ordinal).ToList();
        facts.ReadFiles = read;
        facts.Docs = ChooseDocs(facts.Files);
        facts.Commands = FindCommands(read, facts.Files);
        facts.ProjectName = FindName(read, state.WorkingDirectory);
        facts.Summary = FindSummary(read);
        return facts;
    }

    /// <summary>Whether a fact (files, docs, commands, readme, name) is known.</summary>
    public bool Knows(string fact) => fact.ToLowerInvariant() switch
    {
        "files" => Files.Count > 0,
        "docs" => Docs.Count > 0,
        "commands" => Commands.Count > 0,
        "readme" => ReadFiles.Keys.Any(IsReadme),
        "name" => ProjectName.Length > 0,
        "reads" => ReadFiles.Count > 0,
        _ => false,
    };

    /// <summary>The items a forEach walks: docs, files, sources (files that are not docs).</summary>
    public IReadOnlyList<string> List(string fact) => fact.ToLowerInvariant() switch
    {
        "docs" => Docs,
        "files" => Files,
        "sources" => Files.Where(f => !Docs.Contains(f)).ToList(),
        _ => Array.Empty<string>(),
    };

    private static bool IsReadme(string path) => Path.GetFileName(path).StartsWith("README", StringComparison.OrdinalIgnoreCase);

    private static bool LooksLikeListing(string? command) =>
        command is not null && ListingCommand.IsMatch(command);

    /// <summary>Reads `find`, `ls`, `ls -R` and `git ls-files` output as relative paths.</summary>
    private static IEnumerable<string> ParseListing(string output, string workingDirectory)
    {
        var directory = "";
        foreach (var raw in output.Split('\n'))
        {
            var line = raw.TrimEnd('\r').Trim();
            if (line.Length == 0 || line.StartsWith("total ", StringComparison.Ordinal) || line.StartsWith("Exit code", StringComparison.Ordinal)) continue;
            if (line.EndsWith(":", StringComparison.Ordinal)) { directory = Relative(line.TrimEnd(':'), workingDirectory); continue; }
            if (line.Contains("  ") || line.StartsWith("<", StringComparison.Ordinal)) continue;
            var path = Relative(line, workingDirectory);
            if (path.Length == 0 || path == ".") continue;
            if (directory.Length > 0 && directory != ".") path = directory.TrimEnd('/') + "/" + path;
            if (path.EndsWith("/", StringComparison.Ordinal)) continue;
            yield return path;
        }
    }

    private static string Relative(string path, string workingDirectory)
    {
        var normalized = path.Replace('\\', '/');
        var root = workingDirectory.Replace('\\', '/').TrimEnd('/');
        if (root.Length > 0 && normalized.StartsWith(root + "/", StringComparison.Ordinal)) normalized = normalized.Substring(root.Length + 1);
        while (normalized.StartsWith("./", StringComparison.Ordinal)) normalized = normalized.Substring(2);
        return normalized;
    }

    private static List<string> ChooseDocs(IReadOnlyList<string> files)
    {
        var docs = files
            .Where(f => ManifestNames.Contains(Path.GetFileName(f), StringComparer.Ordinal) || f.EndsWith(".csproj", StringComparison.Ordinal))
            .OrderBy(f => f.Count(c => c == '/'))
            .ThenBy(f => Array.IndexOf(ManifestNames, Path.GetFileName(f)) is var i && i < 0 ? int.MaxValue : i)
            .ToList();
        return docs.Count > 0 ? docs : files.Take(3).ToList();
    }

    private static List<ProjectCommand> FindCommands(IReadOnlyDictionary<string, string> read, IReadOnlyList<string> files)
    {
        var commands = new List<ProjectCommand>();
        foreach (var pair in read.OrderBy(p => p.Key.Count(c => c == '/')))
        {
            var name = Path.GetFileName(pair.Key);
            switch (name)
            {
                case "package.json":
                    commands.AddRange(PackageScripts(pair.Value, PackageManager(files)));
                    break;
                case "Makefile":
                case "GNUmakefile":
                    commands.AddRange(MakeTarget.Matches(pair.Value).Cast<Match>().Select(m => m.Groups["name"].Value)
                        .Where(t => !t.StartsWith(".", StringComparison.Ordinal)).Distinct()
                        .Select(t => new ProjectCommand("make " + t, "")));
                    break;
                case "justfile":
                case "Justfile":
                    commands.AddRange(JustRecipe.Matches(pair.Value).Cast<Match>().Select(m => m.Groups["name"].Value)
                        .Where(t => t != "set" && t != "export").Distinct().Select(t => new ProjectCommand("just " + t, "")));
                    break;
                case "Cargo.toml":
                    commands.Add(new ProjectCommand("cargo build", ""));
                    commands.Add(new ProjectCommand("cargo test", ""));
                    break;
                case "go.mod":
                    commands.Add(new ProjectCommand("go build ./...", ""));
                    commands.Add(new ProjectCommand("go test ./...", ""));
                    break;
                case "pyproject.toml":
                    if (pair.Value.IndexOf("pytest", StringComparison.OrdinalIgnoreCase) >= 0) commands.Add(new ProjectCommand("pytest", "runs the test suite"));
                    break;
            }
        }
        return commands.GroupBy(c => c.Command).Select(g => g.First()).ToList();
    }

    private static string PackageManager(IReadOnlyList<string> files)
    {
        if (files.Contains("pnpm-lock.yaml")) return "pnpm";
        if (files.Contains("yarn.lock")) return "yarn";
        if (files.Contains("bun.lockb") || files.Contains("bun.lock")) return "bun";
        return "npm";
    }

    private static IEnumerable<ProjectCommand> PackageScripts(string json, string manager)
    {
        if (ParseObject(json)?["scripts"] is not JsonObject scripts) yield break;
        foreach (var script in scripts)
        {
            var body = script.Value is JsonValue v && v.TryGetValue<string>(out var text) ? text : "";
            var command = manager == "npm" && (script.Key == "test" || script.Key == "start")
                ? $"npm {script.Key}"
                : $"{manager} run {script.Key}";
            yield return new ProjectCommand(command, body);
        }
    }

    private static string FindName(IReadOnlyDictionary<string, string> read, string workingDirectory)
    {
        if (read.TryGetValue("package.json", out var package) && ParseObject(package)?["name"] is JsonValue n && n.TryGetValue<string>(out var name) && name.Length > 0)
            return name;
        foreach (var manifest in new[] { "pyproject.toml", "Cargo.toml" })
        {
            if (read.TryGetValue(manifest, out var toml) && TomlValue(toml, "name") is { Length: > 0 } tomlName) return tomlName;
        }
        var title = ReadmeText(read)?.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("# ", StringComparison.Ordinal));
        if (title is not null) return title.Substring(2).Trim();
        return workingDirectory.Length > 0 ? Path.GetFileName(workingDirectory.TrimEnd('/', '\\')) : "";
    }

    private static string FindSummary(IReadOnlyDictionary<string, string> read)
    {
        if (read.TryGetValue("package.json", out var package) && ParseObject(package)?["description"] is JsonValue d && d.TryGetValue<string>(out var description) && description.Length > 0)
            return description;
        if (read.TryGetValue("pyproject.toml", out var toml) && TomlValue(toml, "description") is { Length: > 0 } pyDescription) return pyDescription;
        var readme = ReadmeText(read);
        if (readme is null) return "";
        var paragraph = readme.Split(new[] { "\n\n" }, StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Trim())
            .FirstOrDefault(p => p.Length > 0 && !p.StartsWith("#", StringComparison.Ordinal) && !p.StartsWith("[!", StringComparison.Ordinal)
                && !p.StartsWith("```", StringComparison.Ordinal) && !p.StartsWith("<", StringComparison.Ordinal));
        return paragraph is null ? "" : Blanks.Replace(paragraph, " ");
    }

    private static string? ReadmeText(IReadOnlyDictionary<string, string> read) =>
        read.Where(p => IsReadme(p.Key)).OrderBy(p => p.Key.Count(c => c == '/')).Select(p => p.Value).FirstOrDefault();

    private static string? TomlValue(string toml, string key) =>
        TomlKeyValue.Matches(toml).Cast<Match>().FirstOrDefault(m => m.Groups["key"].Value == key)?.Groups["value"].Value;

    private static JsonObject? ParseObject(string json)
    {
        try { return JsonNode.Parse(json) as JsonObject; }
        catch (JsonException) { return null; }
    }
}

/// <summary>A command a manifest defines (npm script, make target...), with what it runs when known.</summary>
public sealed record ProjectCommand(string Command, string Detail);
