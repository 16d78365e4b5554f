using System;
using System.IO;
using System.Linq;
using System.Threading;
using LocalModels.Results;
using Xunit;

namespace LocalModels.Tests.Results;

/// <summary>The folder walk behind Import-ModelRun: which files, in which order, and that Ctrl+C stops it.</summary>
public sealed class TraceFilesTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("localmodels-walk-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Touch(string relative)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "{}\n");
        return path;
    }

    [Fact]
    public void Files_nearer_the_folder_come_first_then_by_path_without_subagents_or_links()
    {
        var top = Touch("run.stream.jsonl");
        var sessions = Enumerable.Range(0, 12).Select(i => Touch($"project{i % 4}/session{i:D2}.jsonl")).ToList();
        var deeper = Touch("project1/run.claude/projects/p/s.jsonl");
        Touch("project1/session01/subagents/agent-a.jsonl");
        Touch("project2/notes.txt");
        Directory.CreateSymbolicLink(Path.Combine(_root, "project0", "up"), "..");
        File.CreateSymbolicLink(Path.Combine(_root, "project3", "linked.jsonl"), top);

        var files = TraceImport.TraceFiles(_root).ToList();

        var expected = new[] { top }.Concat(sessions.OrderBy(p => p, StringComparer.Ordinal)).Append(deeper).ToList();
        Assert.Equal(expected, files);
    }

    [Fact]
    public void A_cancelled_walk_stops_with_OperationCanceledException()
    {
        for (var i = 0; i < 8; i++) Touch($"project{i}/deep/er/session.jsonl");
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => TraceImport.TraceFiles(_root, cancelled.Token).ToList());
    }
}
