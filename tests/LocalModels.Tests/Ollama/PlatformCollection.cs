using System;
using LocalModels.Platform;
using Xunit;

namespace LocalModels.Tests.Ollama;

/// <summary>
/// Tests that swap the module's process-wide <see cref="PlatformFacts.Current"/> (the hosted module shares this
/// assembly) run alone, after the parallel ones, so no other test sees the fake machine.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PlatformCollection
{
    public const string Name = "Swaps PlatformFacts.Current";
}

/// <summary>Installs a fake machine for the duration of a test and puts the real one back.</summary>
public sealed class FakePlatformScope : IDisposable
{
    public FakePlatformScope(PlatformOS os = PlatformOS.MacOS)
    {
        Platform = new FakePlatform(os);
        PlatformFacts.Current = Platform;
    }

    public FakePlatform Platform { get; }

    public void Dispose()
    {
        PlatformFacts.Reset();
        Platform.Dispose();
    }
}
