using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace LocalModels.Verification.Manifests;

/// <summary>The names task runners' files define: Makefile targets (with included makefiles), justfile recipes and aliases, Taskfile tasks.</summary>
internal static class TaskFiles
{
    public static readonly string[] MakefileNames = { "GNUmakefile", "makefile", "Makefile" };
    public static readonly string[] JustfileNames = { "justfile", "Justfile", ".justfile", "JUSTFILE" };
    public static readonly string[] TaskfileNames = { "Taskfile.yml", "Taskfile.yaml", "taskfile.yml", "taskfile.yaml", "Taskfile.dist.yml" };

    // The patterns run over a hostile repository's files: none has two quantifiers that can match the same text,
    // so a long line costs linear time.
    private static readonly Regex MakeRule = new(@"^([A-Za-z0-9_.\-/][A-Za-z0-9_.\-/ \t]*)::?(?!=)", RegexOptions.Multiline | RegexOptions.CultureInvariant);
    private static readonly Regex MakePhony = new(@"^\.PHONY\s*:\s*(.+)$", RegexOptions.Multiline);
    private static readonly Regex MakeInclude = new(@"^-?s?include\s+(.+)$", RegexOptions.Multiline | RegexOptions.CultureInvariant);
    private static readonly Regex JustRecipe = new(@"^@?([A-Za-z0-9_\-]+)(?:[ \t][^:=\n]*)?:(?!=)", RegexOptions.Multiline | RegexOptions.CultureInvariant);
    private static readonly Regex JustAlias = new(@"^alias\s+([A-Za-z0-9_\-]+)\s*:=", RegexOptions.Multiline | RegexOptions.CultureInvariant);
    private static readonly Regex TaskfileKey = new(@"^(\s+)([A-Za-z0-9_.:\-]+|""[^""]+"")\s*:", RegexOptions.CultureInvariant);

    /// <summary>Targets of the makefile at <paramref name="makefile"/> and of the makefiles it includes (one level).</summary>
    public static HashSet<string> MakeTargets(RepositoryIndex repository, string makefile) =>
        repository.Parsed("make:" + makefile, () => ReadMakeTargets(repository, makefile));

    public static HashSet<string> JustRecipes(RepositoryIndex repository, string justfile) =>
        repository.Parsed("just:" + justfile, () => JustRecipes(repository.Read(justfile)));

    public static HashSet<string> TaskfileTasks(RepositoryIndex repository, string taskfile) =>
        repository.Parsed("task:" + taskfile, () => TaskfileTasks(repository.Read(taskfile)));

    private static HashSet<string> ReadMakeTargets(RepositoryIndex repository, string makefile)
    {
        var targets = new HashSet<string>(StringComparer.Ordinal);
        var text = repository.Read(makefile);
        AddMakeTargets(targets, text);
        foreach (Match include in MakeInclude.Matches(text))
            foreach (var name in include.Groups[1].Value.Split(new[] { ' ', '\t', '\r' }, StringSplitOptions.RemoveEmptyEntries))
            {
                var directory = RepositoryIndex.ParentOf(makefile);
                if (name.Contains("*"))
                {
                    var suffix = name.Substring(name.LastIndexOf('*') + 1);
                    var folder = RepositoryIndex.Resolve(directory, RepositoryIndex.ParentOf(name)) ?? directory;
                    foreach (var file in repository.FilesIn(folder, suffix)) AddMakeTargets(targets, repository.Read(file));
                }
                else if (RepositoryIndex.Resolve(directory, name) is { } path)
                    AddMakeTargets(targets, repository.Read(path));
            }
        return targets;
    }

    private static HashSet<string> JustRecipes(string text)
    {
        var recipes = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match m in JustRecipe.Matches(text)) recipes.Add(m.Groups[1].Value);
        foreach (Match m in JustAlias.Matches(text)) recipes.Add(m.Groups[1].Value);
        recipes.Remove("set");
        recipes.Remove("alias");
        return recipes;
    }

    /// <summary>The keys directly under <c>tasks:</c> in a Taskfile.</summary>
    private static HashSet<string> TaskfileTasks(string text)
    {
        var tasks = new HashSet<string>(StringComparer.Ordinal);
        var inTasks = false;
        int? indent = null;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Trim().Length == 0 || line.TrimStart().StartsWith("#", StringComparison.Ordinal)) continue;
            if (!char.IsWhiteSpace(line[0]))
            {
                inTasks = line.StartsWith("tasks:", StringComparison.Ordinal);
                indent = null;
                continue;
            }
            if (!inTasks || TaskfileKey.Match(line) is not { Success: true } key) continue;
            indent ??= key.Groups[1].Value.Length;
            if (key.Groups[1].Value.Length == indent) tasks.Add(key.Groups[2].Value.Trim('"'));
        }
        return tasks;
    }

    private static void AddMakeTargets(HashSet<string> targets, string text)
    {
        foreach (Match m in MakeRule.Matches(text))
            foreach (var name in m.Groups[1].Value.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries))
                if (!name.StartsWith(".", StringComparison.Ordinal) || name.Length > 1 && name.Contains("/")) targets.Add(name);
        // .PHONY names count too: some makefiles declare them beside pattern or variable-named rules.
        foreach (Match m in MakePhony.Matches(text))
            foreach (var name in m.Groups[1].Value.Split(new[] { ' ', '\t', '\r' }, StringSplitOptions.RemoveEmptyEntries)) targets.Add(name);
    }
}
