using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using LocalModels.Verification.Manifests;

namespace LocalModels.Verification.Commands;

/// <summary>
/// Python: tox environments and nox sessions must be defined; <c>python -m</c> of the repository's own package must
/// name a module that exists; <c>poetry/uv/pdm/hatch/pipenv/rye run X</c> must run a script the project defines or a
/// tool it depends on; installing the project (<c>pip install -e .</c>, <c>poetry install</c>, <c>uv sync</c>)
/// needs a pyproject.toml or setup.py. Installed tools (pytest, pip, build) cannot be known here and are not judged.
/// </summary>
internal sealed class PythonRule : ICommandRule
{
    private static readonly string[] ProjectFiles = { "pyproject.toml", "setup.py", "setup.cfg" };
    private static readonly string[] DependencyFiles = { "pyproject.toml", "setup.cfg", "setup.py", "Pipfile", "tox.ini", "requirements.txt", "requirements-dev.txt", "dev-requirements.txt", "requirements_dev.txt", "environment.yml", ".pre-commit-config.yaml" };
    private static readonly HashSet<string> Interpreters = new(StringComparer.Ordinal) { "python", "python3", "py", "pip", "pip3" };
    private static readonly HashSet<string> ProjectRunners = new(StringComparer.Ordinal) { "poetry", "uv", "pdm", "hatch", "pipenv", "rye" };

    public ClaimCheck? Check(CommandLine command, RepositoryIndex repository)
    {
        if (command.Words.Count < 2) return null;
        return command.Runner switch
        {
            "tox" => Tox(command, repository),
            "nox" => Nox(command, repository),
            "python" or "python3" or "py" => PythonModule(command, repository),
            "pip" or "pip3" => PipInstall(command, repository),
            var runner when ProjectRunners.Contains(runner) => ProjectRunner(command, repository),
            _ => null,
        };
    }

    private static ClaimCheck? Tox(CommandLine command, RepositoryIndex repository)
    {
        var environments = command.Values("-e").SelectMany(e => e.Split(',')).Where(e => e.Length > 0).ToList();
        if (environments.Count == 0) return null;
        var pyproject = repository.Read("pyproject.toml");
        var setupCfg = repository.Read("setup.cfg");
        var configured = repository.Exists("tox.ini") || pyproject.Contains("[tool.tox") || setupCfg.Contains("[tox:tox]");
        var config = repository.Read("tox.ini") + pyproject + setupCfg;
        var text = $"tox -e {string.Join(",", environments)}";
        // Generative names (py311, py3.12) exist wherever tox is configured; others must appear in the configuration.
        var holds = configured && environments.All(env => ToxPythonEnvironment.IsMatch(env) || Regex.IsMatch(config, $@"\b{Regex.Escape(env)}\b"));
        return ClaimCheck.When(holds, text, $"undefined tox env {text}");
    }

    private static ClaimCheck? Nox(CommandLine command, RepositoryIndex repository)
    {
        var sessions = command.Values("-s", "--session", "--sessions").SelectMany(s => s.Split(',')).Where(s => s.Length > 0).ToList();
        if (sessions.Count == 0) return null;
        var noxfile = repository.Read("noxfile.py");
        var text = $"nox -s {string.Join(",", sessions)}";
        var holds = sessions.All(s => Regex.IsMatch(noxfile, $@"def\s+{Regex.Escape(s)}\s*\(|name\s*=\s*[""']{Regex.Escape(s)}[""']"));
        return ClaimCheck.When(holds, text, $"undefined nox session {text}");
    }

    private static ClaimCheck? PythonModule(CommandLine command, RepositoryIndex repository)
    {
        var m = command.Words.ToList().IndexOf("-m");
        if (m < 0 || m + 1 >= command.Words.Count) return null;
        var name = command.Words[m + 1];
        var text = $"python -m {name}";
        // Only the repository's own modules are checked; installed tools (pytest, pip, build) cannot be known here.
        var first = name.Split('.')[0];
        var ownPackage = repository.Exists(first) || repository.Exists(first + ".py") || repository.Exists("src/" + first);
        if (!ownPackage) return null;
        if (!name.Contains(".")) return ClaimCheck.Holds(text);
        var module = name.Replace('.', '/');
        return ClaimCheck.When(repository.HasPath(module + ".py") || repository.HasPath(module + "/__main__.py") || repository.HasPath(module + "/__init__.py"), text, $"missing module {text}");
    }

    private static ClaimCheck? PipInstall(CommandLine command, RepositoryIndex repository)
    {
        if (command.Words[1] != "install") return null;
        var editable = command.Values("-e", "--editable");
        var targets = editable.Concat(command.Positionals(2, "-e", "--editable", "-r", "--requirement", "-c", "--constraint", "-i", "--index-url", "--extra-index-url", "-t", "--target")).ToList();
        var local = targets.Select(t => t.Trim('"', '\'')).FirstOrDefault(t => t == "." || t.StartsWith(".[", StringComparison.Ordinal) || t.StartsWith("./", StringComparison.Ordinal));
        if (local is null) return null;
        var folder = local.StartsWith("./", StringComparison.Ordinal) ? RepositoryIndex.Resolve(command.Directory, local.Split('[')[0]) : command.Directory;
        if (folder is null) return null;
        var text = $"pip install {(editable.Count > 0 ? "-e " : "")}{local}";
        return ClaimCheck.When(repository.FirstIn(folder, ProjectFiles) is not null, CommandLine.In(text, command.Directory), $"{text} without a pyproject.toml or setup.py");
    }

    private static ClaimCheck? ProjectRunner(CommandLine command, RepositoryIndex repository)
    {
        var runner = command.Runner;
        var words = command.Positionals(1, "--directory", "--project", "-p", "--with", "--python", "-e", "--env", "--group", "--extra");
        if (words.Count == 0) return null;
        var project = ProjectFile(repository, command.Directory, runner);
        if (words[0] is "install" or "sync" or "lock")
        {
            var text = $"{runner} {words[0]}";
            return ClaimCheck.When(project is not null, CommandLine.In(text, command.Directory), $"{text} without a {(runner == "pipenv" ? "Pipfile" : "pyproject.toml")}");
        }
        if (words[0] != "run" || words.Count < 2) return null;
        var target = words[1];
        if (Interpreters.Contains(target))
        {
            // "uv run python -m pkg": judged as the python command it runs.
            var inner = command.Words.Skip(command.Words.ToList().IndexOf(target)).ToList();
            return PythonModule(new CommandLine(inner, command.Directory), repository);
        }
        if (target.Contains("/") || target.Contains(".py")) return null; // a script file: the path check judges it
        var claim = $"{runner} run {target}";
        if (project is null) return ClaimCheck.Fails(claim, $"undefined command {claim} (no {(runner == "pipenv" ? "Pipfile" : "pyproject.toml")})");
        var script = runner == "hatch" && target.Contains(":") ? target.Substring(target.IndexOf(':') + 1) : target;
        return ClaimCheck.When(DefinesScript(repository, project, script) || Declares(repository, script), claim, $"undefined command {claim}");
    }

    private static string? ProjectFile(RepositoryIndex repository, string directory, string runner)
    {
        var names = runner == "pipenv" ? new[] { "Pipfile" } : new[] { "pyproject.toml" };
        return repository.FirstIn(directory, names) ?? (directory.Length == 0 ? repository.Manifests(2, names).FirstOrDefault() : null);
    }

    /// <summary>Scripts tables of pyproject.toml (PEP 621, Poetry, PDM, Rye, Hatch environments) or a Pipfile's [scripts].</summary>
    private static bool DefinesScript(RepositoryIndex repository, string projectFile, string script) =>
        TomlEntries.Read(repository, projectFile).Any(e => e.Key == script && (
            e.Table is "project.scripts" or "project.gui-scripts" or "tool.poetry.scripts" or "tool.pdm.scripts" or "tool.rye.scripts" or "scripts"
            || e.Table.StartsWith("tool.hatch.envs.", StringComparison.Ordinal) && e.Table.EndsWith(".scripts", StringComparison.Ordinal)));

    /// <summary>True when a Python manifest names <paramref name="tool"/> (a dependency the project's environment installs).</summary>
    private static bool Declares(RepositoryIndex repository, string tool) =>
        repository.Parsed("python-words", () => new HashSet<string>(
                repository.Manifests(2, DependencyFiles).Concat(repository.Entries.Where(p => p.StartsWith("requirements/", StringComparison.Ordinal)))
                    .SelectMany(file => Word.Matches(repository.Read(file)).Cast<Match>().Select(m => Normalize(m.Value))),
                StringComparer.Ordinal))
            .Contains(Normalize(tool));

    private static readonly Regex Word = new(@"[A-Za-z0-9][A-Za-z0-9_\-]*", RegexOptions.CultureInvariant);
    private static readonly Regex NameSeparators = new(@"[-_.]+");
    private static readonly Regex ToxPythonEnvironment = new(@"^py\d");

    /// <summary>Package names compare as pip compares them: case and -/_/. do not matter.</summary>
    private static string Normalize(string name) => NameSeparators.Replace(name.ToLowerInvariant(), "-");
}
