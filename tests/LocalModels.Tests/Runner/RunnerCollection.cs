using Xunit;

namespace LocalModels.Tests.Runner;

/// <summary>
/// Runner tests change the test process's environment (fake cloud credentials) and start real Claude Code
/// processes: they run one at a time, apart from other collections.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunnerCollection
{
    public const string Name = "Runner";
}
