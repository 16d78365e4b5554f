using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace LocalModels.Verification.Commands;

/// <summary>
/// .NET and PowerShell builds: <c>dotnet build|test|run|pack|publish</c> needs a project or solution in the
/// repository, and the project folder or name it is given (<c>--project X</c>, <c>dotnet test X</c>) must exist;
/// <c>Invoke-Build X</c> needs a task X in a *.build.ps1. Project and script files with an extension are judged by
/// the path check.
/// </summary>
internal sealed class DotNetRule : ICommandRule
{
    private static readonly string[] ProjectExtensions = { ".sln", ".slnx", ".slnf", ".csproj", ".fsproj", ".vbproj", ".proj" };
    private static readonly string[] ProjectVerbs = { "build", "test", "run", "pack", "publish", "restore", "clean", "format", "watch" };
    private static readonly string[] OptionsWithValue =
    {
        "-c", "--configuration", "-f", "--framework", "-o", "--output", "-r", "--runtime", "--filter", "-v", "--verbosity",
        "--logger", "-l", "--settings", "-s", "--source", "--arch", "-a", "--os", "--project", "--results-directory",
        "--collect", "-e", "--environment", "--launch-profile", "--property", "--diag", "-bl", "--blame-hang-timeout",
    };

    public ClaimCheck? Check(CommandLine command, RepositoryIndex repository)
    {
        if (command.Words.Count < 2) return null;
        if (command.Runner.Equals("Invoke-Build", StringComparison.OrdinalIgnoreCase)) return InvokeBuild(command, repository);
        if (command.Runner != "dotnet") return null;
        var verb = command.Words[1] == "watch" && command.Words.Count > 2 ? command.Words[2] : command.Words[1];
        if (!ProjectVerbs.Contains(verb)) return null;
        var text = $"dotnet {verb}";
        var anyProject = repository.Entries.Any(p => ProjectExtensions.Any(e => p.EndsWith(e, StringComparison.OrdinalIgnoreCase)) && p.Count(c => c == '/') <= 3);
        if (!anyProject) return ClaimCheck.Fails(text, $"{text} without a .NET project or solution");
        var project = command.Values("--project").FirstOrDefault();
        var target = project ?? (verb == "run" ? null : command.Positionals(2, OptionsWithValue).FirstOrDefault());
        if (target is null || target.Contains("=") || target.Contains("$")) return ClaimCheck.Holds(text);
        if (ProjectExtensions.Concat(new[] { ".dll" }).Any(e => target.EndsWith(e, StringComparison.OrdinalIgnoreCase))) return null;
        var folder = RepositoryIndex.Resolve(command.Directory, target);
        if (folder is null) return null;
        var claim = project is not null ? $"{text} --project {target}" : $"{text} {target}";
        // A project argument is a folder holding a project, or a project's name without its extension.
        var holds = repository.IsDirectory(folder) || ProjectExtensions.Any(e => repository.Exists(folder + e)) || repository.HasPath(target.TrimEnd('/'));
        return ClaimCheck.When(holds, claim, $"missing project {claim}");
    }

    private static readonly Regex BuildTask = new(@"^[ \t]*(?:task|Add-BuildTask)[ \t]+([\w.-]+)", RegexOptions.Multiline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static ClaimCheck? InvokeBuild(CommandLine command, RepositoryIndex repository)
    {
        var tasks = command.Values("-Task").Concat(command.Positionals(1, "-File", "-Task", "-Result", "-Checkpoint")).SelectMany(t => t.Split(',')).Where(t => t.Length > 0).ToList();
        if (tasks.Count == 0) return null;
        var claim = $"Invoke-Build {string.Join(",", tasks)}";
        var scripts = repository.FilesIn(command.Directory, ".build.ps1").ToList();
        if (scripts.Count == 0) return ClaimCheck.Fails(claim, $"undefined build task {claim} (no *.build.ps1)");
        var defined = repository.Parsed("invoke-build:" + command.Directory, () => new HashSet<string>(
            scripts.SelectMany(s => BuildTask.Matches(repository.Read(s)).Cast<Match>().Select(m => m.Groups[1].Value)), StringComparer.OrdinalIgnoreCase));
        var undefined = tasks.Where(t => !defined.Contains(t)).ToList();
        return ClaimCheck.When(undefined.Count == 0, claim, $"undefined build task Invoke-Build {string.Join(",", undefined)}");
    }
}
