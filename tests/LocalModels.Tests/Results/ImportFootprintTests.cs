using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LocalModels.Results;
using Xunit;

namespace LocalModels.Tests.Results;

public sealed class ImportFootprintTests
{
    private const long Window = ImportFootprint.WindowBytes;

    [Fact]
    public void Collects_once_each_time_a_window_of_trace_is_read()
    {
        var collections = 0;
        var footprint = new ImportFootprint(() => collections++);

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
        var footprint = new ImportFootprint(() => collections++);

        footprint.AfterReading(Window * 3 / 2);
        Assert.Equal(1, collections);
        footprint.AfterReading(Window / 2);
        Assert.Equal(2, collections);
    }

    [Fact]
    public async Task Threads_reading_at_once_collect_exactly_once_per_window()
    {
        var collections = 0;
        var footprint = new ImportFootprint(() => Interlocked.Increment(ref collections));
        const int threads = 8, filesEach = 1024;

        await Task.WhenAll(Enumerable.Range(0, threads).Select(_ => Task.Run(() =>
        {
            for (var file = 0; file < filesEach; file++) footprint.AfterReading(Window / 128);
        })));

        Assert.Equal(threads * filesEach / 128, collections);
    }
}
