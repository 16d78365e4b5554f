using System.Linq;
using LocalModels.Tests.Hosting;
using LocalModels.Verification;
using Xunit;

namespace LocalModels.Tests.Verification;

/// <summary>
/// The invented-name check on real-shaped repositories of each common ecosystem: what each build tool would
/// refuse to run is reported, what it would run is not, and installed tools it cannot know about are left alone.
/// </summary>
public sealed class EcosystemCommandTests
{
    private static string[] Problems(ScratchRepository repository, string markdown) => repository.Check(markdown).Hallucinations.ToArray();

    [Fact]
    public void On_this_repository_npm_run_lint_is_flagged_because_its_package_json_has_no_scripts()
    {
        // The sample repository bundled below src/ has a lint script; a command run at the root does not reach it.
        var result = DeliverableVerifier.VerifyContent(
            "Run `npm ci`, then `npm run lint`.\n\n```sh\ncd src/Cmdlets/Simulation/SampleRepository && npm run lint\nnpm --prefix src/Cmdlets/Simulation/SampleRepository test\n```\n",
            RepositoryPaths.Root, "CLAUDE.md");
        Assert.Equal(new[] { "undefined script npm run lint" }, result.Hallucinations);
        Assert.Equal(4, result.ClaimsChecked);
    }

    [Fact]
    public void Npm_pnpm_and_yarn_scripts_are_looked_up_where_the_command_runs_and_across_declared_workspaces()
    {
        using var repository = new ScratchRepository(
            ("package.json", "{\"name\":\"shop\",\"private\":true,\"scripts\":{\"build\":\"turbo run build\"},\"devDependencies\":{\"typescript\":\"^5.5.0\"}}"),
            ("pnpm-workspace.yaml", "packages:\n  - \"apps/*\"\n  - \"packages/*\"\n"),
            ("pnpm-lock.yaml", "lockfileVersion: '9.0'\n"),
            ("apps/web/package.json", "{\"name\":\"web\",\"scripts\":{\"dev\":\"next dev\",\"test\":\"vitest\"}}"),
            ("packages/ui/package.json", "{\"name\":\"@shop/ui\",\"scripts\":{\"lint\":\"eslint .\"}}"),
            ("fixtures/old/package.json", "{\"scripts\":{\"deploy\":\"x\"}}"));
        Assert.Equal(new[]
        {
            "undefined script pnpm dev", "undefined script pnpm run deploy", "undefined script pnpm run deploy (no package.json in apps/api/)",
            "undefined script yarn workspace-tools",
        }, Problems(repository,
            "```sh\npnpm install\npnpm build\npnpm --filter web dev\npnpm -r lint\npnpm dev\npnpm run deploy\ncd apps/web && pnpm test\n" +
            "pnpm -C apps/api run deploy\npnpm tsc --noEmit\nyarn workspace web dev\nyarn workspace-tools\n```\n"));
    }

    [Fact]
    public void An_ecosystem_the_repository_does_not_use_is_flagged_by_its_missing_manifest()
    {
        using var repository = new ScratchRepository(("go.mod", "module example.com/tool\n\ngo 1.22\n"), ("main.go", "package main\nfunc main() {}\n"));
        Assert.Equal(new[]
        {
            "npm install without a package.json", "undefined script yarn start (no package.json)", "cargo build without a Cargo.toml",
            "dotnet test without a .NET project or solution", "mvn package without a pom.xml", "gradle build without a Gradle build",
        }, Problems(repository, "```\nnpm install\nyarn start\ncargo build\ndotnet test\nmvn package\ngradle build\n```\nAnd `./gradlew build`. `go build` works.\n")
            .Where(p => !p.StartsWith("missing file gradlew")).ToArray());
        Assert.Equal(new[] { "missing file gradlew (./gradlew build)" }, Problems(repository, "`./gradlew build`"));
        // Installing packages globally or by name is an instruction, not a claim about the repository.
        Assert.Empty(Problems(repository, "```\nnpm install -g @anthropic-ai/claude-code\npip install ruff\ncargo install ripgrep\n```\n"));
    }

    [Fact]
    public void Make_just_and_task_targets_are_read_from_the_file_the_command_uses()
    {
        using var repository = new ScratchRepository(
            ("Makefile", "include build/*.mk\n-include local.mk\n.PHONY: test lint\n\ntest:\n\tpytest\n\nlint: ; ruff check .\n%.o: %.c\n\tcc $<\n"),
            ("build/release.mk", "release: test\n\t./release.sh\n"),
            ("docs/Makefile", "html:\n\tsphinx-build . _build\n"),
            ("justfile", "set dotenv-load\nalias t := test\n\n# run the tests\ntest *args:\n    pytest {{args}}\n\n[group('ci')]\nci: test\n"),
            ("Taskfile.yml", "version: '3'\n\ntasks:\n  build:\n    cmds:\n      - go build ./...\n  test:\n    deps: [build]\n    cmds:\n      - go test ./...\n"));
        Assert.Equal(new[]
        {
            "undefined make target make docs", "undefined make target make html", "undefined make target make clean (no Makefile in src/)",
            "undefined just recipe just deploy", "undefined task task deploy",
        }, Problems(repository,
            "```sh\nmake test lint\nmake release\nmake -C docs html\nmake docs\nmake html\nmake -j4 VERBOSE=1 test\ncd src && make clean\n" +
            "just t\njust test -k slow\njust ci\njust deploy\ntask build test\ntask deploy\n```\n"));
    }

    [Fact]
    public void Python_project_scripts_tool_runners_and_installs_are_checked_against_pyproject()
    {
        using var repository = new ScratchRepository(
            ("pyproject.toml", "[project]\nname = \"ledger\"\ndependencies = [\"httpx>=0.27\"]\n\n[project.scripts]\nledger = \"ledger.cli:main\"\n\n" +
                "[dependency-groups]\ndev = [\n    \"pytest>=8\",\n    \"ruff\",\n]\n\n[tool.hatch.envs.docs.scripts]\nbuild = \"mkdocs build\"\n\n[tool.pdm.scripts]\nserve = \"python -m ledger.server\"\n"),
            ("uv.lock", "version = 1\n"),
            ("noxfile.py", "import nox\n\n@nox.session(name=\"type-check\")\ndef mypy(session):\n    session.run(\"mypy\")\n"),
            ("src/ledger/__init__.py", ""), ("src/ledger/cli.py", "def main(): pass\n"), ("src/ledger/server.py", ""),
            ("tests/test_cli.py", "def test_main(): pass\n"));
        Assert.Equal(new[]
        {
            "undefined command uv run black", "undefined command poetry run serve-api", "missing module python -m ledger.worker",
            "undefined nox session nox -s lint", "undefined command pipenv run test (no Pipfile)",
        }, Problems(repository,
            "```sh\nuv sync\nuv run pytest -q\nuv run ruff check .\nuv run ledger --help\nuv run black .\nhatch run docs:build\npdm run serve\n" +
            "poetry run serve-api\nuv run python -m ledger.server\npython -m ledger.worker\npip install -e .\nnox -s type-check mypy\nnox -s lint\npipenv run test\n```\n"));
        using var bare = new ScratchRepository(("tool.py", "print('hi')\n"));
        Assert.Equal(new[] { "pip install -e . without a pyproject.toml or setup.py", "poetry install without a pyproject.toml" }, Problems(bare, "```\npip install -e .\npoetry install\n```\n"));
    }

    [Fact]
    public void Dotnet_projects_and_InvokeBuild_tasks_must_exist()
    {
        using var repository = new ScratchRepository(
            ("Inventory.sln", "Microsoft Visual Studio Solution File, Format Version 12.00\n"),
            ("src/Inventory.Api/Inventory.Api.csproj", "<Project Sdk=\"Microsoft.NET.Sdk.Web\" />"),
            ("src/Inventory.Api/Program.cs", "var app = WebApplication.Create(args);\napp.Run();\n"),
            ("tests/Inventory.Tests/Inventory.Tests.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\"><ItemGroup><PackageReference Include=\"Microsoft.NET.Test.Sdk\" /></ItemGroup></Project>"),
            ("Inventory.build.ps1", "task Build {\n    exec { dotnet build }\n}\ntask Test Build, {\n    exec { dotnet test }\n}\n"));
        Assert.Equal(new[]
        {
            "missing file src/Inventory.Web/Inventory.Web.csproj", "missing project dotnet run --project src/Inventory.Worker",
            "missing project dotnet test tests/Inventory.IntegrationTests", "undefined build task Invoke-Build Publish",
        }, Problems(repository,
            "```pwsh\ndotnet build Inventory.sln -c Release\ndotnet test tests/Inventory.Tests --filter \"Category=Unit\"\ndotnet run --project src/Inventory.Api\n" +
            "dotnet build src/Inventory.Web/Inventory.Web.csproj\ndotnet run --project src/Inventory.Worker\ndotnet test tests/Inventory.IntegrationTests\n" +
            "Invoke-Build Test\nInvoke-Build Publish\ndotnet format\n```\nThe API starts in `src/Inventory.Api/Program.cs`; `System.Text.Json` and `Microsoft.NET.Sdk` are packages.\n"));
    }

    [Fact]
    public void Go_packages_must_be_folders_of_the_module_and_import_paths_are_not_folders()
    {
        using var repository = new ScratchRepository(
            ("go.mod", "module github.com/acme/queue\n\ngo 1.22\n"),
            ("cmd/queued/main.go", "package main\nfunc main() {}\n"),
            ("internal/broker/broker.go", "package broker\n"));
        Assert.Equal(new[]
        {
            "missing package go run ./cmd/worker", "missing package go test ./internal/store/...", "missing package go build github.com/acme/queue/cmd/admin",
        }, Problems(repository,
            "```sh\ngo build ./...\ngo run ./cmd/queued\ngo test ./internal/broker/... -race\ngo run ./cmd/worker\ngo test ./internal/store/...\n" +
            "go build github.com/acme/queue/cmd/admin\ngo install github.com/acme/queue/cmd/queued@latest\ngo mod tidy\n```\n" +
            "Uses `net/http`, `github.com/acme/queue/internal/broker` and `golang.org/x/sync/errgroup`.\n")
            );
    }

    [Fact]
    public void Cargo_packages_binaries_examples_features_and_aliases_must_be_defined()
    {
        using var repository = new ScratchRepository(
            ("Cargo.toml", "[package]\nname = \"geo\"\nversion = \"0.1.0\"\n\n[features]\ndefault = [\"std\"]\nstd = []\n\n[dependencies]\nserde = { version = \"1\", optional = true }\n\n[[bin]]\nname = \"geo-cli\"\npath = \"src/cli.rs\"\n\n[workspace]\nmembers = [\"xtask\"]\n"),
            ("src/lib.rs", ""), ("src/cli.rs", "fn main() {}\n"), ("src/bin/convert.rs", "fn main() {}\n"), ("examples/distance.rs", "fn main() {}\n"),
            ("xtask/Cargo.toml", "[package]\nname = \"xtask\"\nversion = \"0.0.0\"\n"), ("xtask/src/main.rs", "fn main() {}\n"),
            (".cargo/config.toml", "[alias]\nxtask = \"run --package xtask --\"\n"));
        Assert.Equal(new[]
        {
            "undefined package cargo test -p geo-core", "undefined binary cargo run --bin server", "undefined example cargo run --example area",
            "undefined feature cargo build --features tokio",
        }, Problems(repository,
            "```sh\ncargo build --release\ncargo test -p geo\ncargo run --bin geo-cli\ncargo run --bin convert -- --help\ncargo run --example distance\n" +
            "cargo build --features std,serde\ncargo xtask dist\ncargo nextest run\ncargo test -p geo-core\ncargo run --bin server\ncargo run --example area\ncargo build --features tokio\n```\n"));
    }

    [Fact]
    public void Gradle_and_Maven_subprojects_profiles_and_wrappers_must_be_declared()
    {
        using var gradle = new ScratchRepository(
            ("settings.gradle.kts", "rootProject.name = \"billing\"\ninclude(\"app\", \"core\")\ninclude(\":integration:db\")\n"),
            ("build.gradle.kts", "plugins { java }\n"), ("gradlew", "#!/bin/sh\n"), ("app/build.gradle.kts", "plugins { application }\n"),
            ("app/src/main/java/billing/App.java", "class App {}\n"));
        Assert.Equal(new[] { "undefined Gradle project :web (./gradlew :web:test)" }, Problems(gradle,
            "```sh\n./gradlew build\n./gradlew :app:run --args=\"--port 8080\"\n./gradlew :integration:db:test\n./gradlew :web:test\ngradle spotlessApply\n```\n"));
        using var maven = new ScratchRepository(
            ("pom.xml", "<project><modules><module>core</module><module>api</module></modules><profiles><profile><id>release</id></profile></profiles></project>"),
            ("core/pom.xml", "<project><artifactId>billing-core</artifactId></project>"), ("api/pom.xml", "<project><artifactId>billing-api</artifactId></project>"));
        Assert.Equal(new[]
        {
            "undefined Maven module web (mvn -pl web test)", "undefined Maven profile native (mvn -Pnative package)", "missing file mvnw (./mvnw verify)",
        }, Problems(maven,
            "```sh\nmvn -pl core,api test\nmvn -pl :billing-core install\nmvn -P release package\nmvn -pl web test\nmvn -Pnative package\n./mvnw verify\n```\n"));
    }

    [Fact]
    public void A_hostile_repository_of_megabyte_lines_and_a_huge_deliverable_are_checked_in_bounded_time()
    {
        var line = new string('a', 1 << 20);
        var spaces = new string(' ', 1 << 20);
        using var repository = new ScratchRepository(
            ("Makefile", "a" + spaces + "\n" + line + "\n"), ("justfile", line + "\n"), ("pyproject.toml", "[" + spaces + "\n" + line + " = [\n"),
            ("x.build.ps1", new string('\n', 1 << 20)), ("Taskfile.yml", "tasks:\n  " + line + "\n"), ("package.json", "{\"scripts\":{\"" + line + "\":\"x\"}}"));
        var deliverable = string.Concat(System.Linq.Enumerable.Range(0, 20_000).Select(i => $"`make t{i}` `just r{i}` `uv run x{i}` `Invoke-Build t{i}` `task t{i}` `src/f{i}.ts`\n"));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var result = repository.Check(deliverable);
        watch.Stop();
        // Quadratic matching of one megabyte line alone would take hours; the claims are capped per kind.
        Assert.True(watch.Elapsed < System.TimeSpan.FromSeconds(60), $"took {watch.Elapsed}");
        Assert.InRange(result.ClaimsChecked, 2000, 4000);
        Assert.Contains("undefined make target make t0", result.Hallucinations);
    }
}
