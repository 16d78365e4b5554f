using System;
using System.IO;
using System.Linq;
using LocalModels.Configuration;
using LocalModels.Platform;
using LocalModels.Tests.Hosting;
using Xunit;

namespace LocalModels.Tests.Ollama;

/// <summary>Set-OllamaContext and Test-ClaudeLocal through the engine, on a fake machine (never the real one).</summary>
[Collection(PlatformCollection.Name)]
public sealed class PlatformCmdletTests : IDisposable
{
    private readonly SimulatorScope _scope = new();
    private readonly FakePlatformScope _machine = new(PlatformOS.Linux);
    private readonly PowerShellSession _session = new();

    public void Dispose()
    {
        _session.Dispose();
        _machine.Dispose();
        _scope.Dispose();
    }

    private FakePlatform Machine => _machine.Platform;
    private string Host => _scope.Host;

    private string FakeClaude()
    {
        var path = Path.Combine(Machine.Root, "claude");
        File.WriteAllText(path, "");
        Machine.Runner.On("claude", _ => FakeCommandRunner.Ok("2.1.328 (Claude Code)"));
        return path;
    }

    private PreflightCheck[] Preflight(string model) =>
        _session.RunOk("Test-ClaudeLocal -Model $args[0] -OllamaHost $args[1] -ClaudePath $args[2]", model, Host, FakeClaude())
            .Select(o => (PreflightCheck)o.BaseObject).ToArray();

    [Fact]
    public void Server_scope_on_Linux_writes_the_drop_in_and_says_to_restart()
    {
        var setting = (OllamaContextSetting)_session.RunOk("Set-OllamaContext 65536 -Scope Server").Single().BaseObject;
        Assert.Equal(ContextTarget.Environment, setting.Target);
        Assert.True(setting.RestartRequired);
        Assert.Null(setting.Verified);
        Assert.Contains("systemctl restart ollama", setting.Message);
        Assert.Contains("OLLAMA_CONTEXT_LENGTH=65536", File.ReadAllText(setting.Location));
    }

    [Fact]
    public void Server_scope_WhatIf_writes_nothing()
    {
        _session.RunOk("Set-OllamaContext 65536 -Scope Server -WhatIf");
        Assert.False(Directory.Exists(Path.Combine(Machine.SystemRoot, "etc")));
    }

    [Fact]
    public void Desktop_app_target_refuses_while_the_app_runs()
    {
        Machine.OS = PlatformOS.MacOS;
        Machine.RunningProcesses.Add("Ollama");
        var result = _session.Run("Set-OllamaContext 65536 -Scope Server -Target DesktopApp");
        Assert.Equal("OllamaAppRunning,LocalModels.Commands.SetOllamaContextCommand", result.FirstErrorId);
        Assert.Contains("Quit it first", result.Errors[0].Exception.Message);
    }

    [Fact]
    public void Environment_target_warns_when_the_app_setting_overrides_it()
    {
        Machine.OS = PlatformOS.MacOS;
        var db = Path.Combine(Machine.HomeDirectory, "Library", "Application Support", "Ollama", "db.sqlite");
        Directory.CreateDirectory(Path.GetDirectoryName(db)!);
        File.WriteAllText(db, "");
        Machine.Runner.On("sqlite3", _ => FakeCommandRunner.Ok("32768"));
        Machine.Runner.On("launchctl", args => FakeCommandRunner.Ok(args[0] == "getenv" ? "4096" : ""));
        var result = _session.Run("Set-OllamaContext 65536 -Scope Server");
        Assert.Empty(result.Errors);
        Assert.Contains(result.Warnings, w => w.Contains("overrides OLLAMA_CONTEXT_LENGTH"));
        Assert.Equal(4096, ((OllamaContextSetting)result.Output.Single().BaseObject).PreviousValue);
    }

    [Fact]
    public void Model_scope_creates_an_alias_and_in_place_verifies_through_ps()
    {
        var alias = (OllamaContextSetting)_session.RunOk("Set-OllamaContext 65536 -Model qwen3-coder:30b -OllamaHost $args[0]", Host).Single().BaseObject;
        Assert.Equal("qwen3-coder-30b-64k", alias.Model);
        Assert.Null(alias.Verified);
        Assert.True(_scope.Simulator.Catalog.TryGet("qwen3-coder-30b-64k", out _));

        _scope.Simulator.LoadModel("qwen3:0.6b");
        var inPlace = (OllamaContextSetting)_session.RunOk("Set-OllamaContext 32768 -Model qwen3:0.6b -InPlace -OllamaHost $args[0]", Host).Single().BaseObject;
        Assert.False(inPlace.Verified);
        Assert.Contains("4096", inPlace.Message);
        _scope.Simulator.LoadModel("qwen3:0.6b");
        var again = (OllamaContextSetting)_session.RunOk("Set-OllamaContext 32768 -Model qwen3:0.6b -InPlace -OllamaHost $args[0]", Host).Single().BaseObject;
        Assert.True(again.Verified);
        Assert.Equal(32768, again.PreviousValue);
    }

    [Fact]
    public void Preflight_passes_for_a_64k_devstral_that_fits()
    {
        _session.RunOk("New-DevstralModelfile -OllamaHost $args[0]", Host);
        var checks = Preflight("devstral-64k");
        Assert.All(checks, c => Assert.Equal(PreflightStatus.Pass, c.Status));
        Assert.Equal(new[] { "OllamaReachable", "OllamaVersion", "ModelPresent", "ToolsCapability", "NativeContext", "ContextLength", "Memory", "ClaudeCode" },
            checks.Select(c => c.Check));
        Assert.Contains("2.1.328", checks.Last().Message);
    }

    [Fact]
    public void Preflight_fails_a_model_without_tools_and_warns_about_small_context()
    {
        var checks = Preflight("deepseek-r1:32b");
        Assert.Equal(PreflightStatus.Fail, checks.Single(c => c.Check == "ToolsCapability").Status);
        var context = checks.Single(c => c.Check == "ContextLength");
        Assert.Equal(PreflightStatus.Warn, context.Status);
        Assert.Contains("at 32K devstral started, then hallucinated", context.Message);
        Assert.False((bool)_session.RunOk("Test-ClaudeLocal deepseek-r1:32b -Quiet -OllamaHost $args[0] -ClaudePath $args[1]", Host, FakeClaude()).Single().BaseObject);
    }

    [Theory]
    [InlineData(16384, "Fail", -31116)]
    [InlineData(32768, "Fail", -14732)]
    [InlineData(49152, "Warn", 1652)]
    [InlineData(65536, "Pass", 18036)]
    public void Preflight_explains_the_working_room_a_context_leaves_Claude_Code_and_fails_none(int contextLength, string status, int room)
    {
        _session.RunOk("$null = New-OllamaModel -BaseModel devstral-small-2 -ContextLength $args[0] -Name budget -OllamaHost $args[1]", contextLength, Host);

        var check = Preflight("budget").Single(c => c.Check == "ContextLength");

        Assert.Equal(status, check.Status.ToString());
        Assert.Equal(room, LocalModels.Configuration.ClaudeCodeContextBudget.WorkingRoom(contextLength));
        Assert.Contains(room.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + " tokens of working room", check.Message);
        Assert.Contains("14,500", check.Message);
        Assert.Contains("33,000", check.Message);
    }

    [Fact]
    public void Preflight_flags_memory_old_servers_missing_models_and_missing_claude()
    {
        Machine.TotalMemoryBytes = 16L * 1024 * 1024 * 1024;
        _session.RunOk("New-OllamaModel qwen3-coder:30b 262144 -Name big -OllamaHost $args[0]", Host);
        // Simulated weights take no memory: the check reports what the real model would need, and never stops a run.
        var memory = Preflight("big").Single(c => c.Check == "Memory");
        Assert.Equal(PreflightStatus.Pass, memory.Status);
        Assert.StartsWith("Simulated:", memory.Message);
        Assert.Contains("of 16.0 GiB RAM", memory.Message);

        _scope.Simulator.Version = "0.13.5";
        Assert.Equal(PreflightStatus.Fail, Preflight("big").Single(c => c.Check == "OllamaVersion").Status);

        var missing = Preflight("ghost");
        Assert.Equal(PreflightStatus.Fail, missing.Single(c => c.Check == "ModelPresent").Status);
        Assert.DoesNotContain(missing, c => c.Check == "ToolsCapability");

        Machine.Environment["PATH"] = "";
        var noClaude = _session.RunOk("Test-ClaudeLocal big -OllamaHost $args[0]", Host).Select(o => (PreflightCheck)o.BaseObject).Last();
        Assert.Equal(PreflightStatus.Fail, noClaude.Status);
        Assert.Contains("npm install -g @anthropic-ai/claude-code", noClaude.Advice);
    }

    [Fact]
    public void Preflight_on_a_closed_port_fails_reachability_only()
    {
        var checks = _session.RunOk("Test-ClaudeLocal devstral-64k -OllamaHost $args[0] -ClaudePath $args[1]", SimulatorScope.ClosedHost(), FakeClaude())
            .Select(o => (PreflightCheck)o.BaseObject).ToArray();
        Assert.Equal(new[] { "OllamaReachable", "ClaudeCode" }, checks.Select(c => c.Check));
        Assert.Equal(PreflightStatus.Fail, checks[0].Status);
    }

    [Fact]
    public void Devstral_definitions_pipe_into_the_preflight()
    {
        var checks = _session.RunOk("New-DevstralModelfile -OllamaHost $args[0] | Test-ClaudeLocal -ClaudePath $args[1]", Host, FakeClaude());
        Assert.All(checks, c => Assert.Equal("devstral-64k", ((PreflightCheck)c.BaseObject).Model));
        Assert.Equal(8, checks.Count);
    }

    [Theory]
    [InlineData(20L, false, PreflightStatus.Fail)]
    [InlineData(14L, false, PreflightStatus.Warn)]
    [InlineData(8L, false, PreflightStatus.Pass)]
    [InlineData(20L, true, PreflightStatus.Pass)]
    public void Memory_check_fails_what_cannot_fit_in_real_ram_only(long weightsGib, bool simulated, PreflightStatus expected)
    {
        var estimate = new LocalModels.Ollama.MemoryEstimate(65536, weightsGib * 1024 * 1024 * 1024, 0);
        var (status, _, advice) = LocalModels.Preflight.PreflightRunner.JudgeMemory(estimate, false, 16L * 1024 * 1024 * 1024, simulated);
        Assert.Equal(expected, status);
        if (status == PreflightStatus.Fail) Assert.Contains("-Force", advice);
    }
}
