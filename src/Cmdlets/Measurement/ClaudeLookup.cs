using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using LocalModels.Errors;

namespace LocalModels.Measurement;

/// <summary>
/// Finds the claude executable and its version. ADAPTER: kept in one file until Claude/ClaudeLocator (ollama
/// branch) is merged; then this calls ClaudeLocator.Find.
/// </summary>
internal static class ClaudeLookup
{
    public static (string Path, string? Version) Find(string? explicitPath)
    {
        string? path;
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            path = File.Exists(explicitPath) ? System.IO.Path.GetFullPath(explicitPath) : null;
            if (path is null) throw NotFound($"There is no file at '{explicitPath}'.", explicitPath!);
        }
        else
        {
            path = (Environment.GetEnvironmentVariable("PATH") ?? "")
                .Split(System.IO.Path.PathSeparator)
                .Where(directory => directory.Length > 0)
                .Select(directory => System.IO.Path.Combine(directory, "claude"))
                .FirstOrDefault(File.Exists);
            if (path is null) throw NotFound("Claude Code ('claude') is not on PATH.", "claude");
        }
        return (path, ReadVersion(path));
    }

    private static string? ReadVersion(string path)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(path, "--version")
            {
                UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true,
            });
            if (process is null) return null;
            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(15000)) { process.Kill(); return null; }
            var match = Regex.Match(output.Result, @"\d+\.\d+\.\d+");
            return match.Success ? match.Value : null;
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return null;
        }
    }

    private static LocalModelsException NotFound(string what, string target) =>
        new("ClaudeNotFound", ErrorKind.NotInstalled,
            what + " Install Claude Code (https://docs.claude.com/en/docs/claude-code/setup, e.g. 'npm install -g @anthropic-ai/claude-code'), or pass its path with -ClaudePath.",
            target);
}
