using System.Collections.Generic;
using LocalModels.Ollama;
using LocalModels.Platform;
using Xunit;

namespace LocalModels.Tests.Ollama;

public sealed class ModelMemoryEstimatorTests
{
    private static Dictionary<string, object?> Info(params (string Key, object? Value)[] pairs)
    {
        var info = new Dictionary<string, object?> { ["general.architecture"] = "llama" };
        foreach (var (key, value) in pairs) info["llama." + key] = value;
        return info;
    }

    [Fact]
    public void Kv_cache_is_layers_times_context_times_kv_heads_times_key_plus_value_at_two_bytes()
    {
        var info = Info(("block_count", 40L), ("attention.head_count", 32L), ("attention.head_count_kv", 8L),
            ("attention.key_length", 128L), ("attention.value_length", 128L));
        var estimate = ModelMemoryEstimator.Estimate(15_000_000_000, 65536, info);
        Assert.Equal(40L * 65536 * 8 * 256 * 2, estimate.KvCacheBytes);
        Assert.Equal(15_000_000_000 + 40L * 65536 * 8 * 256 * 2, estimate.TotalBytes);
    }

    [Fact]
    public void Head_dimension_falls_back_to_embedding_over_heads()
    {
        var info = Info(("block_count", 64L), ("attention.head_count", 40L), ("attention.head_count_kv", 8L), ("embedding_length", 5120L));
        Assert.Equal(64L * 4096 * 8 * (128 + 128) * 2, ModelMemoryEstimator.KvCacheBytes(4096, info));
    }

    [Fact]
    public void Per_layer_kv_head_arrays_use_the_largest()
    {
        var info = Info(("block_count", 2L), ("attention.head_count", 8L), ("attention.head_count_kv", "[2,4]"), ("attention.key_length", 64L));
        Assert.Equal(2L * 100 * 4 * 128 * 2, ModelMemoryEstimator.KvCacheBytes(100, info));
    }

    [Fact]
    public void Unknown_shape_gives_weights_only()
    {
        var estimate = ModelMemoryEstimator.Estimate(1000, 4096, new Dictionary<string, object?>());
        Assert.Null(estimate.KvCacheBytes);
        Assert.Equal(1000, estimate.TotalBytes);
    }

    [Fact]
    public void MemTotal_is_read_in_kilobytes()
    {
        Assert.Equal(49_152_000L * 1024, SystemPlatformFacts.ParseMemInfo("MemTotal:       49152000 kB\nMemFree:  1 kB\n"));
        Assert.Null(SystemPlatformFacts.ParseMemInfo("nothing here"));
    }

    [Fact]
    public void This_machine_reports_its_memory()
    {
        // The real platform implementation on the test machine (Linux in CI): /proc/meminfo must parse.
        Assert.True(new SystemPlatformFacts().TotalMemoryBytes > 0);
    }
}
