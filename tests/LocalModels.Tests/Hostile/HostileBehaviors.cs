using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using LocalModels.Simulation;
using LocalModels.Simulation.Behaviors;

namespace LocalModels.Tests.Hostile;

/// <summary>Simulated models that do what a hostile or careless model does with Bash, and helpers to find what they leave.</summary>
internal static class HostileBehaviors
{
    /// <summary>
    /// Adds <paramref name="model"/>: its first turn runs <paramref name="command"/> with Bash; then it either
    /// answers and ends (<paramref name="forever"/> false) or streams forever (for time-limit and Ctrl+C tests).
    /// </summary>
    public static void Add(OllamaSimulator simulator, string model, string command, bool forever)
    {
        var last = forever
            ? new Dictionary<string, object> { ["text"] = new[] { "Waiting for it" }, ["forever"] = true }
            : new Dictionary<string, object> { ["text"] = new[] { "Done." } };
        var definition = new Dictionary<string, object>
        {
            ["name"] = model.Replace('/', '-').Replace(':', '-'),
            ["summary"] = "test: runs one Bash command",
            ["failureMode"] = "None",
            ["outcome"] = "Success",
            ["models"] = new[] { new Dictionary<string, object> { ["name"] = model, ["capabilities"] = new[] { "completion", "tools" }, ["nativeContextLength"] = 131072, ["parameters"] = new Dictionary<string, object> { ["num_ctx"] = "65536" } } },
            ["pace"] = new Dictionary<string, object> { ["tokensPerSecond"] = 2000, ["firstTokenMs"] = 10, ["foreverIntervalMs"] = 500 },
            ["main"] = new object[]
            {
                new Dictionary<string, object>
                {
                    ["when"] = new Dictionary<string, object> { ["turn"] = 0 },
                    ["text"] = new[] { "Running it." },
                    ["tools"] = new[] { new Dictionary<string, object> { ["name"] = "Bash", ["input"] = new Dictionary<string, object> { ["command"] = command, ["description"] = "run" } } },
                },
                last,
            },
        };
        simulator.Behaviors.Add(BehaviorDefinition.FromJson(JsonSerializer.Serialize(definition)));
        simulator.Behaviors.SeedCatalog(simulator.Catalog);
    }

    /// <summary>A sleep duration no other process on the machine uses, to find the sleeps a test started.</summary>
    public static string UniqueSleep(int seconds) =>
        seconds.ToString(CultureInfo.InvariantCulture) + "." + Random.Shared.Next(100000, 999999).ToString(CultureInfo.InvariantCulture);

    /// <summary>Live processes whose command line contains <paramref name="text"/> (Linux /proc).</summary>
    public static IReadOnlyList<int> ProcessesRunning(string text)
    {
        var found = new List<int>();
        foreach (var directory in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid) || pid == Environment.ProcessId) continue;
            try
            {
                var commandLine = File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ');
                if (commandLine.Contains(text, StringComparison.Ordinal) && LocalModels.Claude.ProcessTree.IsAlive(pid)) found.Add(pid);
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        return found;
    }

    /// <summary>Waits up to <paramref name="limit"/> for the condition; true when it held.</summary>
    public static bool Within(TimeSpan limit, Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline)
        {
            if (condition()) return true;
            System.Threading.Thread.Sleep(100);
        }
        return condition();
    }

    /// <summary>Bounds a test's damage: whatever it started that is still alive is killed.</summary>
    public static void KillAll(IEnumerable<int> processIds)
    {
        foreach (var id in processIds.ToList()) LocalModels.Claude.ProcessTree.KillById(id);
    }
}
