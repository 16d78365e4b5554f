using System;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;

namespace LocalModels.Bench;

/// <summary>
/// ccusage 20.0.24 from the bench-only npm manifest (bench/ccusage), installed on first use. Its npm command is a Node
/// wrapper around a native binary; the binary is run directly, so ccusage is timed without Node's start.
/// </summary>
internal static class CcusageCommand
{
    public static string Find(string repository)
    {
        var folder = Path.Combine(repository, "bench", "ccusage");
        var binary = Path.Combine(folder, "node_modules", "@ccusage", $"ccusage-{Platform()}-{Architecture()}", "bin", OperatingSystem.IsWindows() ? "ccusage.exe" : "ccusage");
        if (File.Exists(binary)) return Executable(binary);
        Console.WriteLine("Installing ccusage 20.0.24 (bench/ccusage: npm install --no-save) ...");
        // Not `npm ci`: the registry served here has only some platforms' 20.0.24 binaries, so the lock can name only
        // those, and npm 11's `ci` refuses a lock that leaves out any of ccusage's optional platform packages. `install`
        // installs what the lock pins (the version is exact in package.json too) and leaves both files as they are.
        var start = new ProcessStartInfo("npm") { WorkingDirectory = folder, UseShellExecute = false };
        foreach (var argument in new[] { "install", "--no-save", "--no-audit", "--no-fund", "--loglevel=error" }) start.ArgumentList.Add(argument);
        using (var npm = Process.Start(start)!) npm.WaitForExit();
        if (!File.Exists(binary)) throw new InvalidOperationException($"ccusage's native binary is not at {binary} after npm install in {folder}.");
        return Executable(binary);
    }

    /// <summary>npm unpacks the binary without its execute bit; ccusage's own wrapper sets it the same way.</summary>
    private static string Executable(string binary)
    {
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(binary, File.GetUnixFileMode(binary) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        return binary;
    }

    private static string Platform() =>
        OperatingSystem.IsMacOS() ? "darwin" : OperatingSystem.IsWindows() ? "win32" : "linux";

    private static string Architecture() =>
        RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.Arm64 ? "arm64" : "x64";
}
