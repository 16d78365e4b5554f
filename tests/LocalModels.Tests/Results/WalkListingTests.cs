using System;
using System.IO;
using System.Linq;
using System.Threading;
using LocalModels.Platform;
using LocalModels.Results;
using LocalModels.Traces;
using Xunit;

namespace LocalModels.Tests.Results;

/// <summary>
/// The walk of an imported folder keeps what each folder holds, and the import looks up beside each trace in that,
/// listing no folder twice: a session's subagents are the ones the walk saw, read only if they are still there and
/// still no links when the import comes to them.
/// </summary>
public sealed class WalkListingTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("localmodels-walk-listing-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Write(string relative, params string[] lines)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllLines(path, lines);
        return path;
    }

    [Fact]
    public void A_walked_folder_is_not_listed_again_and_its_files_are_known()
    {
        Write("project/s1.jsonl", TranscriptLines.SessionLine);
        Write("project/s1/subagents/agent-a.jsonl", TranscriptLines.SubagentLine("a", "t1"));
        var folders = new FolderContents();

        var files = TraceImport.TraceFiles(_root, folders, CancellationToken.None).ToList();
        Write("project/late.meta.json", "{}");

        Assert.Equal(new[] { Path.Combine(_root, "project", "s1.jsonl") }, files);
        Assert.Equal(new[] { "agent-a.jsonl" }, folders.ListedFiles(Path.Combine(_root, "project", "s1", "subagents")));
        Assert.True(folders.MightHold(Path.Combine(_root, "project", "s1"), isDirectory: true));
        // The walk's view stands for the import: a file written after it is not looked for.
        Assert.False(folders.MightHold(Path.Combine(_root, "project", "late.meta.json"), isDirectory: false));
    }

    [Fact]
    public void A_walk_stopped_early_leaves_every_folder_to_be_listed_when_asked()
    {
        Write("project/s1.jsonl", TranscriptLines.SessionLine);
        var folders = new FolderContents();

        using (var walk = TraceImport.TraceFiles(_root, folders, CancellationToken.None).GetEnumerator()) { }

        Assert.Null(folders.ListedFiles(Path.Combine(_root, "project")));
    }

    [Fact]
    public void The_subagents_the_walk_saw_are_read_with_their_session()
    {
        var session = Write("project/s1.jsonl", TranscriptLines.SessionLine);
        Write("project/s1/subagents/agent-a.jsonl", TranscriptLines.SubagentLine("a", "t1"));
        Write("project/s1/subagents/agent-b.jsonl", TranscriptLines.SubagentLine("b", "t2"));
        var folders = new FolderContents();
        TraceImport.TraceFiles(_root, folders, CancellationToken.None).ToList();
        // Listed by the walk, so no lookup finds this one.
        Write("project/s1/subagents/agent-late.jsonl", TranscriptLines.SubagentLine("late", "t3"));

        var trace = ReadSession(session, folders);

        Assert.Equal(new[] { "t1", "t2" }, trace.ToolCalls.Select(call => call.Id));
        Assert.Equal(new[] { "t1", "t2", "t3" }, ReadSession(session, new FolderContents()).ToolCalls.Select(call => call.Id));
    }

    [Fact]
    public void A_session_named_without_its_folder_finds_its_subagents_by_lookup()
    {
        Write("project/s1.jsonl", TranscriptLines.SessionLine);
        Write("project/s1/subagents/agent-a.jsonl", TranscriptLines.SubagentLine("a", "t1"));
        var before = Environment.CurrentDirectory;
        try
        {
            Environment.CurrentDirectory = Path.Combine(_root, "project");
            Assert.Equal(new[] { Path.Combine("s1", "subagents", "agent-a.jsonl") }, TraceFile.SubagentFiles("s1.jsonl", new FolderContents()));
        }
        finally
        {
            Environment.CurrentDirectory = before;
        }
    }

    [Fact]
    public void A_subagent_file_removed_after_the_walk_is_left_out_and_the_session_is_read()
    {
        var session = Write("project/s1.jsonl", TranscriptLines.SessionLine);
        Write("project/s1/subagents/agent-a.jsonl", TranscriptLines.SubagentLine("a", "t1"));
        var removed = Write("project/s1/subagents/agent-b.jsonl", TranscriptLines.SubagentLine("b", "t2"));
        var folders = new FolderContents();
        TraceImport.TraceFiles(_root, folders, CancellationToken.None).ToList();
        File.Delete(removed);

        var trace = ReadSession(session, folders);

        Assert.Equal("s1", trace.SessionId);
        Assert.Equal(new[] { "t1" }, trace.ToolCalls.Select(call => call.Id));
    }

    [Fact]
    public void A_subagent_file_made_a_link_after_the_walk_is_not_read()
    {
        if (OperatingSystem.IsWindows()) return;
        var session = Write("project/s1.jsonl", TranscriptLines.SessionLine);
        var swapped = Write("project/s1/subagents/agent-a.jsonl", TranscriptLines.SubagentLine("a", "t1"));
        // Outside the imported folder: what a link swapped in mid-import would lead to.
        var elsewhere = Directory.CreateTempSubdirectory("localmodels-walk-listing-outside-").FullName;
        try
        {
            File.WriteAllLines(Path.Combine(elsewhere, "secret.jsonl"), new[] { TranscriptLines.SubagentLine("x", "t-secret") });
            var folders = new FolderContents();
            TraceImport.TraceFiles(_root, folders, CancellationToken.None).ToList();
            File.Delete(swapped);
            File.CreateSymbolicLink(swapped, Path.Combine(elsewhere, "secret.jsonl"));

            var trace = ReadSession(session, folders);

            Assert.Empty(trace.ToolCalls);
            Assert.Equal("s1", trace.SessionId);
        }
        finally
        {
            Directory.Delete(elsewhere, recursive: true);
        }
    }

    private static RunTrace ReadSession(string session, FolderContents folders)
    {
        using var stream = TraceFile.Open(session);
        return TraceFile.Read(session, stream, "CLAUDE.md", folders, readsFile: null, CancellationToken.None)!;
    }
}
