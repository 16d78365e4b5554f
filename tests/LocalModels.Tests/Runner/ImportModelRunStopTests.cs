using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using LocalModels.Tests.Hosting;
using Xunit;

namespace LocalModels.Tests.Runner;

/// <summary>Ctrl+C during Import-ModelRun: the command stops at once, and the runs it already emitted stay.</summary>
public sealed class ImportModelRunStopTests : IDisposable
{
    private const int Sessions = 300;
    private readonly string _folder = Directory.CreateTempSubdirectory("localmodels-import-stop-").FullName;

    public ImportModelRunStopTests()
    {
        // About 30 MB: 300 sessions in ten project folders, each a copy of a real transcript.
        var sample = Directory.GetFiles(Path.Combine(RepositoryPaths.Samples, "transcripts", "explorer"), "*.jsonl").First();
        for (var i = 0; i < Sessions; i++)
        {
            var project = Directory.CreateDirectory(Path.Combine(_folder, $"project{i % 10}")).FullName;
            File.Copy(sample, Path.Combine(project, $"{Guid.NewGuid()}.jsonl"));
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Stopping_an_import_returns_promptly_and_keeps_the_runs_already_emitted()
    {
        using var pipeline = new StoppablePipeline();
        var output = new PSDataCollection<PSObject>();
        // A slow consumer, as a person's pipeline can be: the import is stopped long before it could finish.
        var running = pipeline.Start("Import-ModelRun -LiteralPath $args[0] | ForEach-Object { $_; Start-Sleep -Milliseconds 50 }", output, _folder);

        var started = DateTime.UtcNow;
        while (output.Count < 3 && !running.IsCompleted && DateTime.UtcNow - started < TimeSpan.FromSeconds(60)) await Task.Delay(10);
        Assert.True(output.Count >= 3, $"only {output.Count} run(s) came out in 60 s");
        pipeline.Stop();

        var stopped = await Task.WhenAny(running, Task.Delay(TimeSpan.FromSeconds(15)));
        Assert.True(stopped == running, "Import-ModelRun did not stop within 15 s of Ctrl+C");
        await Assert.ThrowsAsync<PipelineStoppedException>(() => running);
        Assert.InRange(output.Count, 3, Sessions - 1);
        Assert.All(output, run => Assert.IsType<ModelRun>(run.BaseObject));
    }
}
