using System;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;

namespace LocalModels.Bench;

/// <summary>
/// pwsh as PowerShell's releases ship it: its assemblies compiled ReadyToRun. The .NET tool build (the pinned local tool
/// here) is plain IL and compiles its own engine as it starts; a person with an installed pwsh does not pay that. This
/// copies the tool's folder and compiles the same assemblies a release compiles, with the crossgen2 of the running .NET
/// (restored on first use, as the SDK restores it for PublishReadyToRun).
/// </summary>
internal static class ReadyToRunPowerShell
{
    /// <summary>The assemblies a whole-process import loads from pwsh's folder (a release compiles every one).</summary>
    private static readonly string[] Compiled =
    {
        "System.Management.Automation", "Microsoft.PowerShell.ConsoleHost", "Microsoft.PowerShell.Commands.Utility",
        "Microsoft.PowerShell.Commands.Management", "Microsoft.PowerShell.Security", "pwsh", "Microsoft.ApplicationInsights",
        "Newtonsoft.Json", "Microsoft.PowerShell.MarkdownRender",
    };

    public static PowerShellCommand Build(PowerShellCommand tool, string folder)
    {
        if (tool.FileName != "dotnet" || tool.Arguments.Count != 1)
            throw new InvalidOperationException($"--pwsh ready-to-run compiles the .NET tool's pwsh; the pwsh found here is {tool.FileName}, an installed one, which is ReadyToRun already.");
        var toolFolder = Path.GetDirectoryName(tool.Arguments[0])!;
        var done = Path.Combine(folder, ".compiled");
        if (!File.Exists(done))
        {
            var crossgen = Crossgen();
            if (Directory.Exists(folder)) Directory.Delete(folder, true);
            CopyFolder(toolFolder, folder);
            var runtime = RuntimeEnvironment.GetRuntimeDirectory();
            foreach (var name in Compiled)
            {
                var input = Path.Combine(toolFolder, name + ".dll");
                Console.WriteLine($"  crossgen2 {name}.dll ...");
                Run(crossgen, new[] { input, "-o", Path.Combine(folder, name + ".dll"), "-r", Path.Combine(runtime, "*.dll"), "-r", Path.Combine(toolFolder, "*.dll"),
                    "--targetos", TargetOs(), "--targetarch", RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant(), "-O" });
            }
            File.WriteAllText(done, string.Join("\n", Compiled));
        }
        return new PowerShellCommand("dotnet", new[] { Path.Combine(folder, "pwsh.dll") });
    }

    /// <summary>crossgen2 for the running .NET, restored into the NuGet cache by a project that asks for ReadyToRun.</summary>
    private static string Crossgen()
    {
        var rid = $"{TargetOs()}-{RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant()}";
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var packs = Path.Combine(packages, $"microsoft.netcore.app.crossgen2.{rid}");
        if (!Directory.Exists(Path.Combine(packs, Environment.Version.ToString())))
        {
            var project = Directory.CreateTempSubdirectory("lm-crossgen-restore-").FullName;
            try
            {
                File.WriteAllText(Path.Combine(project, "Restore.csproj"),
                    $"<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><TargetFramework>net{Environment.Version.Major}.0</TargetFramework>" +
                    $"<RuntimeIdentifier>{rid}</RuntimeIdentifier><PublishReadyToRun>true</PublishReadyToRun></PropertyGroup></Project>");
                Console.WriteLine($"Restoring crossgen2 {Environment.Version} ({rid}) ...");
                Run("dotnet", new[] { "restore", project, "--verbosity", "quiet" });
            }
            finally
            {
                Directory.Delete(project, true);
            }
        }
        // The running .NET's own version when the cache has it, else the one the SDK restored.
        var version = Directory.Exists(Path.Combine(packs, Environment.Version.ToString())) ? Environment.Version.ToString()
            : Directory.Exists(packs) ? Directory.GetDirectories(packs).Select(Path.GetFileName).OrderByDescending(v => Version.TryParse(v, out var parsed) ? parsed : new Version()).FirstOrDefault() : null;
        var tool = Path.Combine(packs, version ?? "?", "tools", OperatingSystem.IsWindows() ? "crossgen2.exe" : "crossgen2");
        if (!File.Exists(tool)) throw new InvalidOperationException($"No crossgen2 at {tool} after restoring a ReadyToRun project for {rid}.");
        return tool;
    }

    private static string TargetOs() => OperatingSystem.IsWindows() ? "windows" : OperatingSystem.IsMacOS() ? "osx" : "linux";

    private static void CopyFolder(string from, string to)
    {
        foreach (var directory in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, directory)));
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)), overwrite: true);
    }

    /// <summary>Runs a build step (through the benchmark's own process runner) and stops the benchmark when it fails.</summary>
    private static void Run(string fileName, string[] arguments)
    {
        var step = ProcessMeasurement.Run(fileName, arguments, null);
        if (step.ExitCode != 0) throw new InvalidOperationException($"{Path.GetFileName(fileName)} {string.Join(" ", arguments.Take(2))} failed ({step.ExitCode}): {step.Output}");
    }
}
