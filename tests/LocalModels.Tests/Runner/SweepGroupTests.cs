using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using LocalModels.Measurement;
using LocalModels.Ollama;
using LocalModels.Simulation;
using Xunit;

namespace LocalModels.Tests.Runner;

/// <summary>
/// Which planned runs of a host pool share loaded weights: a context sweep's aliases, created FROM one base model,
/// are one group by what /api/show says (details.parent_model), so one host keeps them (the simulator, no runs).
/// </summary>
public sealed class SweepGroupTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Aliases_created_from_one_base_are_one_group_that_one_host_keeps_while_another_takes_an_unrelated_model()
    {
        using var simulator = new OllamaSimulator();
        using var limit = new CancellationTokenSource(Bound);
        var client = new OllamaClient(simulator.BaseUri, TimeSpan.FromSeconds(5));
        await client.CreateAsync("devstral-32k", "sim/explorer:latest", new Dictionary<string, object> { ["num_ctx"] = 32768 }, null, limit.Token);
        await client.CreateAsync("devstral-64k", "sim/explorer:latest", new Dictionary<string, object> { ["num_ctx"] = 65536 }, null, limit.Token);
        // An alias of an alias still shares the first base's weights.
        await client.CreateAsync("devstral-64k-again", "devstral-64k", new Dictionary<string, object> { ["num_ctx"] = 65536 }, null, limit.Token);
        var endpoint = LocalEndpoint.Connect(client, limit.Token);
        string Group(string model)
        {
            var shown = endpoint.Show(model, limit.Token);
            Assert.True(shown.Exists, model);
            return SweepJob.GroupOf(model, shown.ParentModel);
        }

        var group = Group("devstral-32k");
        Assert.Equal(group, Group("devstral-64k:latest"));
        Assert.Equal(group, Group("devstral-64k-again"));
        Assert.Equal(group, Group("sim/explorer"));
        Assert.NotEqual(group, Group("sim/nested-params:latest"));

        // Planned in this order across two hosts that have them all: the aliases stay together.
        const string a = "http://a:11434", b = "http://b:11434";
        var scheduler = new SweepScheduler(new[] { a, b }, TimeSpan.FromMinutes(1));
        foreach (var model in new[] { "devstral-32k", "devstral-64k", "sim/nested-params:latest" })
            scheduler.Add(new SweepJob(model, null, 1, Group(model), new[] { a, b }));
        Assert.Equal("devstral-32k", scheduler.Take(a, limit.Token)?.Model);
        Assert.Equal("sim/nested-params:latest", scheduler.Take(b, limit.Token)?.Model);
        scheduler.Done(a);
        Assert.Equal("devstral-64k", scheduler.Take(a, limit.Token)?.Model);
    }
}
