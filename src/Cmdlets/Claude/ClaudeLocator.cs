using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using LocalModels.Errors;
using LocalModels.Platform;

namespace LocalModels.Claude;

/// <summary>
/// Finds the `claude` executable: an explicit path, else PATH, else the usual install locations (the native
/// installer's ~/.local/bin and ~/.claude/local, Homebrew, /usr/local/bin, npm's global prefix), and asks it
/// for its version. Used by Test-ClaudeLocal and by the cmdlets that launch Claude Code.
/// </summary>
public static class ClaudeLocator
{
    private static readonly TimeSpan VersionTimeout = TimeSpan.FromSeconds(15);
    private static readonly Regex VersionNumber = new(@"\d+\.\d+\.\d+[\w.-]*");

    /// <summary>Finds Claude Code or throws <c>ClaudeNotFound</c> with install advice.</summary>
    public static ClaudeInstallation Find(string? explicitPath, CancellationToken cancellationToken = default) =>
        Find(explicitPath, PlatformFacts.Current, cancellationToken);

    internal static ClaudeInstallation Find(string? explicitPath, IPlatformFacts platform, CancellationToken cancellationToken)
    {
        string? path;
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            path = File.Exists(explicitPath) ? Path.GetFullPath(explicitPath) : null;
            if (path is null)
                throw NotFound($"There is no file at '{explicitPath}'.", explicitPath!);
        }
        else
        {
            path = Candidates(platform, cancellationToken).FirstOrDefault(File.Exists);
            if (path is null)
                throw NotFound("Claude Code ('claude') is not on PATH or in its usual install locations.", "claude");
        }
        return new ClaudeInstallation(path, ReadVersion(path, platform, cancellationToken));
    }

    /// <summary>Where claude may be, in the order they are tried.</summary>
    internal static IEnumerable<string> Candidates(IPlatformFacts platform, CancellationToken cancellationToken)
    {
        var names = platform.OS == PlatformOS.Windows ? new[] { "claude.exe", "claude.cmd" } : new[] { "claude" };
        var separator = platform.OS == PlatformOS.Windows ? ';' : ':';
        foreach (var directory in (platform.GetEnvironmentVariable("PATH") ?? "").Split(new[] { separator }, StringSplitOptions.RemoveEmptyEntries))
            foreach (var name in names)
                yield return SafeCombine(directory.Trim('"'), name);

        var home = platform.HomeDirectory;
        foreach (var name in names)
        {
            yield return Path.Combine(home, ".claude", "local", name);
            yield return Path.Combine(home, ".local", "bin", name);
        }
        if (platform.OS != PlatformOS.Windows)
        {
            yield return "/opt/homebrew/bin/claude";
            yield return "/usr/local/bin/claude";
        }
        var prefix = platform.Commands.RunAsync("npm", new[] { "prefix", "-g" }, TimeSpan.FromSeconds(10), cancellationToken).GetAwaiter().GetResult();
        if (prefix.Succeeded && prefix.StandardOutput.Trim() is { Length: > 0 } npmPrefix)
        {
            foreach (var name in names)
                yield return platform.OS == PlatformOS.Windows ? Path.Combine(npmPrefix, name) : Path.Combine(npmPrefix, "bin", name);
        }
    }

    /// <summary>"2.1.328 (Claude Code)" gives "2.1.328"; null when the executable would not answer.</summary>
    internal static string? ReadVersion(string path, IPlatformFacts platform, CancellationToken cancellationToken)
    {
        var key = platform is SystemPlatformFacts ? ExecutableKey(path) : null;
        if (key is { } known && KnownVersions.TryGetValue(known, out var version)) return version;
        var result = platform.Commands.RunAsync(path, new[] { "--version" }, VersionTimeout, cancellationToken).GetAwaiter().GetResult();
        if (!result.Succeeded) return null;
        var match = VersionNumber.Match(result.StandardOutput);
        if (!match.Success) return null;
        if (key is { } asked && KnownVersions.Count < MaxKnownVersions) KnownVersions[asked] = match.Value;
        return match.Value;
    }

    /// <summary>
    /// Versions already asked of an executable on this machine, by the file it is (where its links lead), its length and
    /// its last write: a sweep launches the same claude for every run, and asking it cost a process start each time
    /// (10 ms for the native binary). Updating or replacing it changes the key, so it is asked again.
    /// </summary>
    private static readonly ConcurrentDictionary<(string File, long Length, DateTime Written), string> KnownVersions = new();

    private const int MaxKnownVersions = 64;

    private static (string File, long Length, DateTime Written)? ExecutableKey(string path)
    {
        try
        {
            var file = new FileInfo(path);
            if (file.ResolveLinkTarget(returnFinalTarget: true) is FileInfo target) file = target;
            return file.Exists ? (file.FullName, file.Length, file.LastWriteTimeUtc) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }

    private static string SafeCombine(string directory, string name)
    {
        try { return Path.Combine(directory, name); }
        catch (ArgumentException) { return ""; }
    }

    private static LocalModelsException NotFound(string what, string target) =>
        new(ErrorIds.ClaudeNotFound, ErrorKind.NotInstalled,
            what + " Install it with 'npm install -g @anthropic-ai/claude-code' or the native installer ('curl -fsSL https://claude.ai/install.sh | bash'; on Windows 'irm https://claude.ai/install.ps1 | iex'), or pass its path with -ClaudePath.",
            target);
}
