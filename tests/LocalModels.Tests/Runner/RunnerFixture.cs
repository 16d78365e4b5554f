using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using LocalModels.Claude;
using LocalModels.Simulation;
using LocalModels.Tests.Hosting;

namespace LocalModels.Tests.Runner;

/// <summary>
/// One simulator, one bundled sample repository and one output directory for an end-to-end runner test, all
/// removed on Dispose. Runs use the REAL pinned Claude Code CLI.
/// </summary>
internal sealed class RunnerFixture : IDisposable
{
    public RunnerFixture(double delayScale = 1.0)
    {
        Root = Directory.CreateTempSubdirectory("lm-runner-").FullName;
        Repository = Path.Combine(Root, "wordtally");
        SampleRepository.ExtractTo(Repository);
        Output = Path.Combine(Root, "out");
        Simulator = new OllamaSimulator { DelayScale = delayScale };
    }

    public string Root { get; }
    public string Repository { get; }
    public string Output { get; }
    public OllamaSimulator Simulator { get; }
    public string Host => Simulator.BaseUri.ToString().TrimEnd('/');
    public static string Claude => RepositoryPaths.ClaudeExecutable;

    /// <summary>The common arguments: simulator, real claude, this output directory.</summary>
    public string Common => "-OllamaHost $args[0] -ClaudePath $args[1] -OutputDirectory $args[2]";

    public object[] Args(params object[] more) => new object[] { Host, Claude, Output }.Concat(more).ToArray();

    public IReadOnlyList<string> ResultLines() =>
        File.Exists(Path.Combine(Output, "runs.jsonl")) ? File.ReadAllLines(Path.Combine(Output, "runs.jsonl")).Where(l => l.Length > 0).ToList() : Array.Empty<string>();

    /// <summary>A hash of every file's relative path and content: proves a tree was not modified.</summary>
    public static string HashTree(string root)
    {
        using var sha = SHA256.Create();
        foreach (var file in Directory.GetFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var name = Encoding.UTF8.GetBytes(Path.GetRelativePath(root, file) + "\0");
            sha.TransformBlock(name, 0, name.Length, null, 0);
            var content = File.ReadAllBytes(file);
            sha.TransformBlock(content, 0, content.Length, null, 0);
        }
        sha.TransformFinalBlock(Array.Empty<byte>(), 0, 0);
        return Convert.ToHexString(sha.Hash!);
    }

    /// <summary>Live processes whose environment names this fixture's output directory (every process a run started inherits it).</summary>
    public IReadOnlyList<int> ProcessesOfThisFixture()
    {
        var found = new List<int>();
        if (!Directory.Exists("/proc")) return found;
        var marker = Encoding.UTF8.GetBytes(Output);
        foreach (var directory in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid) || pid == Environment.ProcessId) continue;
            try
            {
                var environ = File.ReadAllBytes(Path.Combine(directory, "environ"));
                if (environ.AsSpan().IndexOf(marker) >= 0 && LocalModels.Claude.ProcessTree.IsAlive(pid)) found.Add(pid);
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        return found;
    }

    public void Dispose()
    {
        Simulator.Dispose();
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { }
    }
}
