using System;
using System.Linq;
using LocalModels.Ollama;
using LocalModels.Simulation;
using LocalModels.Tests.Hosting;
using Xunit;

namespace LocalModels.Tests.Ollama;

/// <summary>New-OllamaHostPool through the hosted engine: each server asked once, a dead one kept with a warning, bad input refused.</summary>
public sealed class NewOllamaHostPoolCommandTests : IDisposable
{
    private readonly OllamaSimulator _first = new();
    private readonly OllamaSimulator _second = new();
    private readonly PowerShellSession _session = new();

    public void Dispose()
    {
        _session.Dispose();
        _first.Dispose();
        _second.Dispose();
    }

    private static string Address(OllamaSimulator simulator) => simulator.BaseUri.GetLeftPart(UriPartial.Authority);

    [Fact]
    public void Each_server_is_asked_for_its_version_and_models_and_a_repeat_is_one_host()
    {
        _second.Catalog.Remove(_second.Catalog.Models.First().Name);

        var pool = (OllamaHostPool)_session.RunOk("New-OllamaHostPool $args[0], $args[1], $args[0]", Address(_first), Address(_second)).Single().BaseObject;

        Assert.Equal(2, pool.Count);
        Assert.All(pool.Hosts, host => Assert.True(host.Available && host.Simulated));
        Assert.Equal(_first.Catalog.Models.Count, pool.Hosts[0].ModelCount);
        Assert.Equal(_first.Catalog.Models.Count - 1, pool.Hosts[1].ModelCount);
    }

    [Fact]
    public void A_server_that_does_not_answer_stays_in_the_pool_with_a_warning()
    {
        var result = _session.Run("New-OllamaHostPool $args[0], '127.0.0.1:9'", Address(_first));

        var pool = (OllamaHostPool)result.Output.Single().BaseObject;
        Assert.Equal(new[] { true, false }, pool.Hosts.Select(host => host.Available));
        Assert.Single(result.Warnings);
        Assert.NotEmpty(pool.Hosts[1].Error);
    }

    [Fact]
    public void An_address_that_is_not_one_is_InvalidOllamaHost() =>
        Assert.Equal("InvalidOllamaHost,LocalModels.Commands.NewOllamaHostPoolCommand",
            _session.Run("New-OllamaHostPool $args[0], 'ftp://nope'", Address(_first)).FirstErrorId);
}
