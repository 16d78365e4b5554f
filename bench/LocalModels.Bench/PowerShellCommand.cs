using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;

namespace LocalModels.Bench;

/// <summary>How to start pwsh here: the one given, pwsh on PATH, or the repository's pinned .NET local tool.</summary>
internal sealed record PowerShellCommand(string FileName, IReadOnlyList<string> Arguments)
{
    public static PowerShellCommand Find(string? given, string repository)
    {
        if (given is not null) return new PowerShellCommand(given, Array.Empty<string>());
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(folder => Path.Combine(folder, OperatingSystem.IsWindows() ? "pwsh.exe" : "pwsh"))
            .FirstOrDefault(File.Exists);
        if (onPath is not null) return new PowerShellCommand(onPath, Array.Empty<string>());
        // The local tool (dotnet tool restore): ask it where its pwsh.dll is, then run that directly, as an
        // installed pwsh starts, without the tool resolution `dotnet pwsh` adds to every start.
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = repository, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "tool", "run", "pwsh", "--", "-NoProfile", "-Command", "[Environment]::GetCommandLineArgs()[0]" })
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var dll = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        if (process.ExitCode != 0 || !File.Exists(dll))
            throw new InvalidOperationException("No pwsh: install PowerShell, run `dotnet tool restore` in the repository, or pass --pwsh PATH.");
        return new PowerShellCommand("dotnet", new[] { dll });
    }

    public ProcessMeasurement Run(IEnumerable<string> arguments, bool echo)
    {
        var measured = ProcessMeasurement.Run(FileName, Arguments.Concat(arguments), null);
        if (echo) Console.WriteLine(measured.Output);
        return measured;
    }
}
