using System;
using System.IO;
using System.Threading.Tasks;
using LocalModels.Simulation;
using LocalModels.Tests.Hosting;

namespace LocalModels.Tests.Simulation;

/// <summary>
/// One real claude run against a fresh simulator for a behaviour's model. Set LOCALMODELS_SAVE_SIM_TRACES to a
/// directory to keep each run's stream-json there as &lt;behaviour&gt;.stream.jsonl (how Samples/simulated was made).
/// </summary>
internal sealed class SimulatedClaudeRun : IDisposable
{
    private SimulatedClaudeRun(double delayScale)
    {
        Simulator = new OllamaSimulator { DelayScale = delayScale };
        Cli = ClaudeCliRun.Create();
    }

    public OllamaSimulator Simulator { get; }

    public ClaudeCliRun Cli { get; }

    public static SimulatedClaudeRun Start(double delayScale = 1.0) => new(delayScale);

    public static string ModelFor(string behavior) => $"sim/{behavior}:latest";

    public async Task<ClaudeCliResult> RunAsync(string behavior, string prompt = "/init", bool continueSession = false, int maxRetries = 0, TimeSpan? timeout = null, bool saveTrace = true)
    {
        var result = await Cli.RunAsync(Simulator.BaseUri, ModelFor(behavior), prompt, continueSession, maxRetries, timeout ?? TimeSpan.FromSeconds(45));
        if (saveTrace && Environment.GetEnvironmentVariable("LOCALMODELS_SAVE_SIM_TRACES") is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
            var name = continueSession ? $"{behavior}.continued" : behavior;
            File.WriteAllText(Path.Combine(directory, name + ".stream.jsonl"), SanitizePaths(result.Stdout));
        }
        return result;
    }

    /// <summary>Saved samples should not carry this machine's temp paths: rewrite them like the reference samples.</summary>
    private string SanitizePaths(string stdout) => stdout
        .Replace(Cli.Repository, "/Users/dev/src/wordtally")
        .Replace(Munge(Cli.Repository), "-Users-dev-src-wordtally")
        .Replace(Cli.Temp, "/private/tmp")
        .Replace(Cli.Home, "/Users/dev");

    /// <summary>Claude Code's project directory name: every character outside [A-Za-z0-9] becomes '-'.</summary>
    private static string Munge(string path) => System.Text.RegularExpressions.Regex.Replace(path, "[^A-Za-z0-9]", "-");

    public void Dispose()
    {
        Simulator.Dispose();
        Cli.Dispose();
    }
}
