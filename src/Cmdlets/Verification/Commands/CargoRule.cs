using System;
using System.Collections.Generic;
using System.Linq;
using LocalModels.Verification.Manifests;

namespace LocalModels.Verification.Commands;

/// <summary>
/// Cargo: any cargo command needs a Cargo.toml; the packages (<c>-p</c>), binaries (<c>--bin</c>), examples
/// (<c>--example</c>) and features (<c>--features</c>) it names must be defined by the workspace; an alias from
/// .cargo/config.toml counts as a subcommand. Other subcommands are installed plugins, not judged.
/// </summary>
internal sealed class CargoRule : ICommandRule
{
    private static readonly HashSet<string> Builtins = new(StringComparer.Ordinal)
    {
        "build", "b", "check", "c", "clean", "doc", "d", "new", "init", "add", "remove", "rm", "run", "r", "test", "t", "bench",
        "update", "search", "publish", "install", "uninstall", "fmt", "clippy", "tree", "vendor", "fix", "metadata", "package",
        "login", "logout", "owner", "yank", "help", "version", "report", "generate-lockfile", "locate-project", "pkgid",
        "verify-project", "rustc", "rustdoc", "fetch", "config", "info",
    };

    public ClaimCheck? Check(CommandLine command, RepositoryIndex repository)
    {
        if (command.Runner != "cargo" || command.Words.Count < 2) return null;
        var verb = command.Positionals(1, "--manifest-path", "-Z", "--config", "--color").FirstOrDefault(w => !w.StartsWith("+", StringComparison.Ordinal));
        if (verb is null || verb is "new" or "init" or "install" or "search" or "login" or "help" or "version") return null;
        var manifests = repository.Manifests(3, "Cargo.toml");
        var text = $"cargo {verb}";
        if (manifests.Count == 0 && repository.FirstIn(command.Directory, "Cargo.toml") is null) return ClaimCheck.Fails(text, $"{text} without a Cargo.toml");
        if (!Builtins.Contains(verb))
            return Aliases(repository).Contains(verb) ? ClaimCheck.Holds(text) : null;

        var entries = manifests.Select(m => (Manifest: m, Entries: TomlEntries.Read(repository, m).ToList())).ToList();
        var packages = new HashSet<string>(entries.SelectMany(e => e.Entries.Where(x => x.Table == "package" && x.Key == "name").Select(x => x.Value)), StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var package in command.Values("-p", "--package").Where(p => !p.Contains("*")))
            if (!packages.Contains(package.Split('@')[0])) problems.Add($"undefined package {text} -p {package}");
        foreach (var bin in command.Values("--bin"))
            if (!Targets(repository, entries, "bin", "src/bin").Contains(bin) && !packages.Contains(bin)) problems.Add($"undefined binary {text} --bin {bin}");
        foreach (var example in command.Values("--example"))
            if (!Targets(repository, entries, "example", "examples").Contains(example)) problems.Add($"undefined example {text} --example {example}");
        var features = new HashSet<string>(entries.SelectMany(e => e.Entries.Where(x => x.Table == "features" || x.Table.EndsWith("dependencies", StringComparison.Ordinal)).Select(x => x.Key)), StringComparer.Ordinal);
        foreach (var feature in command.Values("--features", "-F").SelectMany(f => f.Split(new[] { ',', ' ' }, StringSplitOptions.RemoveEmptyEntries)))
            if (!features.Contains(feature.Split('/').Last()) && !feature.Contains("/")) problems.Add($"undefined feature {text} --features {feature}");
        var claim = string.Join(" ", command.Words.TakeWhile(w => w != "--"));
        return ClaimCheck.When(problems.Count == 0, claim, string.Join("; ", problems));
    }

    /// <summary>Names of [[bin]]/[[example]] targets, and of the files and folders Cargo discovers in src/bin and examples.</summary>
    private static HashSet<string> Targets(RepositoryIndex repository, List<(string Manifest, List<TomlEntry> Entries)> manifests, string table, string folder)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (manifest, entries) in manifests)
        {
            foreach (var entry in entries.Where(e => e.Table == table && e.Key == "name")) names.Add(entry.Value);
            var crate = RepositoryIndex.Combine(RepositoryIndex.ParentOf(manifest), folder).TrimStart('/');
            foreach (var path in repository.Entries.Where(p => RepositoryIndex.ParentOf(p) == crate))
            {
                var name = RepositoryIndex.FileName(path);
                names.Add(name.EndsWith(".rs", StringComparison.Ordinal) ? name.Substring(0, name.Length - 3) : name);
            }
        }
        return names;
    }

    private static HashSet<string> Aliases(RepositoryIndex repository) =>
        new(new[] { ".cargo/config.toml", ".cargo/config" }
            .SelectMany(f => TomlEntries.Read(repository, f))
            .Where(e => e.Table == "alias").Select(e => e.Key), StringComparer.Ordinal);
}
