using System;
using System.Diagnostics;

namespace LocalModels.Tests.Hosting;

/// <summary>Runs a system command a test needs root for (mount, umount), failing the test with why when it cannot.</summary>
internal static class RootCommand
{
    public static void Run(string why, string command, params string[] arguments)
    {
        var start = new ProcessStartInfo(command) { UseShellExecute = false, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        if (!process.WaitForExit(30_000) || process.ExitCode != 0)
            throw new InvalidOperationException($"{command} {string.Join(' ', arguments)} failed ({error.Trim()}): {why}");
    }
}
