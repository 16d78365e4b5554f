using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LocalModels.Results;
using Xunit;

namespace LocalModels.Tests.Results;

public sealed class ImportFootprintTests
{
    private const long Window = ImportFootprint.WindowBytes;

    /// <summary>A footprint whose generation 0 is collected only when it collects (a forced collection counts as one).</summary>
    private static ImportFootprint Footprint(Action collect)
    {
        var young = 0;
        return new ImportFootprint(() =>
        {
            collect();
            Interlocked.Increment(ref young);
        }, () => Volatile.Read(ref young));
    }

    [Fact]
    public void Collects_once_each_time_a_window_of_trace_is_read()
    {
        var collections = 0;
        var footprint = Footprint(() => collections++);

        footprint.AfterReading(Window - 1);
        Assert.Equal(0, collections);
        footprint.AfterReading(1);
        Assert.Equal(1, collections);
        footprint.AfterReading(Window / 2);
        Assert.Equal(1, collections);
        footprint.AfterReading(Window / 2);
        Assert.Equal(2, collections);
        footprint.AfterReading(0);
        Assert.Equal(2, collections);
    }

    [Fact]
    public void A_file_larger_than_a_window_carries_its_excess_to_the_next_files()
    {
        var collections = 0;
        var footprint = Footprint(() => collections++);

        footprint.AfterReading(Window * 3 / 2);
        Assert.Equal(1, collections);
        footprint.AfterReading(Window / 2);
        Assert.Equal(2, collections);
    }

    [Fact]
    public async Task Threads_reading_at_once_collect_exactly_once_per_window()
    {
        var collections = 0;
        var footprint = Footprint(() => Interlocked.Increment(ref collections));
        const int threads = 8, filesEach = 1024;

        await Task.WhenAll(Enumerable.Range(0, threads).Select(_ => Task.Run(() =>
        {
            for (var file = 0; file < filesEach; file++) footprint.AfterReading(Window / 128);
        })));

        Assert.Equal(threads * filesEach / 128, collections);
    }

    [Fact]
    public void A_window_in_which_dotnet_collected_generation_0_itself_is_not_collected_again()
    {
        var forced = 0;
        var young = 0;
        var footprint = new ImportFootprint(() =>
        {
            forced++;
            young++;
        }, () => young);

        footprint.AfterReading(Window / 2);
        young++; // .NET's own collection, its budget filled
        footprint.AfterReading(Window / 2);
        Assert.Equal(0, forced);
        footprint.AfterReading(Window);
        Assert.Equal(1, forced);
        young += 3;
        footprint.AfterReading(Window);
        Assert.Equal(1, forced);
        footprint.AfterReading(Window);
        Assert.Equal(2, forced);
    }
}
