using System;
using System.Collections.Generic;
using System.Linq;
using LocalModels.Verification.Manifests;

namespace LocalModels.Verification.Commands;

/// <summary>
/// make, just and task (go-task): every target named must be defined by the task file the command reads (the one
/// in its folder, after <c>cd</c>, <c>-C</c> or <c>-d</c>, or the one given with <c>-f</c>), and that file must exist.
/// </summary>
internal sealed class TaskRunnerRule : ICommandRule
{
    public ClaimCheck? Check(CommandLine command, RepositoryIndex repository) => command.Words.Count < 2 ? null : command.Runner switch
    {
        "make" or "gmake" => Make(command, repository),
        "just" => Just(command, repository),
        "task" => Task(command, repository),
        _ => null,
    };

    private static ClaimCheck? Make(CommandLine command, RepositoryIndex repository)
    {
        var directory = command.Directory;
        foreach (var folder in command.Values("-C", "--directory"))
            if (RepositoryIndex.Resolve(directory, folder) is { } resolved) directory = resolved;
            else return null;
        var targets = command.Positionals(1, "-C", "--directory", "-f", "--file", "--makefile", "-I", "-o", "-W", "-j", "-l")
            .Where(t => !t.Contains("=") && !int.TryParse(t, out _)).ToList();
        if (targets.Count == 0) return null;
        var given = command.Values("-f", "--file", "--makefile").FirstOrDefault();
        var makefile = given is not null ? RepositoryIndex.Resolve(directory, given) is { } path && repository.Exists(path) ? path : null : repository.FirstIn(directory, TaskFiles.MakefileNames);
        var text = $"make {string.Join(" ", targets)}";
        var claim = CommandLine.In(text, directory);
        if (makefile is null) return ClaimCheck.Fails(claim, $"undefined make target {text} ({Missing("Makefile", directory)})");
        var defined = TaskFiles.MakeTargets(repository, makefile);
        var undefined = targets.Where(t => !defined.Contains(t)).ToList();
        return ClaimCheck.When(undefined.Count == 0, claim, $"undefined make target make {string.Join(" ", undefined)}{(directory.Length == 0 ? "" : $" in {directory}/")}");
    }

    private static ClaimCheck? Just(CommandLine command, RepositoryIndex repository)
    {
        var directory = command.Directory;
        foreach (var folder in command.Values("-d", "--working-directory"))
            if (RepositoryIndex.Resolve(directory, folder) is { } resolved) directory = resolved;
            else return null;
        var words = command.Positionals(1, "-f", "--justfile", "-d", "--working-directory", "--set", "--shell", "--dotenv-filename", "--dotenv-path");
        // The first word is the recipe, the rest are its arguments; "module::recipe" lives in another file.
        if (words.Count == 0 || words[0].Contains("::")) return null;
        var recipe = words[0];
        var text = $"just {recipe}";
        var given = command.Values("-f", "--justfile").FirstOrDefault();
        var justfile = given is not null ? RepositoryIndex.Resolve(directory, given) : repository.FirstIn(directory, TaskFiles.JustfileNames);
        var claim = CommandLine.In(text, directory);
        if (justfile is null || !repository.Exists(justfile)) return ClaimCheck.Fails(claim, $"undefined just recipe {text} ({Missing("justfile", directory)})");
        return ClaimCheck.When(TaskFiles.JustRecipes(repository, justfile).Contains(recipe), claim, $"undefined just recipe {text}");
    }

    private static ClaimCheck? Task(CommandLine command, RepositoryIndex repository)
    {
        var directory = command.Directory;
        foreach (var folder in command.Values("-d", "--dir"))
            if (RepositoryIndex.Resolve(directory, folder) is { } resolved) directory = resolved;
            else return null;
        var tasks = command.Positionals(1, "-d", "--dir", "-t", "--taskfile", "-o", "--output", "-C", "--concurrency").Where(t => !t.Contains("=")).ToList();
        // Taskfiles are YAML; without one, "task" is as likely an unrelated word as the go-task runner: say nothing.
        var taskfile = repository.FirstIn(directory, TaskFiles.TaskfileNames);
        if (tasks.Count == 0 || taskfile is null) return null;
        var defined = TaskFiles.TaskfileTasks(repository, taskfile);
        var text = $"task {string.Join(" ", tasks)}";
        var undefined = tasks.Where(t => !defined.Contains(t) && !t.Contains(":")).ToList();
        return ClaimCheck.When(undefined.Count == 0, CommandLine.In(text, directory), $"undefined task task {string.Join(" ", undefined)}");
    }

    private static string Missing(string file, string directory) => directory.Length == 0 ? $"no {file}" : $"no {file} in {directory}/";
}
