using System.IO;
using System.Linq;
using System.Text.Json;
using LocalModels.Simulation.Behaviors;
using LocalModels.Tests.Hosting;
using Xunit;

namespace LocalModels.Tests.Simulation;

/// <summary>The committed traces the classifier work uses: one per behaviour, each a real stream-json run.</summary>
public sealed class SimulatedSampleTests
{
    private static string Directory => Path.Combine(RepositoryPaths.Samples, "simulated");

    [Fact]
    public void Every_behaviour_has_a_saved_trace_starting_with_the_init_line_for_its_model()
    {
        foreach (var behavior in BehaviorLibrary.LoadBuiltIn().Names)
        {
            var path = Path.Combine(Directory, behavior + ".stream.jsonl");
            Assert.True(File.Exists(path), path);
            var lines = File.ReadAllLines(path).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement).ToList();
            var init = lines.First();
            Assert.Equal("init", init.GetProperty("subtype").GetString());
            Assert.Equal($"sim/{behavior}:latest", init.GetProperty("model").GetString());
            Assert.DoesNotContain("lm-claude-", File.ReadAllText(path));
            if (behavior != "never-finishes") Assert.Equal("result", lines.Last().GetProperty("type").GetString());
        }
    }
}
