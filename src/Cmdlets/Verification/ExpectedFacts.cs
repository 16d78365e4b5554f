using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using LocalModels.Verification.Commands;
using LocalModels.Verification.Manifests;

namespace LocalModels.Verification;

/// <summary>
/// The facts a good CLAUDE.md for a repository must hold, read from the repository itself: the build, test, lint
/// and run commands its manifests define (one fact per purpose, any of the repository's ways of doing it covers
/// it), its main source and test folders, its entry points, and the setup steps its README gives.
/// </summary>
internal static class ExpectedFacts
{
    private const int MaxEntryPoints = 3;
    private const int MaxReadmeSteps = 4;

    private static readonly string[] Purposes = { "build", "test", "lint", "run" };

    private static readonly HashSet<string> CodeExtensions = new(StringComparer.Ordinal)
    {
        ".ts", ".tsx", ".js", ".jsx", ".mjs", ".py", ".cs", ".fs", ".ps1", ".psm1", ".go", ".rs", ".java", ".kt", ".rb", ".php",
        ".c", ".h", ".cpp", ".hpp", ".swift", ".scala", ".vue", ".svelte",
    };

    private static readonly HashSet<string> TestFolders = new(StringComparer.OrdinalIgnoreCase) { "test", "tests", "spec", "specs", "__tests__", "testing" };
    private static readonly HashSet<string> NotSourceFolders = new(StringComparer.OrdinalIgnoreCase) { "docs", "doc", "examples", "example", "samples", "scripts", "tools", "vendor", "third_party", "benchmarks", "bench", "fixtures" };

    private static readonly HashSet<string> SetupRunners = new(StringComparer.Ordinal)
    {
        "npm", "pnpm", "yarn", "bun", "jlpm", "make", "just", "task", "pip", "pip3", "python", "python3", "uv", "poetry", "pdm",
        "hatch", "pipenv", "tox", "nox", "pytest", "dotnet", "go", "cargo", "gradle", "./gradlew", "mvn", "./mvnw", "docker", "pwsh",
    };

    /// <summary>
    /// "gradle", "./gradlew" or "mvn" and the words of its command line up to a task. At most
    /// <see cref="MaxWordsBeforeTask"/> words: unbounded, every mention in a text of "mvn mvn mvn ..." read all the words
    /// after it, and a model's CLAUDE.md of a few hundred kilobytes of them took minutes to check.
    /// </summary>
    private static readonly string WordsBeforeTask = @"\s+([\w:-]+\s+){0," + MaxWordsBeforeTask + "}";
    private static readonly string GradleCommand = @"(?<![\w-])(\./)?gradlew?(\.bat)?" + WordsBeforeTask;
    private static readonly string MavenCommand = @"(?<![\w-])(\./)?mvnw?" + WordsBeforeTask;

    /// <summary>How many words a Gradle or Maven command line may give before the task that names its purpose.</summary>
    internal const int MaxWordsBeforeTask = 16;

    private static readonly Regex GradleBuild = new(GradleCommand + @"(:[\w-]+:)?(build|assemble)\b", RegexOptions.IgnoreCase);
    private static readonly Regex GradleTest = new(GradleCommand + @"(:[\w-]+:)?(test|check)\b", RegexOptions.IgnoreCase);
    private static readonly Regex MavenBuild = new(MavenCommand + @"(package|install|verify)\b", RegexOptions.IgnoreCase);
    private static readonly Regex MavenTest = new(MavenCommand + @"(test|verify)\b", RegexOptions.IgnoreCase);
    private static readonly Regex PythonInstall = new(@"(?<![\w-])(pip3?\s+install\s+(-e\s+)?[""']?\.|uv\s+(sync|pip\s+install)|poetry\s+install|pdm\s+install|hatch\s+(env|shell)|pipenv\s+install|pip3?\s+install\s+-r)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    private static readonly Regex LintAlias = new(@"\b(clippy|fmt)\b");
    private static readonly Regex TestName = new(@"^(test|tests|unit|spec|e2e|pytest|check-tests)([:_\-].*)?$");
    private static readonly Regex LintName = new(@"^(lint|format|fmt|typecheck|type-check|types|check|vet|style|ruff|clippy|prettier|eslint)([:_\-].*)?$");
    private static readonly Regex BuildName = new(@"^(build|compile|all|dist|bundle)([:_\-].*)?$");
    private static readonly Regex RunName = new(@"^(start|dev|serve|run|watch|benchmark|bench)([:_\-].*)?$");
    private static readonly Regex PytestFile = new(@"^test_.*\.py$");
    private static readonly Regex DotNetProjectFile = new(@"\.(sln|slnx|csproj|fsproj|vbproj)$");
    private static readonly Regex BuildOutputFolder = new(@"^(dist|lib|build|out)/");
    private static readonly Regex JavaScriptExtension = new(@"\.(c|m)?js$");
    private static readonly Regex CommandWord = new(@"^[\w:+][\w.:+-]*$");

    public static IReadOnlyList<ExpectedFact> Discover(RepositoryIndex repository)
    {
        var facts = new List<ExpectedFact>();
        facts.AddRange(CommandFacts(repository));
        facts.AddRange(FolderFacts(repository));
        facts.AddRange(EntryPointFacts(repository).Take(MaxEntryPoints));
        facts.AddRange(ReadmeFacts(repository, facts).Take(MaxReadmeSteps));
        return facts;
    }

    /// <summary>What a script, target or recipe name is for, or null: "test", "test:unit" and "pytest" are tests.</summary>
    internal static string? Purpose(string name)
    {
        var n = name.ToLowerInvariant();
        if (TestName.IsMatch(n)) return "test";
        if (LintName.IsMatch(n)) return "lint";
        if (BuildName.IsMatch(n)) return "build";
        if (RunName.IsMatch(n)) return "run";
        return null;
    }

    private sealed record Way(string Purpose, string Text, Regex Mention);

    private static IEnumerable<ExpectedFact> CommandFacts(RepositoryIndex repository)
    {
        var ways = new List<Way>();
        AddNode(repository, ways);
        AddTaskRunners(repository, ways);
        AddPython(repository, ways);
        AddCompiled(repository, ways);
        foreach (var script in repository.FilesIn("", ".sh").Concat(repository.FilesIn("", ".ps1")))
            if (Purpose(System.IO.Path.GetFileNameWithoutExtension(script)) is { } purpose)
                ways.Add(new Way(purpose, "./" + script, ExpectedFact.File(script)));
        foreach (var purpose in Purposes)
        {
            var options = ways.Where(w => w.Purpose == purpose).ToList();
            if (options.Count == 0) continue;
            var shown = options.Select(o => o.Text).Distinct().Take(3);
            yield return new ExpectedFact($"{purpose} command: {string.Join(" or ", shown)}", options.Select(o => o.Mention).ToList());
        }
    }

    private static void AddNode(RepositoryIndex repository, List<Way> ways)
    {
        var runner = repository.Exists("pnpm-lock.yaml") ? "pnpm" : repository.Exists("yarn.lock") ? "yarn" : "npm";
        foreach (var manifest in NodeScriptRule.Scope(repository, "", false))
            foreach (var script in PackageJson.Read(repository, manifest).Scripts)
            {
                if (Purpose(script) is not { } purpose) continue;
                var text = runner == "npm" && script is "test" or "start" ? $"npm {script}" : runner == "npm" ? $"npm run {script}" : $"{runner} {script}";
                var mention = new Regex($@"(?<![\w-])(npm|pnpm|yarn|jlpm|bun)\s+(run\s+)?{Regex.Escape(script)}(?![\w:-])" + (script == "test" ? @"|(?<![\w-])npm\s+t(?![\w-])" : ""), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
                ways.Add(new Way(purpose, text, mention));
            }
    }

    private static void AddTaskRunners(RepositoryIndex repository, List<Way> ways)
    {
        if (repository.FirstIn("", TaskFiles.MakefileNames) is { } makefile)
            foreach (var target in TaskFiles.MakeTargets(repository, makefile))
                if (Purpose(target) is { } purpose) ways.Add(new Way(purpose, $"make {target}", ExpectedFact.Words("make", target)));
        if (repository.FirstIn("", TaskFiles.JustfileNames) is { } justfile)
            foreach (var recipe in TaskFiles.JustRecipes(repository, justfile))
                if (Purpose(recipe) is { } purpose) ways.Add(new Way(purpose, $"just {recipe}", ExpectedFact.Words("just", recipe)));
        if (repository.FirstIn("", TaskFiles.TaskfileNames) is { } taskfile)
            foreach (var task in TaskFiles.TaskfileTasks(repository, taskfile))
                if (Purpose(task) is { } purpose) ways.Add(new Way(purpose, $"task {task}", ExpectedFact.Words("task", task)));
    }

    private static void AddPython(RepositoryIndex repository, List<Way> ways)
    {
        var pyproject = repository.Read("pyproject.toml");
        var isPython = pyproject.Length > 0 || repository.Exists("setup.py") || repository.Exists("setup.cfg") || repository.Exists("requirements.txt");
        if (!isPython) return;
        var config = pyproject + repository.Read("setup.cfg") + repository.Read("tox.ini") + repository.Read(".pre-commit-config.yaml")
            + repository.Read("requirements-dev.txt") + repository.Read("requirements.txt");
        var hasTests = repository.Exists("pytest.ini") || repository.Exists("conftest.py") || config.Contains("pytest")
            || repository.Entries.Any(p => PytestFile.IsMatch(RepositoryIndex.FileName(p)));
        if (hasTests) ways.Add(new Way("test", "pytest", ExpectedFact.Words("pytest")));
        if (repository.Exists("tox.ini") || pyproject.Contains("[tool.tox")) ways.Add(new Way("test", "tox", ExpectedFact.Words("tox")));
        foreach (var linter in new[] { "ruff", "flake8", "mypy", "black", "pylint", "pyright" })
            if (repository.Exists(linter + ".toml") || repository.Exists("." + linter) || Regex.IsMatch(config, $@"(?<![\w-]){linter}(?![\w-])"))
                ways.Add(new Way("lint", linter, ExpectedFact.Words(linter)));
        var text = pyproject.Contains("[tool.poetry") ? "poetry install" : repository.Exists("uv.lock") ? "uv sync" : "pip install -e .";
        ways.Add(new Way("build", text, PythonInstall));
    }

    private static void AddCompiled(RepositoryIndex repository, List<Way> ways)
    {
        var projects = repository.Entries.Where(p => p.Count(c => c == '/') <= 3 && DotNetProjectFile.IsMatch(p)).ToList();
        if (projects.Count > 0)
        {
            ways.Add(new Way("build", "dotnet build", ExpectedFact.Words("dotnet", "build")));
            if (projects.Any(p => p.EndsWith("proj", StringComparison.Ordinal) && (p.Contains("Test") || repository.Read(p).Contains("Microsoft.NET.Test.Sdk"))))
                ways.Add(new Way("test", "dotnet test", ExpectedFact.Words("dotnet", "test")));
        }
        if (repository.Manifests(1, "go.mod", "go.work").Count > 0)
        {
            ways.Add(new Way("build", "go build", ExpectedFact.Words("go", "build")));
            ways.Add(new Way("test", "go test", ExpectedFact.Words("go", "test")));
            if (repository.Manifests(1, ".golangci.yml", ".golangci.yaml", ".golangci.toml").Count > 0)
                ways.Add(new Way("lint", "golangci-lint run", ExpectedFact.Words("golangci-lint")));
            ways.Add(new Way("lint", "go vet", ExpectedFact.Words("go", "vet")));
        }
        if (repository.Exists("Cargo.toml"))
        {
            ways.Add(new Way("build", "cargo build", ExpectedFact.Words("cargo", "build")));
            ways.Add(new Way("test", "cargo test", ExpectedFact.Words("cargo", "test")));
            ways.Add(new Way("lint", "cargo clippy", ExpectedFact.Words("cargo", "clippy")));
            ways.Add(new Way("lint", "cargo fmt", ExpectedFact.Words("cargo", "fmt")));
            foreach (var alias in new[] { ".cargo/config.toml", ".cargo/config" }.SelectMany(f => TomlEntries.Read(repository, f)).Where(e => e.Table == "alias"))
                if (LintAlias.IsMatch(alias.Value)) ways.Add(new Way("lint", $"cargo {alias.Key}", ExpectedFact.Words("cargo", alias.Key)));
        }
        var gradle = repository.Exists("gradlew") ? "./gradlew" : "gradle";
        if (repository.Manifests(0, "build.gradle", "build.gradle.kts", "settings.gradle", "settings.gradle.kts").Count > 0)
        {
            ways.Add(new Way("build", $"{gradle} build", GradleBuild));
            ways.Add(new Way("test", $"{gradle} test", GradleTest));
        }
        if (repository.Exists("pom.xml"))
        {
            var mvn = repository.Exists("mvnw") ? "./mvnw" : "mvn";
            ways.Add(new Way("build", $"{mvn} package", MavenBuild));
            ways.Add(new Way("test", $"{mvn} test", MavenTest));
        }
    }

    /// <summary>The top folders holding most of the code (a tenth or more of it, three at most), and the test folder.</summary>
    private static IEnumerable<ExpectedFact> FolderFacts(RepositoryIndex repository)
    {
        var codeFiles = repository.Entries.Where(p => p.Contains("/") && CodeExtensions.Contains(System.IO.Path.GetExtension(p))).ToList();
        var byFolder = codeFiles.GroupBy(p => p.Substring(0, p.IndexOf('/')))
            .Where(g => !g.Key.StartsWith(".", StringComparison.Ordinal) && !ReferenceExtraction.GeneratedRoots.Contains(g.Key))
            .ToList();
        var total = byFolder.Sum(g => g.Count());
        foreach (var folder in byFolder.Where(g => !TestFolders.Contains(g.Key) && !NotSourceFolders.Contains(g.Key) && g.Count() * 10 >= total && g.Count() >= 2)
                     .OrderByDescending(g => g.Count()).Take(3))
            yield return new ExpectedFact($"source folder {folder.Key}/", new[] { ExpectedFact.Folder(folder.Key) });
        foreach (var folder in byFolder.Where(g => TestFolders.Contains(g.Key)).OrderByDescending(g => g.Count()).Take(1))
            yield return new ExpectedFact($"test folder {folder.Key}/", new[] { ExpectedFact.Folder(folder.Key) });
    }

    private static IEnumerable<ExpectedFact> EntryPointFacts(RepositoryIndex repository)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        ExpectedFact? EntryFile(string path)
        {
            if (!seen.Add(path)) return null;
            var name = RepositoryIndex.FileName(path);
            var stem = System.IO.Path.GetFileNameWithoutExtension(name);
            // "src/cli.ts" is named as cli.ts, cli.js (its build) or by path; "main.go" only by its folder or path.
            var mentions = new List<Regex> { ExpectedFact.File(path) };
            if (stem is not ("main" or "index" or "__main__" or "Program" or "lib" or "mod")) mentions.Add(new Regex($@"(?<![\w-]){Regex.Escape(stem)}\.(ts|tsx|js|mjs|cjs|py|cs|go|rs|java|kt|ps1|psd1|psm1)\b", RegexOptions.CultureInvariant));
            else if (RepositoryIndex.ParentOf(path) is { Length: > 0 } parent && parent != "src") mentions.Add(ExpectedFact.Folder(parent));
            else mentions.Add(ExpectedFact.File(name));
            return new ExpectedFact($"entry point {path}", mentions);
        }

        var facts = new List<ExpectedFact?>();
        if (repository.Exists("package.json"))
        {
            var package = PackageJson.Read(repository, "package.json");
            foreach (var file in package.Bins.Values.Concat(package.Main is { } main ? new[] { main } : Array.Empty<string>()))
                facts.Add(EntryFile(SourceOf(repository, file.TrimStart('.', '/'))));
        }
        foreach (var entry in TomlEntries.Read(repository, "pyproject.toml").Where(e => e.Table is "project.scripts" or "tool.poetry.scripts"))
        {
            var module = entry.Value.Split(':')[0].Replace('.', '/');
            var file = new[] { module + ".py", "src/" + module + ".py", module + "/__init__.py", "src/" + module + "/__init__.py" }.FirstOrDefault(repository.Exists);
            if (file is not null) facts.Add(EntryFile(file));
        }
        foreach (var path in repository.Entries.Where(p => p.Count(c => c == '/') <= 3).OrderBy(p => p.Count(c => c == '/')).ThenBy(p => p, StringComparer.Ordinal))
        {
            var name = RepositoryIndex.FileName(path);
            var top = path.Split('/')[0];
            if (TestFolders.Contains(top) || NotSourceFolders.Contains(top) || ReferenceExtraction.GeneratedRoots.Contains(top)) continue;
            var isEntry = name is "main.go" or "main.rs" or "Program.cs" or "__main__.py" or "manage.py" or "app.py" or "main.py" or "Main.java" or "Application.java" or "Main.kt"
                || name.EndsWith("Application.java", StringComparison.Ordinal) || name.EndsWith("Application.kt", StringComparison.Ordinal)
                || name == "lib.rs" && !repository.Exists(RepositoryIndex.Combine(RepositoryIndex.ParentOf(path), "main.rs"))
                || name.EndsWith(".psd1", StringComparison.Ordinal) && path.Count(c => c == '/') <= 1 && repository.Read(path).Contains("RootModule");
            if (isEntry) facts.Add(EntryFile(path));
        }
        return facts.Where(f => f is not null).Select(f => f!);
    }

    /// <summary>The source a built entry file comes from: "dist/src/cli.js" is "src/cli.ts" when that exists.</summary>
    private static string SourceOf(RepositoryIndex repository, string built)
    {
        if (repository.Exists(built)) return built;
        var withoutOutput = BuildOutputFolder.Replace(built, "");
        foreach (var candidate in new[] { withoutOutput, "src/" + withoutOutput })
            foreach (var extension in new[] { ".ts", ".tsx", ".mts", ".js" })
            {
                var path = JavaScriptExtension.Replace(candidate, extension);
                if (repository.Exists(path)) return path;
            }
        return built;
    }

    /// <summary>
    /// Commands in the README's setup sections (before the first heading, or under one about installing, building,
    /// developing, testing or running) that no command fact already covers: its setup steps. A step is known by
    /// its tool and subcommand words ("pip install", "docker compose up"), not by its paths or options.
    /// </summary>
    private static IEnumerable<ExpectedFact> ReadmeFacts(RepositoryIndex repository, List<ExpectedFact> known)
    {
        var readme = repository.FirstIn("", "README.md", "Readme.md", "readme.md", "README.rst", "README");
        if (readme is null) yield break;
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var setup = string.Join("\n", SetupSections(repository.Read(readme)));
        foreach (var command in ReferenceExtraction.Commands(setup))
        {
            if (!SetupRunners.Contains(command.Runner) || command.Words.Count < 2) continue;
            // The tool and its subcommand; the third word only names what "run", "compose" or "exec" runs.
            var length = command.Words.Count > 2 && command.Words[1] is "run" or "compose" or "exec" or "workspace" ? 3 : 2;
            var key = command.Words.Take(length).TakeWhile(w => CommandWord.IsMatch(w)).ToArray();
            if (key.Length < 2) continue;
            var text = string.Join(" ", key);
            if (known.Any(f => f.IsMentionedIn(string.Join(" ", command.Words))) || !keys.Add(text)) continue;
            yield return new ExpectedFact($"README step: {text}", new[] { ExpectedFact.Words(key) });
        }
    }

    private static readonly Regex SetupHeading = new(@"install|set\s*up|getting started|quick\s*start|build|develop|contribut|usage|requirement|prerequisite|running|commands|test", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static IEnumerable<string> SetupSections(string markdown)
    {
        var keep = true;
        var inFence = false;
        foreach (var line in markdown.Split('\n'))
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal) || line.TrimStart().StartsWith("~~~", StringComparison.Ordinal)) inFence = !inFence;
            else if (!inFence && line.StartsWith("#", StringComparison.Ordinal)) keep = SetupHeading.IsMatch(line);
            if (keep) yield return line;
        }
    }
}
