using System;
using System.Linq;

namespace LocalModels.Verification.Commands;

/// <summary>
/// Go: <c>go build|run|test|vet|generate|install|list</c> needs a go.mod (or go.work), and each package it names
/// inside the module (<c>./cmd/server</c>, <c>./internal/store/...</c>, or the module path plus a folder) must be
/// a folder of the repository. Other modules' packages cannot be known here.
/// </summary>
internal sealed class GoRule : ICommandRule
{
    private static readonly string[] PackageVerbs = { "build", "run", "test", "vet", "generate", "install", "list", "fmt" };
    private static readonly string[] ModuleFiles = { "go.mod", "go.work" };

    public ClaimCheck? Check(CommandLine command, RepositoryIndex repository)
    {
        if (command.Runner != "go" || command.Words.Count < 2) return null;
        var verb = command.Words[1];
        if (verb == "mod" && command.Words.Count > 2 && command.Words[2] is "tidy" or "download" or "verify" or "vendor")
            return ClaimCheck.When(HasModule(repository, command.Directory), $"go mod {command.Words[2]}", $"go mod {command.Words[2]} without a go.mod");
        if (!PackageVerbs.Contains(verb)) return null;
        var text = CommandLine.In($"go {verb}", command.Directory);
        var moduleFile = repository.FirstIn(command.Directory, ModuleFiles) ?? (command.Directory.Length == 0 ? repository.Manifests(2, ModuleFiles).FirstOrDefault() : null);
        if (moduleFile is null && !HasModule(repository, command.Directory)) return ClaimCheck.Fails(text, $"{text} without a go.mod");
        var modulePath = moduleFile is null ? null : ModulePath(repository.Read(moduleFile));
        var moduleRoot = moduleFile is null ? command.Directory : RepositoryIndex.ParentOf(moduleFile);
        var arguments = command.Positionals(2, "-o", "-run", "-bench", "-tags", "-ldflags", "-gcflags", "-count", "-timeout", "-p", "-coverprofile", "-covermode", "-cpu", "-skip", "-exec", "-mod", "-C");
        foreach (var argument in arguments.Select(a => a.Split('@')[0]))
        {
            string? folder = null;
            if (argument.StartsWith("./", StringComparison.Ordinal) || argument.StartsWith("../", StringComparison.Ordinal))
                folder = RepositoryIndex.Resolve(command.Directory, StripEllipsis(argument));
            else if (modulePath is not null && argument.StartsWith(modulePath + "/", StringComparison.Ordinal))
                folder = RepositoryIndex.Resolve(moduleRoot, StripEllipsis(argument.Substring(modulePath.Length + 1)));
            if (folder is null || folder.EndsWith(".go", StringComparison.Ordinal) || folder == command.Directory) continue;
            var claim = $"{text} {argument}";
            // One claim per command: the first package it names inside the module.
            return ClaimCheck.When(repository.IsDirectory(folder) && repository.Exists(folder), claim, $"missing package {claim}");
        }
        return ClaimCheck.Holds(text);
    }

    private static bool HasModule(RepositoryIndex repository, string directory) =>
        repository.FirstIn(directory, ModuleFiles) is not null || directory.Length == 0 && repository.Manifests(2, ModuleFiles).Count > 0;

    private static string StripEllipsis(string argument)
    {
        var trimmed = argument.EndsWith("/...", StringComparison.Ordinal) ? argument.Substring(0, argument.Length - 4) : argument == "..." ? "." : argument;
        return trimmed.TrimEnd('/');
    }

    private static string? ModulePath(string goMod) =>
        goMod.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("module ", StringComparison.Ordinal))?.Substring(7).Trim().Trim('"');
}
