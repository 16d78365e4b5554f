using System;
using System.Collections.Generic;

namespace LocalModels.Tests.Runner;

/// <summary>Puts fake cloud credentials into the test process's environment and restores it on Dispose.</summary>
internal sealed class FakeCredentials : IDisposable
{
    public static readonly IReadOnlyDictionary<string, string> Values = new Dictionary<string, string>
    {
        ["ANTHROPIC_API_KEY"] = "sk-ant-fake-should-never-leave",
        ["ANTHROPIC_AUTH_TOKEN"] = "fake-bearer-should-never-leave",
        ["CLAUDE_CODE_OAUTH_TOKEN"] = "fake-oauth",
        ["ANTHROPIC_CUSTOM_HEADERS"] = "X-Leaked: yes",
        ["AWS_ACCESS_KEY_ID"] = "AKIAFAKE",
        ["AWS_SECRET_ACCESS_KEY"] = "fake-secret",
        ["AWS_BEARER_TOKEN_BEDROCK"] = "fake-bedrock",
        ["GOOGLE_APPLICATION_CREDENTIALS"] = "/nonexistent/fake.json",
        ["CLAUDE_CODE_USE_BEDROCK"] = "1",
    };

    private readonly Dictionary<string, string?> _before = new();

    public FakeCredentials()
    {
        foreach (var pair in Values)
        {
            _before[pair.Key] = Environment.GetEnvironmentVariable(pair.Key);
            Environment.SetEnvironmentVariable(pair.Key, pair.Value);
        }
    }

    /// <summary>True when the process environment still holds exactly the fake values (nothing was changed by the module).</summary>
    public static bool StillInPlace()
    {
        foreach (var pair in Values)
            if (Environment.GetEnvironmentVariable(pair.Key) != pair.Value) return false;
        return true;
    }

    public void Dispose()
    {
        foreach (var pair in _before) Environment.SetEnvironmentVariable(pair.Key, pair.Value);
    }
}
