using System;
using System.IO;
using LocalModels.Claude;
using LocalModels.Platform;
using Xunit;

namespace LocalModels.Tests.Claude;

/// <summary>
/// `claude --version` is asked once per executable: the same file asked again answers from what it said, and an
/// executable updated or replaced in place (another length or write time) is asked again.
/// </summary>
public sealed class ClaudeVersionTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("localmodels-version-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>A claude that prints <paramref name="version"/> and counts how often it was asked, in a file beside it.</summary>
    private string FakeClaude(string version, string name = "claude")
    {
        var path = Path.Combine(_root, name);
        var count = Path.Combine(_root, name + ".asked");
        File.WriteAllText(path, $"#!/bin/sh\necho x >> '{count}'\necho '{version} (Claude Code)'\n");
        MakeExecutable(path);
        return path;
    }

    private static void MakeExecutable(string path)
    {
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private int TimesAsked(string name = "claude") =>
        File.Exists(Path.Combine(_root, name + ".asked")) ? File.ReadAllLines(Path.Combine(_root, name + ".asked")).Length : 0;

    [Fact]
    public void The_same_executable_is_asked_once()
    {
        if (OperatingSystem.IsWindows()) return;
        var claude = FakeClaude("2.1.328");
        var platform = new SystemPlatformFacts();

        Assert.Equal("2.1.328", ClaudeLocator.ReadVersion(claude, platform, default));
        Assert.Equal("2.1.328", ClaudeLocator.ReadVersion(claude, platform, default));
        Assert.Equal("2.1.328", ClaudeLocator.Find(claude).Version);

        Assert.Equal(1, TimesAsked());
    }

    [Fact]
    public void An_executable_updated_in_place_is_asked_again()
    {
        if (OperatingSystem.IsWindows()) return;
        var claude = FakeClaude("2.1.328");
        var platform = new SystemPlatformFacts();
        Assert.Equal("2.1.328", ClaudeLocator.ReadVersion(claude, platform, default));

        FakeClaude("2.1.4000");

        Assert.Equal("2.1.4000", ClaudeLocator.ReadVersion(claude, platform, default));
        Assert.Equal(2, TimesAsked());
    }

    [Fact]
    public void A_link_moved_to_another_executable_is_asked_again()
    {
        if (OperatingSystem.IsWindows()) return;
        var first = FakeClaude("2.1.328", "claude-2.1.328");
        var second = FakeClaude("2.1.329", "claude-2.1.329");
        var link = Path.Combine(_root, "claude");
        File.CreateSymbolicLink(link, first);
        var platform = new SystemPlatformFacts();
        Assert.Equal("2.1.328", ClaudeLocator.ReadVersion(link, platform, default));

        File.Delete(link);
        File.CreateSymbolicLink(link, second);

        Assert.Equal("2.1.329", ClaudeLocator.ReadVersion(link, platform, default));
        // The file the link led to first is still known by what it said.
        Assert.Equal("2.1.328", ClaudeLocator.ReadVersion(first, platform, default));
        Assert.Equal(1, TimesAsked("claude-2.1.328"));
        Assert.Equal(1, TimesAsked("claude-2.1.329"));
    }

    [Fact]
    public void An_executable_that_does_not_answer_is_asked_each_time()
    {
        if (OperatingSystem.IsWindows()) return;
        var claude = Path.Combine(_root, "claude");
        var count = Path.Combine(_root, "claude.asked");
        File.WriteAllText(claude, $"#!/bin/sh\necho x >> '{count}'\nexit 3\n");
        MakeExecutable(claude);
        var platform = new SystemPlatformFacts();

        Assert.Null(ClaudeLocator.ReadVersion(claude, platform, default));
        Assert.Null(ClaudeLocator.ReadVersion(claude, platform, default));

        Assert.Equal(2, TimesAsked());
    }
}
