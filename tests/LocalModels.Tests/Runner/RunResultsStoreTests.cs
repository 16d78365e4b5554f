using System;
using System.IO;
using System.Linq;
using LocalModels.Classification;
using Xunit;
using LocalModels.Ollama;
using LocalModels.Results;

namespace LocalModels.Tests.Runner;

public sealed class RunResultsStoreTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("lm-store-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Runs_are_appended_to_jsonl_and_csv_with_one_header_and_read_back_for_resume()
    {
        var store = new RunResultsStore(_directory);
        store.Append(new ModelRun { RunId = "a", Model = "m1", Task = "Init", Repetition = 1, ContextLength = 65536, Duration = TimeSpan.FromSeconds(3), Outcome = RunOutcome.Success, ToolSequence = "Bash → Write", Evidence = "said \"hi\", twice" });
        store.Append(new ModelRun { RunId = "b", Model = "m1", Task = "Init", Repetition = 2, Outcome = RunOutcome.Failed });
        File.AppendAllText(store.JsonLinesPath, "{\"RunId\":\"torn"); // a crash mid-write

        var runs = store.ReadRuns();
        Assert.Equal(new[] { "a", "b" }, runs.Select(r => r.RunId));
        Assert.Equal(RunOutcome.Success, runs[0].Outcome);
        Assert.Equal(TimeSpan.FromSeconds(3), runs[0].Duration);
        Assert.Equal("Bash → Write", runs[0].ToolSequence);

        var csv = File.ReadAllLines(store.CsvPath);
        Assert.Equal(3, csv.Length);
        Assert.StartsWith("\"RunId\",\"Model\",\"Task\"", csv[0]);
        Assert.Contains("\"said \"\"hi\"\", twice\"", csv[1]);
        Assert.Contains("\"00:00:03\"", csv[1]);
        Assert.Equal(RunKey.Of(runs[1]), new RunKey("M1", "init", "", null, 2));
    }
}
