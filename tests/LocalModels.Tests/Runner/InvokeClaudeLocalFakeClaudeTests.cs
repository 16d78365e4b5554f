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
        Assert.False(environment.ContainsKey("IS_SANDBOX"), "IS_SANDBOX reached claude");
        // The user's arguments pass unchanged; the module's --settings come last, so they win over any other.
        var arguments = File.ReadAllLines(Path.Combine(_directory, "args.txt"));
        Assert.Equal(new[] { "--model", "devstral-64k", "--append-system-prompt", "be brief", "extra arg", "--settings" }, arguments.Take(6));
        using (var settings = System.Text.Json.JsonDocument.Parse(arguments[6]))
        {
            Assert.Equal("", settings.RootElement.GetProperty("apiKeyHelper").GetString());
            Assert.Equal("http://127.0.0.1:1", settings.RootElement.GetProperty("env").GetProperty("ANTHROPIC_BASE_URL").GetString());
            Assert.Equal("", settings.RootElement.GetProperty("env").GetProperty("ANTHROPIC_CUSTOM_HEADERS").GetString());
        }
        Assert.Equal(7, arguments.Length);
        Assert.Equal(_directory, File.ReadAllText(Path.Combine(_directory, "pwd.txt")).Trim());
        Assert.True(FakeCredentials.StillInPlace(), "the user's own environment was changed");
    }

    [Fact]
    public void A_run_whose_key_came_from_a_settings_file_is_never_reported_as_a_normal_result()
    {
        if (OperatingSystem.IsWindows()) return;
        // What Claude Code prints when a settings file the module did not choose supplied the key (managed settings can).
        var script = Path.Combine(_directory, "claude");
        File.WriteAllText(script, "#!/bin/sh\n" +
            "echo '{\"type\":\"system\",\"subtype\":\"init\",\"session_id\":\"s1\",\"model\":\"m\",\"tools\":[\"Bash\"],\"apiKeySource\":\"apiKeyHelper\"}'\n" +
            "echo '{\"type\":\"assistant\",\"session_id\":\"s1\",\"message\":{\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"Done.\"}]}}'\n" +
            "echo '{\"type\":\"result\",\"subtype\":\"success\",\"is_error\":false,\"terminal_reason\":\"completed\",\"result\":\"Done.\",\"session_id\":\"s1\",\"num_turns\":1}'\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        using var session = new PowerShellSession();

        var result = session.Run("$null = $ExecutionContext.SessionState.Path.SetLocation($args[1]); Invoke-ClaudeLocal -Model m -OllamaHost http://127.0.0.1:1 -ClaudePath $args[0] -Force -Prompt 'hi' -OutputDirectory $args[1]",
            script, _directory);

        Assert.Empty(result.Errors);
        var run = (ModelRun)result.Output.Single().BaseObject;
        Assert.Equal("settings overridden", run.ExitReason);
        Assert.Equal(LocalModels.Classification.FailureMode.EndpointError, run.FailureMode);
        Assert.Equal(LocalModels.Classification.RunOutcome.Failed, run.Outcome);
        Assert.False(run.Completed);
        Assert.True(run.IsError);
    }

    [Fact]
    public void A_missing_claude_is_a_terminating_ClaudeNotFound()
    {
        using var session = new PowerShellSession();
        var result = session.Run("Invoke-ClaudeLocal -Model m -ClaudePath $args[0] -Force", Path.Combine(_directory, "no-such-claude"));
        Assert.Equal("ClaudeNotFound,LocalModels.Commands.InvokeClaudeLocalCommand", result.FirstErrorId);
    }
}
