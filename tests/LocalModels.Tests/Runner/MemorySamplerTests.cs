using System;
using System.Threading;
using LocalModels.Measurement;
using Xunit;
using LocalModels.Ollama;

namespace LocalModels.Tests.Runner;

public sealed class MemorySamplerTests
{
    [Fact]
    public void A_run_shorter_than_one_interval_still_gets_a_reading_when_it_stops()
    {
        var loaded = false;
        using var sampler = new MemorySampler(_ => loaded ? new MemorySample(DateTimeOffset.UtcNow, 65536, 20_000_000_000, 20_000_000_000) : null);
        sampler.Start();
        Assert.False(sampler.LoadedAtStart);
        loaded = true; // the model loads during a run that ends before the first background reading

        sampler.Stop();

        var sample = Assert.Single(sampler.Samples);
        Assert.Equal(65536, sample.ContextLength);
        Assert.Null(sampler.FirstSeenLoadedAt); // a reading after the run says nothing about when it loaded
    }

    [Fact]
    public void Background_readings_are_kept_and_mark_when_the_model_first_showed_up()
    {
        var loaded = false;
        using var sampler = new MemorySampler(_ => loaded ? new MemorySample(DateTimeOffset.UtcNow, 4096, 1, 1) : null);
        sampler.Start();
        loaded = true;
        Thread.Sleep(MemorySampler.Interval + MemorySampler.Interval / 2);
        sampler.Drain();

        Assert.NotEmpty(sampler.Samples);
        Assert.NotNull(sampler.FirstSeenLoadedAt);
    }
}
