using System;
using System.Threading.Tasks;
using Xunit;

namespace LocalModels.Tests;

/// <summary>Work that a hostile input could make endless, run so that the test fails cleanly at a limit instead.</summary>
internal static class TimeBound
{
    /// <summary><paramref name="work"/>'s result, or a failed assertion naming <paramref name="what"/> once <paramref name="limit"/> has passed.</summary>
    public static async Task<T> Within<T>(TimeSpan limit, string what, Func<T> work)
    {
        var running = Task.Run(work);
        Assert.True(await Task.WhenAny(running, Task.Delay(limit)) == running, $"{what} did not finish within {limit.TotalSeconds:N0} s.");
        return await running;
    }
}
