using System;
using System.IO;
using System.Linq;
using LocalModels.Tests.Hosting;
using Xunit;

namespace LocalModels.Tests.Runner;

/// <summary>Invoke-ClaudeLocal against a fake claude: a sh script that records its environment and arguments and exits 7.</summary>
[Collection(RunnerCollection.Name)]
public sealed class InvokeClaudeLocalFakeClaudeTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("lm-fake-claude-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string WriteFakeClaude()
    {
        var script = Path.Combine(_directory, "claude");
        File.WriteAllText(script, $"#!/bin/sh\nenv > '{_directory}/env.txt'\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done > '{_directory}/args.txt'\npwd > '{_directory}/pwd.txt'\nexit 7\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return script;
    }

    [Fact]
    public void Interactive_run_hands_claude_a_local_environment_returns_its_exit_code_and_leaves_the_session_unchanged()
    {
        if (OperatingSystem.IsWindows()) return;
        var fake = WriteFakeClaude();
        using var credentials = new FakeCredentials();
        using var session = new PowerShellSession();

        var result = session.Run(
            "$null = $ExecutionContext.SessionState.Path.SetLocation($args[2]); Invoke-ClaudeLocal -Model devstral-64k -OllamaHost http://127.0.0.1:1 -ClaudePath $args[0] -Force --append-system-prompt 'be brief' $args[1]; $LASTEXITCODE",
            fake, "extra arg", _directory);

        Assert.Empty(result.Errors);
        Assert.Equal(new object[] { 7, 7 }, result.Output.Select(o => o.BaseObject));
        var environment = File.ReadAllLines(Path.Combine(_directory, "env.txt"))
            .Select(line => line.Split('=', 2)).Where(parts => parts.Length == 2)
            .GroupBy(parts => parts[0]).ToDictionary(g => g.Key, g => g.First()[1]);
        Assert.Equal("http://127.0.0.1:1", environment["ANTHROPIC_BASE_URL"]);
        Assert.Equal("ollama", environment["ANTHROPIC_AUTH_TOKEN"]);
        Assert.Equal("", environment["ANTHROPIC_API_KEY"]);
        Assert.Equal("0", environment["CLAUDE_CODE_USE_BEDROCK"]);
        Assert.Equal("devstral-64k", environment["ANTHROPIC_DEFAULT_HAIKU_MODEL"]);
        foreach (var name in new[] { "CLAUDE_CODE_OAUTH_TOKEN", "ANTHROPIC_CUSTOM_HEADERS", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_BEARER_TOKEN_BEDROCK", "GOOGLE_APPLICATION_CREDENTIALS" })
            Assert.False(environment.ContainsKey(name), name + " reached claude");
        environment.TryGetValue("IS_SANDBOX", out var sandbox);
        Assert.Equal(Environment.GetEnvironmentVariable("IS_SANDBOX"), sandbox);
        Assert.Equal(new[] { "--model", "devstral-64k", "--append-system-prompt", "be brief", "extra arg" }, File.ReadAllLines(Path.Combine(_directory, "args.txt")));
        Assert.Equal(_directory, File.ReadAllText(Path.Combine(_directory, "pwd.txt")).Trim());
        Assert.True(FakeCredentials.StillInPlace(), "the user's own environment was changed");
    }

    [Fact]
    public void A_missing_claude_is_a_terminating_ClaudeNotFound()
    {
        using var session = new PowerShellSession();
        var result = session.Run("Invoke-ClaudeLocal -Model m -ClaudePath $args[0] -Force", Path.Combine(_directory, "no-such-claude"));
        Assert.Equal("ClaudeNotFound,LocalModels.Commands.InvokeClaudeLocalCommand", result.FirstErrorId);
    }
}
