using System.IO;
using System.Linq;
using LocalModels.Claude;
using LocalModels.Configuration;
using LocalModels.Errors;
using LocalModels.Platform;
using Xunit;

namespace LocalModels.Tests.Ollama;

/// <summary>Server and app settings per OS, on a fake machine: temp dirs and scripted launchctl/sqlite3/npm.</summary>
public sealed class PlatformConfigurationTests
{
    [Fact]
    public void MacOS_uses_launchctl_and_reports_the_previous_value()
    {
        using var platform = new FakePlatform(PlatformOS.MacOS);
        string? value = "32768";
        platform.Runner.On("launchctl", args =>
        {
            if (args[0] == "getenv") return FakeCommandRunner.Ok(value is null ? "" : value + "\n");
            value = args[2];
            return FakeCommandRunner.Ok("");
        });
        var store = new ServerContextStore(platform);
        var change = store.Plan(65536, default);
        Assert.Equal(32768, change.PreviousValue);
        store.Apply(change, default);
        Assert.Equal("65536", value);
        Assert.Contains(platform.Runner.Calls, c => c.Arguments.SequenceEqual(new[] { "setenv", "OLLAMA_CONTEXT_LENGTH", "65536" }));
    }

    [Fact]
    public void Linux_writes_a_systemd_drop_in_under_the_system_root()
    {
        using var platform = new FakePlatform(PlatformOS.Linux);
        var store = new ServerContextStore(platform);
        Assert.Null(store.Plan(65536, default).PreviousValue);
        store.Apply(store.Plan(65536, default), default);
        var path = Path.Combine(platform.SystemRoot, "etc", "systemd", "system", "ollama.service.d", "localmodels-context.conf");
        Assert.Contains("[Service]\nEnvironment=\"OLLAMA_CONTEXT_LENGTH=65536\"", File.ReadAllText(path));
        Assert.Equal(65536, store.Read(default));
        Assert.Contains("systemctl daemon-reload", store.Plan(131072, default).RestartAdvice);
    }

    [Fact]
    public void Windows_sets_the_user_environment_variable()
    {
        using var platform = new FakePlatform(PlatformOS.Windows);
        var store = new ServerContextStore(platform);
        store.Apply(store.Plan(131072, default), default);
        Assert.Equal("131072", platform.UserEnvironment["OLLAMA_CONTEXT_LENGTH"]);
    }

    [Fact]
    public void Desktop_app_setting_is_read_with_sqlite3_readonly()
    {
        using var platform = new FakePlatform(PlatformOS.MacOS);
        var settings = new DesktopAppSettings(platform);
        Assert.False(settings.Read(default).DatabaseExists);
        CreateDatabase(settings);
        platform.Runner.On("sqlite3", args => FakeCommandRunner.Ok("131072\n"));
        var read = settings.Read(default);
        Assert.Equal(131072, read.Value);
        Assert.True(read.OverridesEnvironment);
        Assert.Equal("-readonly", platform.Runner.Calls.Last().Arguments[0]);
        Assert.EndsWith(Path.Combine("Library", "Application Support", "Ollama", "db.sqlite"), settings.DatabasePath);
    }

    [Fact]
    public void Desktop_app_setting_with_an_unknown_schema_is_a_problem_not_a_crash()
    {
        using var platform = new FakePlatform(PlatformOS.Linux);
        var settings = new DesktopAppSettings(platform);
        CreateDatabase(settings);
        platform.Runner.On("sqlite3", _ => FakeCommandRunner.Fail("Error: no such column: context_length"));
        var read = settings.Read(default);
        Assert.Null(read.Value);
        Assert.Contains("no such column", read.Problem);
    }

    [Fact]
    public void Desktop_app_setting_is_never_written_while_the_app_runs()
    {
        using var platform = new FakePlatform(PlatformOS.MacOS);
        var settings = new DesktopAppSettings(platform);
        CreateDatabase(settings);
        platform.Runner.On("sqlite3", args => FakeCommandRunner.Ok(args[0] == "-readonly" ? "0" : "1"));
        var change = settings.Plan(65536, default);
        Assert.Equal(0, change.PreviousValue);
        platform.RunningProcesses.Add("Ollama");
        var ex = Assert.Throws<LocalModelsException>(() => settings.Apply(change, default));
        Assert.Equal("OllamaAppRunning", ex.ErrorId);
        Assert.DoesNotContain(platform.Runner.Calls, c => c.Arguments.Any(a => a.StartsWith("UPDATE")));
        platform.RunningProcesses.Clear();
        settings.Apply(change, default);
        Assert.Contains(platform.Runner.Calls, c => c.Arguments.Any(a => a.StartsWith("UPDATE settings SET context_length=65536 WHERE id=1")));
    }

    [Fact]
    public void Claude_is_found_on_path_with_its_version()
    {
        using var platform = new FakePlatform(PlatformOS.Linux);
        var bin = Directory.CreateDirectory(Path.Combine(platform.Root, "bin")).FullName;
        File.WriteAllText(Path.Combine(bin, "claude"), "");
        platform.Environment["PATH"] = "/nonexistent:" + bin;
        platform.Runner.On("claude", _ => FakeCommandRunner.Ok("2.1.328 (Claude Code)\n"));
        var found = ClaudeLocator.Find(null, platform, default);
        Assert.Equal(Path.Combine(bin, "claude"), found.Path);
        Assert.Equal("2.1.328", found.Version);
    }

    [Fact]
    public void Claude_is_found_in_the_native_installers_location()
    {
        using var platform = new FakePlatform(PlatformOS.MacOS);
        var local = Directory.CreateDirectory(Path.Combine(platform.HomeDirectory, ".local", "bin")).FullName;
        File.WriteAllText(Path.Combine(local, "claude"), "");
        Assert.Equal(Path.Combine(local, "claude"), ClaudeLocator.Find(null, platform, default).Path);
    }

    [Fact]
    public void Claude_is_found_under_the_npm_global_prefix()
    {
        using var platform = new FakePlatform(PlatformOS.Linux);
        var prefix = Path.Combine(platform.Root, "npm-global");
        Directory.CreateDirectory(Path.Combine(prefix, "bin"));
        File.WriteAllText(Path.Combine(prefix, "bin", "claude"), "");
        platform.Runner.On("npm", _ => FakeCommandRunner.Ok(prefix + "\n"));
        Assert.Equal(Path.Combine(prefix, "bin", "claude"), ClaudeLocator.Find(null, platform, default).Path);
    }

    [Fact]
    public void Missing_claude_is_ClaudeNotFound_with_install_advice()
    {
        using var platform = new FakePlatform(PlatformOS.Linux);
        platform.Environment["PATH"] = Path.Combine(platform.Root, "empty");
        var ex = Assert.Throws<LocalModelsException>(() => ClaudeLocator.Find(Path.Combine(platform.Root, "nope"), platform, default));
        Assert.Equal("ClaudeNotFound", ex.ErrorId);
        Assert.Contains("npm install -g @anthropic-ai/claude-code", ex.Message);
    }

    private static void CreateDatabase(DesktopAppSettings settings)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(settings.DatabasePath)!);
        File.WriteAllText(settings.DatabasePath, "");
    }
}
