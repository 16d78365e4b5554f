using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace LocalModels.Tests.Architecture;

/// <summary>
/// The folders of src/Cmdlets form layers that depend one way, as docs/architecture.md shows: a folder refers only
/// to folders in its own layer or below, and no folders refer to each other in a cycle.
/// </summary>
public sealed class FolderDependencyTests
{
    /// <summary>The layers, bottom first; keep in step with docs/architecture.md.</summary>
    public static readonly IReadOnlyList<string[]> Layers = new[]
    {
        new[] { "Compilation", "Errors", "Platform" },
        new[] { "Ollama", "Claude" },
        new[] { "Traces", "Configuration", "Simulation", "Preflight" },
        new[] { "Verification", "Classification" },
        new[] { "Results" },
        new[] { "Measurement", "Reporting" },
        new[] { "Completers", "Commands" },
    };

    [Fact]
    public void No_folders_depend_on_each_other_in_a_cycle()
    {
        var graph = SourceFolderGraph.Current;
        var cycles = graph.Cycles();
        Assert.True(cycles.Count == 0, "Folders that depend on each other: " + string.Join("; ", cycles.Select(cycle =>
            string.Join(" <-> ", cycle) + " (" + string.Join(", ", cycle.SelectMany(from => cycle
                .Where(to => graph.Edges.TryGetValue(from, out var targets) && targets.ContainsKey(to))
                .Select(to => $"{from} -> {to}: {graph.Edges[from][to][0]}"))) + ")")));
    }

    [Fact]
    public void Every_folder_depends_only_on_its_own_layer_or_below()
    {
        var graph = SourceFolderGraph.Current;
        var layerOf = Layers.SelectMany((folders, layer) => folders.Select(folder => (folder, layer)))
            .ToDictionary(entry => entry.folder, entry => entry.layer, StringComparer.Ordinal);
        var unplaced = graph.Folders.Where(folder => !layerOf.ContainsKey(folder)).ToList();
        Assert.True(unplaced.Count == 0, $"Place these folders in a layer (here and in docs/architecture.md): {string.Join(", ", unplaced)}.");
        var upward = graph.Edges
            .SelectMany(from => from.Value.Select(to => (From: from.Key, To: to.Key, Example: to.Value[0])))
            .Where(edge => layerOf[edge.To] > layerOf[edge.From])
            .Select(edge => $"{edge.From} -> {edge.To} ({edge.Example})")
            .ToList();
        Assert.True(upward.Count == 0, "References to a higher layer: " + string.Join("; ", upward));
    }

    [Fact]
    public void The_graph_sees_references_to_root_namespace_types_and_ignores_look_alike_member_names()
    {
        var edges = SourceFolderGraph.Current.Edges;
        // ModelRun is declared in Results/ in the root namespace: Commands refer to it without a using directive.
        Assert.Contains(edges["Commands"]["Results"], example => example.EndsWith(": ModelRun", StringComparison.Ordinal));
        // The simulator's MessagesRequest has a ToolNames property; that is not a reference to Traces.ToolNames.
        Assert.False(edges.TryGetValue("Simulation", out var simulation) && simulation.ContainsKey("Traces"),
            "Simulation -> Traces: " + string.Join(", ", simulation?.GetValueOrDefault("Traces") ?? Array.Empty<string>()));
    }

    [Fact]
    public void The_cycle_finder_reports_a_cycle_through_several_folders()
    {
        var edges = new Dictionary<string, string[]>
        {
            ["A"] = new[] { "B" },
            ["B"] = new[] { "C" },
            ["C"] = new[] { "A", "D" },
            ["D"] = Array.Empty<string>(),
        };
        var cycles = SourceFolderGraph.FindCycles(edges.Keys, node => edges[node]);
        Assert.Equal(new[] { "A", "B", "C" }, Assert.Single(cycles));
    }
}
