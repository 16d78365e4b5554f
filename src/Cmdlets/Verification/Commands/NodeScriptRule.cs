using System;
using System.Collections.Generic;
using System.Linq;
using LocalModels.Verification.Manifests;

namespace LocalModels.Verification.Commands;

/// <summary>
/// npm, pnpm, yarn, jlpm and bun: a script must be defined by the package.json the command runs in (the root's, or
/// the folder's after <c>cd</c>/<c>--prefix</c>/<c>-C</c>); across workspaces (<c>-w</c>, <c>--filter</c>,
/// <c>-r</c>) by any package's; and installing needs a package.json at all. A nested package.json the command does
/// not reach (a fixture, a sample) defines nothing for it.
/// </summary>
internal sealed class NodeScriptRule : ICommandRule
{
    private static readonly HashSet<string> Runners = new(StringComparer.Ordinal) { "npm", "pnpm", "yarn", "jlpm", "bun" };
    private static readonly HashSet<string> Installs = new(StringComparer.Ordinal) { "install", "i", "ci", "add" };
    private static readonly string[] OptionsWithValue = { "--prefix", "-C", "--dir", "--cwd", "-w", "--workspace", "--filter", "-F" };

    /// <summary>Subcommands of the package managers themselves: never scripts.</summary>
    private static readonly HashSet<string> Builtins = new(StringComparer.Ordinal)
    {
        "install", "i", "ci", "add", "remove", "rm", "uninstall", "un", "upgrade", "up", "update", "init", "info", "why", "workspaces",
        "dlx", "exec", "x", "config", "cache", "set", "version", "link", "unlink", "pack", "publish", "global", "login",
        "logout", "outdated", "audit", "create", "import", "bin", "dedupe", "node", "plugin", "constraints", "npm",
        "patch", "rebuild", "prune", "store", "list", "ls", "help", "env", "licenses", "fetch", "deploy", "setup", "doctor",
        "root", "search", "view", "whoami", "owner", "explain", "fund", "query", "approve-builds", "self-update", "dedupe",
    };

    /// <summary>Binaries whose name differs from the package that provides them (yarn and pnpm run them like scripts).</summary>
    private static readonly Dictionary<string, string> BinPackages = new(StringComparer.Ordinal)
    {
        ["tsc"] = "typescript", ["tsserver"] = "typescript", ["ng"] = "@angular/cli", ["changeset"] = "@changesets/cli",
        ["vue-cli-service"] = "@vue/cli-service", ["react-scripts"] = "react-scripts", ["nest"] = "@nestjs/cli",
    };

    public ClaimCheck? Check(CommandLine command, RepositoryIndex repository)
    {
        var runner = command.Runner;
        if (!Runners.Contains(runner) || command.Words.Count < 2 || command.Has("-g", "--global")) return null;
        var directory = command.Directory;
        foreach (var prefix in command.Values("--prefix", "-C", "--dir", "--cwd"))
            if (RepositoryIndex.Resolve(directory, prefix) is { } resolved) directory = resolved;
            else return null;
        var acrossWorkspaces = command.Values("-w", "--workspace", "--filter", "-F").Count > 0 || command.Has("-r", "--recursive", "-ws", "--workspaces", "-A", "--all");
        var words = command.Positionals(1, OptionsWithValue);
        if (runner == "yarn" && words.Count >= 2 && words[0] == "workspace")
        {
            acrossWorkspaces = true;
            words = words.Skip(2).ToList();
        }
        if (runner is "yarn" or "pnpm" && words.Count >= 1 && words[0] == "workspaces" && words.Count >= 2 && words[1] is "foreach" or "run")
        {
            acrossWorkspaces = true;
            words = words.Skip(2).ToList();
        }
        if (words.Count == 0) return null;

        string script;
        string text;
        var implicitRun = false;
        if (words[0] is "run" or "run-script" or "rum" or "urn")
        {
            if (words.Count < 2) return null;
            script = words[1];
            text = $"{runner} run {script}";
        }
        else if (runner == "npm")
        {
            if (Installs.Contains(words[0])) return Install(command, repository, directory, "npm install");
            if (words[0] is not ("test" or "t" or "tst" or "start" or "stop" or "restart")) return null;
            script = words[0] is "t" or "tst" ? "test" : words[0];
            text = $"npm {script}";
        }
        else if (runner == "bun")
        {
            // bun's own build, test and x are not scripts; only "bun run" names one for sure.
            return Installs.Contains(words[0]) ? Install(command, repository, directory, "bun install") : null;
        }
        else
        {
            if (Installs.Contains(words[0])) return Install(command, repository, directory, $"{runner} install");
            if (Builtins.Contains(words[0])) return null;
            script = words[0];
            text = $"{runner} {script}";
            implicitRun = true;
        }

        var claim = CommandLine.In(acrossWorkspaces ? text + " (workspaces)" : text, directory);
        var manifests = Scope(repository, directory, acrossWorkspaces);
        if (manifests.Count == 0)
            return ClaimCheck.Fails(claim, directory.Length == 0 ? $"undefined script {text} (no package.json)" : $"undefined script {text} (no package.json in {directory}/)");
        var packages = manifests.Select(m => PackageJson.Read(repository, m)).ToList();
        if (packages.Any(p => p.Scripts.Contains(script))) return ClaimCheck.Holds(claim);
        // yarn, pnpm and bun run a dependency's binary when no script has the name.
        var runsBinaries = runner != "npm" || implicitRun;
        if (runsBinaries && packages.Any(p => p.Dependencies.Any(d => d == script || d.EndsWith("/" + script, StringComparison.Ordinal) || BinPackages.TryGetValue(script, out var package) && d == package)))
            return ClaimCheck.Holds(claim);
        return ClaimCheck.Fails(claim, directory.Length == 0 ? $"undefined script {text}" : $"undefined script {text} in {directory}/");
    }

    /// <summary>The package.json files a command run in <paramref name="directory"/> reads scripts from.</summary>
    internal static IReadOnlyList<string> Scope(RepositoryIndex repository, string directory, bool acrossWorkspaces)
    {
        if (directory.Length > 0)
            return repository.FirstIn(directory, "package.json") is { } local ? new[] { local } : Array.Empty<string>();
        var all = repository.Manifests(3, "package.json");
        if (!repository.Exists("package.json"))
            // No root manifest: the deliverable describes a sub-project (frontend/, web/) without saying cd.
            return all.Where(p => p.Count(c => c == '/') <= 2).ToList();
        if (!acrossWorkspaces) return new[] { "package.json" };
        var patterns = PackageJson.Read(repository, "package.json").Workspaces.Concat(PnpmWorkspaces(repository)).ToList();
        return all.Where(p => p == "package.json" || patterns.Any(pattern => InWorkspace(RepositoryIndex.ParentOf(p), pattern))).ToList();
    }

    private static ClaimCheck? Install(CommandLine command, RepositoryIndex repository, string directory, string text)
    {
        // "npm install <package>" outside a project is a global-style install, not a claim about this repository.
        if (command.Positionals(2, OptionsWithValue).Count > 0) return null;
        return ClaimCheck.When(Scope(repository, directory, true).Count > 0, CommandLine.In(text, directory), directory.Length == 0 ? $"{text} without a package.json" : $"{text} without a package.json in {directory}/");
    }

    private static IEnumerable<string> PnpmWorkspaces(RepositoryIndex repository) =>
        repository.Read("pnpm-workspace.yaml").Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.StartsWith("- ", StringComparison.Ordinal))
            .Select(line => line.Substring(2).Trim().Trim('"', '\''));

    private static bool InWorkspace(string directory, string pattern)
    {
        if (pattern.StartsWith("!", StringComparison.Ordinal)) return false;
        var trimmed = pattern.TrimStart('.', '/');
        if (trimmed.EndsWith("/**", StringComparison.Ordinal)) return directory.StartsWith(trimmed.Substring(0, trimmed.Length - 2), StringComparison.Ordinal);
        if (trimmed.EndsWith("/*", StringComparison.Ordinal))
        {
            var parent = trimmed.Substring(0, trimmed.Length - 2);
            return RepositoryIndex.ParentOf(directory) == parent;
        }
        return directory == trimmed;
    }
}
