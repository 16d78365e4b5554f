using System;
using System.IO;

namespace LocalModels.Tests.Hosting;

/// <summary>Where the built module, the pinned Claude Code CLI and the reference samples are.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string ModuleManifest => Path.Combine(Root, "out", "LocalModels", "LocalModels.psd1");

    /// <summary>The claude binary installed by `npm ci` from package-lock.json (the exact pinned version).</summary>
    public static string ClaudeExecutable =>
        Environment.GetEnvironmentVariable("LOCALMODELS_TEST_CLAUDE") is { Length: > 0 } overridden
            ? overridden
            : Path.Combine(Root, "node_modules", ".bin", OperatingSystem.IsWindows() ? "claude.cmd" : "claude");

    public static string Samples => Path.Combine(AppContext.BaseDirectory, "Samples");

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "LocalModels.sln")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("LocalModels.sln not found above the test output.");
    }
}
