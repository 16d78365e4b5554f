using System;
using System.Linq;
using System.Diagnostics;
using LocalModels.Claude;
using Xunit;

namespace LocalModels.Tests.Runner;

public sealed class ClaudeEnvironmentTests
{
    private static ProcessStartInfo ChildWith(params (string Name, string Value)[] inherited)
    {
        var start = new ProcessStartInfo("true");
        foreach (var (name, value) in inherited) start.Environment[name] = value;
        return start;
    }

    [Fact]
    public void Every_model_slot_and_the_endpoint_point_at_the_local_model()
    {
        var start = ChildWith();
        ClaudeEnvironment.ForLocalModel(new Uri("http://127.0.0.1:11434/"), "devstral-64k", 65536).ApplyTo(start);

        Assert.Equal("http://127.0.0.1:11434", start.Environment["ANTHROPIC_BASE_URL"]);
        Assert.Equal("ollama", start.Environment["ANTHROPIC_AUTH_TOKEN"]);
        Assert.Equal("", start.Environment["ANTHROPIC_API_KEY"]);
        foreach (var slot in new[] { "ANTHROPIC_DEFAULT_OPUS_MODEL", "ANTHROPIC_DEFAULT_SONNET_MODEL", "ANTHROPIC_DEFAULT_HAIKU_MODEL", "CLAUDE_CODE_SUBAGENT_MODEL" })
            Assert.Equal("devstral-64k", start.Environment[slot]);
        Assert.Equal("65536", start.Environment["CLAUDE_CODE_MAX_CONTEXT_TOKENS"]);
        Assert.False(start.Environment.ContainsKey("CLAUDE_CODE_AUTO_COMPACT_WINDOW"));
        Assert.Equal("0", start.Environment["CLAUDE_CODE_USE_BEDROCK"]);
        Assert.Equal("0", start.Environment["CLAUDE_CODE_USE_VERTEX"]);
        Assert.Equal("0", start.Environment["CLAUDE_CODE_ATTRIBUTION_HEADER"]);
        Assert.Equal("off", start.Environment["CLAUDE_CODE_TOTAL_TOKENS_REMINDER"]);
        Assert.Equal("1", start.Environment["CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC"]);
        Assert.Equal("1", start.Environment["DISABLE_TELEMETRY"]);
        // Whatever the parent has (this VM has IS_SANDBOX=yes) never reaches the child: the module neither sets nor passes it.
        Assert.False(start.Environment.ContainsKey("IS_SANDBOX"));
    }

    [Fact]
    public void Cloud_credentials_and_routing_overrides_are_removed_from_the_child()
    {
        var start = ChildWith(
            ("ANTHROPIC_API_KEY", "sk-ant-real"), ("CLAUDE_CODE_OAUTH_TOKEN", "oauth"), ("ANTHROPIC_CUSTOM_HEADERS", "X-Leak: 1"),
            ("AWS_ACCESS_KEY_ID", "AKIA"), ("AWS_SECRET_ACCESS_KEY", "secret"), ("AWS_SESSION_TOKEN", "session"), ("AWS_PROFILE", "prod"),
            ("AWS_BEARER_TOKEN_BEDROCK", "bearer"), ("GOOGLE_APPLICATION_CREDENTIALS", "/creds.json"), ("ANTHROPIC_VERTEX_PROJECT_ID", "p"),
            ("ANTHROPIC_MODEL", "claude-opus"), ("ANTHROPIC_UNIX_SOCKET", "/tmp/s"), ("PATH", "/usr/bin"), ("HOME", "/home/me"));
        ClaudeEnvironment.ForLocalModel(new Uri("http://localhost:11434"), "m", null).ApplyTo(start);

        foreach (var name in new[] { "CLAUDE_CODE_OAUTH_TOKEN", "ANTHROPIC_CUSTOM_HEADERS", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
                     "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_BEARER_TOKEN_BEDROCK", "GOOGLE_APPLICATION_CREDENTIALS",
                     "ANTHROPIC_VERTEX_PROJECT_ID", "ANTHROPIC_MODEL", "ANTHROPIC_UNIX_SOCKET" })
            Assert.False(start.Environment.ContainsKey(name), name + " reached the child");
        Assert.Equal("", start.Environment["ANTHROPIC_API_KEY"]);
        Assert.Equal("/usr/bin", start.Environment["PATH"]);
        Assert.Equal("/home/me", start.Environment["HOME"]);
        Assert.False(start.Environment.ContainsKey("CLAUDE_CODE_MAX_CONTEXT_TOKENS"));
    }

    [Fact]
    public void An_unattended_child_starts_from_the_allowlist_and_keeps_what_the_module_sets()
    {
        var start = ChildWith(("PATH", "/usr/bin"), ("HOME", "/home/me"), ("LC_ALL", "C.UTF-8"), ("TERM", "xterm"),
            ("GH_TOKEN", "gh"), ("OPENAI_API_KEY", "sk"), ("HTTPS_PROXY", "http://proxy"), ("IS_SANDBOX", "1"));
        ClaudeEnvironment.ForLocalModel(new Uri("http://localhost:11434"), "m", null).InheritOnlyAllowlist().With("TASK_SETTING", "x").ApplyTo(start);

        Assert.Equal("/usr/bin", start.Environment["PATH"]);
        Assert.Equal("/home/me", start.Environment["HOME"]);
        Assert.Equal("C.UTF-8", start.Environment["LC_ALL"]);
        Assert.Equal("xterm", start.Environment["TERM"]);
        Assert.Equal("x", start.Environment["TASK_SETTING"]);
        Assert.Equal("ollama", start.Environment["ANTHROPIC_AUTH_TOKEN"]);
        foreach (var name in new[] { "GH_TOKEN", "OPENAI_API_KEY", "HTTPS_PROXY", "IS_SANDBOX" })
            Assert.False(start.Environment.ContainsKey(name), name + " reached the child");
    }

    [Fact]
    public void Command_line_settings_carry_the_endpoint_and_blank_every_removed_variable_and_the_key_helper()
    {
        var environment = ClaudeEnvironment.ForLocalModel(new Uri("http://127.0.0.1:11434"), "m", null);

        var unattended = CommandLineSettings.Arguments(environment, unattended: true);
        var interactive = CommandLineSettings.Arguments(environment, unattended: false);

        Assert.Equal(new[] { "--settings", unattended[1], "--setting-sources", "user" }, unattended);
        Assert.Equal(2, interactive.Count);
        using var settings = System.Text.Json.JsonDocument.Parse(unattended[1]);
        var env = settings.RootElement.GetProperty("env");
        Assert.Equal("http://127.0.0.1:11434", env.GetProperty("ANTHROPIC_BASE_URL").GetString());
        Assert.Equal("ollama", env.GetProperty("ANTHROPIC_AUTH_TOKEN").GetString());
        foreach (var name in new[] { "ANTHROPIC_API_KEY", "ANTHROPIC_CUSTOM_HEADERS", "ANTHROPIC_BETAS", "CLAUDE_CODE_EXTRA_BODY", "IS_SANDBOX", "CLAUDE_CODE_OAUTH_TOKEN" })
            Assert.Equal("", env.GetProperty(name).GetString());
        Assert.Equal("", settings.RootElement.GetProperty("apiKeyHelper").GetString());
        Assert.True(settings.RootElement.GetProperty("disableAllHooks").GetBoolean());
        using var own = System.Text.Json.JsonDocument.Parse(interactive[1]);
        Assert.False(own.RootElement.TryGetProperty("disableAllHooks", out _), "Invoke-ClaudeLocal keeps the user's hooks");
    }

    [Fact]
    public void The_module_refuses_to_set_IS_SANDBOX()
    {
        var environment = ClaudeEnvironment.ForLocalModel(new Uri("http://localhost:11434"), "m", null);
        Assert.Throws<InvalidOperationException>(() => environment.With("IS_SANDBOX", "1"));
    }

    [Fact]
    public void Headless_arguments_use_a_fixed_tool_set_that_runs_unattended_without_bypass()
    {
        var arguments = HeadlessArguments.Build("/init", "m", HeadlessArguments.DefaultTools, 30);
        var text = string.Join(" ", arguments);
        Assert.Contains("-p /init --output-format stream-json --verbose --model m", text);
        Assert.Contains("--tools Bash,Read,Edit,Write,Glob,Grep,Agent --permission-mode dontAsk --allowedTools Bash,Read,Edit,Write,Glob,Grep,Agent", text);
        Assert.Contains("--max-turns 30", text);
        Assert.DoesNotContain("--dangerously-skip-permissions", text);

        var resumed = HeadlessArguments.Build("Continue", "m", HeadlessArguments.DefaultTools, null, "session-1");
        Assert.Equal(new[] { "--resume", "session-1", "-p", "Continue" }, resumed.Take(4));

        var own = HeadlessArguments.Build("x", "m", HeadlessArguments.DefaultTools, null, null, new[] { "--permission-mode", "acceptEdits" });
        Assert.Single(own, argument => argument == "--permission-mode");
        Assert.DoesNotContain("--allowedTools", own);
    }
}
