using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LocalModels.Platform;
using LocalModels.Results;
using LocalModels.Tests.Platform;
using LocalModels.Traces;
using Xunit;

namespace LocalModels.Tests.Results;

/// <summary>
/// ImportReadAhead hands out an import's files unchanged and in order, and asks for the next ones (each session with
/// its subagent transcripts) on a thread of its own, never more than its window ahead of the readers, within a byte
/// bound per session, and stops when the import does.
/// </summary>
public sealed class ImportReadAheadTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("localmodels-import-ahead-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Session(int index, int subagents = 0)
    {
        var path = Path.Combine(_root, $"s{index:D4}.jsonl");
        File.WriteAllText(path, "{}\n");
        if (subagents > 0)
        {
            var folder = Directory.CreateDirectory(Path.Combine(_root, $"s{index:D4}", "subagents")).FullName;
            for (var i = 0; i < subagents; i++) File.WriteAllText(Path.Combine(folder, $"agent-{i}.jsonl"), "{}\n");
        }
        return path;
    }

    /// <summary>Advice recorded, with how many files the reader had when each was given.</summary>
    private sealed class Recorder
    {
        public readonly ConcurrentQueue<(string File, long MaxBytes, int HandedOut)> Asked = new();
        public int HandedOut;
        public Func<string, long> Size = _ => 1000;

        public long Advise(string file, long maxBytes)
        {
            Asked.Enqueue((file, maxBytes, Volatile.Read(ref HandedOut)));
            return Math.Min(Size(file), maxBytes);
        }

        public void WaitFor(int count)
        {
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (Asked.Count < count && DateTime.UtcNow < deadline) Thread.Sleep(5);
        }
    }

    [Fact]
    public void Files_are_handed_out_in_order_and_each_session_is_asked_for_with_its_subagents()
    {
        var files = Enumerable.Range(0, 100).Select(i => Session(i, subagents: i % 10 == 0 ? 2 : 0)).ToList();
        var recorder = new Recorder();
        using var readAhead = new ImportReadAhead(new FolderContents(), recorder.Advise);

        var handed = new List<string>();
        foreach (var file in readAhead.Follow(files))
        {
            handed.Add(file);
            Interlocked.Increment(ref recorder.HandedOut);
        }
        recorder.WaitFor(120);

        Assert.Equal(files, handed);
        var expected = files.SelectMany((file, i) => i % 10 == 0
            ? new[] { file, Path.Combine(_root, $"s{i:D4}", "subagents", "agent-0.jsonl"), Path.Combine(_root, $"s{i:D4}", "subagents", "agent-1.jsonl") }
            : new[] { file }).ToList();
        Assert.Equal(expected, recorder.Asked.Select(a => a.File).ToList());
    }

    [Fact]
    public void Advice_waits_for_a_first_read_that_waited_on_the_disk_then_asks_for_every_file_not_yet_handed_out()
    {
        var files = Enumerable.Range(0, 100).Select(i => Session(i)).ToList();
        var recorder = new Recorder();
        using var readAhead = new ImportReadAhead(new FolderContents(), recorder.Advise, untilDiskWaited: true);

        var handed = new List<string>();
        foreach (var file in readAhead.Follow(files))
        {
            handed.Add(file);
            Interlocked.Increment(ref recorder.HandedOut);
            if (handed.Count != 10) continue;
            // Ten files read from memory: nothing asked for, no thread, and each reader still watches its first read.
            Assert.Empty(recorder.Asked);
            Assert.False(readAhead.Started);
            Assert.NotNull(readAhead.FirstReadWatch);
            readAhead.DiskWaited();
            Assert.Null(readAhead.FirstReadWatch);
        }
        recorder.WaitFor(90);

        Assert.Equal(files, handed);
        Assert.Equal(files.Skip(10), recorder.Asked.Select(a => a.File));
    }

    [Fact]
    public void An_import_read_from_memory_starts_no_read_ahead_thread()
    {
        if (!CachedRead.IsSupported) return;
        for (var i = 0; i < 200; i++) Session(i);

        var seen = 0;
        foreach (var attempt in TraceImport.ImportAll(TraceImport.TraceFiles(_root), null))
        {
            Assert.Null(attempt.Error);
            if (++seen % 20 == 0) Assert.Equal(0, ReadAheadThreads());
        }
        Assert.Equal(200, seen);
    }

    [Fact]
    public void Advice_runs_at_most_its_window_ahead_of_the_files_handed_out()
    {
        var files = Enumerable.Range(0, 200).Select(i => Session(i)).ToList();
        var recorder = new Recorder();
        using var readAhead = new ImportReadAhead(new FolderContents(), recorder.Advise);

        foreach (var file in readAhead.Follow(files))
        {
            // A slow reader: the advice has time to run as far ahead as it may.
            Thread.Sleep(1);
            Interlocked.Increment(ref recorder.HandedOut);
        }
        recorder.WaitFor(200);

        var asked = recorder.Asked.ToList();
        Assert.Equal(200, asked.Count);
        foreach (var (file, _, handedOut) in asked)
            Assert.True(files.IndexOf(file) <= handedOut + ImportReadAhead.FilesAhead, $"{Path.GetFileName(file)} was asked for when {handedOut} files had been handed out.");
        // It does run ahead: some file was asked for well before the reader reached it.
        Assert.Contains(asked, a => files.IndexOf(a.File) >= a.HandedOut + ImportReadAhead.FilesAhead / 2);
    }

    [Fact]
    public void A_session_and_its_subagents_are_asked_for_within_the_byte_bound()
    {
        var files = new[] { Session(0, subagents: 6), Session(1) };
        var recorder = new Recorder { Size = _ => ImportReadAhead.MaxBytesPerSession / 2 };
        using var readAhead = new ImportReadAhead(new FolderContents(), recorder.Advise);

        Assert.Equal(files, readAhead.Follow(files).ToList());
        recorder.WaitFor(3);
        Thread.Sleep(100);

        var asked = recorder.Asked.ToList();
        // The session and its first subagent fill the bound (two halves); the other five are read unasked.
        Assert.Equal(new[] { "s0000.jsonl", "agent-0.jsonl", "s0001.jsonl" }, asked.Select(a => Path.GetFileName(a.File)));
        // Each is asked for what the bound leaves.
        Assert.Equal(new[] { ImportReadAhead.MaxBytesPerSession, ImportReadAhead.MaxBytesPerSession / 2, ImportReadAhead.MaxBytesPerSession }, asked.Select(a => a.MaxBytes));
    }

    [Fact]
    public void Advice_that_fails_changes_nothing_the_import_is_handed()
    {
        var files = Enumerable.Range(0, 50).Select(i => Session(i)).ToList();
        var calls = 0;
        using var readAhead = new ImportReadAhead(new FolderContents(), (_, _) =>
        {
            Interlocked.Increment(ref calls);
            throw new IOException("disk gone");
        });

        Assert.Equal(files, readAhead.Follow(files).ToList());
        // Each file is still asked for: one that fails stops nothing.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Volatile.Read(ref calls) < files.Count && DateTime.UtcNow < deadline) Thread.Sleep(5);
        Assert.Equal(files.Count, Volatile.Read(ref calls));
    }

    [Fact]
    public void A_file_listed_twice_is_not_left_open()
    {
        if (!ReadAheadAdvice.IsSupported) return;
        var first = Session(0);
        var second = Session(1);
        var readAhead = new ImportReadAhead(new FolderContents(), untilDiskWaited: false);

        Assert.Equal(new[] { first, first, second }, readAhead.Follow(new[] { first, first, second }).ToList());
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!OpenFiles().Contains(second) && DateTime.UtcNow < deadline) Thread.Sleep(5);
        readAhead.Dispose();
        Assert.True(readAhead.WaitForEnd(TimeSpan.FromSeconds(10)));

        Assert.Equal(0, OpenFilesUnder(_root));
    }

    [Fact]
    public void Stopping_the_import_ends_the_thread()
    {
        var files = Enumerable.Range(0, 500).Select(i => Session(i)).ToList();
        var recorder = new Recorder();
        var readAhead = new ImportReadAhead(new FolderContents(), recorder.Advise);

        Assert.Equal(files.Take(3), readAhead.Follow(files).Take(3));
        readAhead.Dispose();

        Assert.True(readAhead.WaitForEnd(TimeSpan.FromSeconds(10)), "The read-ahead thread was still running 10 s after the import stopped.");
        Assert.True(recorder.Asked.Count <= 3 + ImportReadAhead.FilesAhead, $"{recorder.Asked.Count} files asked for after 3 were read.");
    }

    [Fact]
    public void A_file_alone_starts_no_thread()
    {
        var recorder = new Recorder();
        var file = Session(0);
        using var readAhead = new ImportReadAhead(new FolderContents(), recorder.Advise);

        Assert.Equal(new[] { file }, readAhead.Follow(new[] { file }).ToList());

        Assert.False(readAhead.Started);
        Assert.Empty(recorder.Asked);
    }

    [Fact]
    public void Where_no_advice_can_be_given_files_pass_through_with_no_thread()
    {
        if (ReadAheadAdvice.IsSupported) return;
        var files = Enumerable.Range(0, 5).Select(i => Session(i)).ToList();
        using var readAhead = new ImportReadAhead(new FolderContents());

        Assert.False(readAhead.IsActive);
        Assert.Equal(files, readAhead.Follow(files).ToList());
    }

    [Fact]
    public void An_import_stopped_early_leaves_no_read_ahead_thread_running()
    {
        if (!OperatingSystem.IsLinux()) return;
        // On the disk only: the first file read waits for it, and the read-ahead starts.
        for (var i = 0; i < 200; i++) PageCache.WriteOnDiskOnly(Path.Combine(_root, $"s{i:D4}.jsonl"), "{}\n"u8.ToArray());

        using (var attempts = TraceImport.ImportAll(TraceImport.TraceFiles(_root), null).GetEnumerator())
        {
            Assert.True(attempts.MoveNext());
            var started = DateTime.UtcNow.AddSeconds(10);
            while (ReadAheadThreads() == 0 && DateTime.UtcNow < started) attempts.MoveNext();
            Assert.True(ReadAheadThreads() > 0, "The read-ahead never started: the first read found the files in memory.");
        }

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (ReadAheadThreads() > 0 && DateTime.UtcNow < deadline) Thread.Sleep(10);
        Assert.Equal(0, ReadAheadThreads());
    }

    [Fact]
    public void Files_opened_ahead_are_handed_to_their_readers_and_the_rest_closed()
    {
        if (!ReadAheadAdvice.IsSupported) return;
        var files = Enumerable.Range(0, 60).Select(i =>
        {
            var path = Path.Combine(_root, $"s{i:D4}.jsonl");
            File.WriteAllText(path, $"{{\"line\":{i}}}\n");
            return path;
        }).ToList();
        var readAhead = new ImportReadAhead(new FolderContents(), untilDiskWaited: false);

        var takenOpen = 0;
        foreach (var file in readAhead.Follow(files).Take(40))
        {
            // A slow reader: the thread opens the files ahead of it.
            Thread.Sleep(5);
            using var stream = readAhead.TakeOpened(file);
            if (stream is null) continue;
            takenOpen++;
            Assert.Equal(File.ReadAllText(file), new StreamReader(stream).ReadToEnd());
        }

        Assert.True(takenOpen >= 20, $"Only {takenOpen} of 40 files were handed over open.");
        // Files 40 to 59 were opened for readers that never came: the import's end closes them.
        Assert.NotEqual(0, OpenFilesUnder(_root));
        readAhead.Dispose();
        Assert.True(readAhead.WaitForEnd(TimeSpan.FromSeconds(10)));
        Assert.Equal(0, OpenFilesUnder(_root));
    }

    [Fact]
    public void A_session_read_from_files_opened_ahead_is_the_session_read_the_usual_way()
    {
        if (!ReadAheadAdvice.IsSupported) return;
        var sessions = Enumerable.Range(0, 3).Select(i =>
        {
            var session = Path.Combine(_root, $"s{i}.jsonl");
            File.WriteAllLines(session, new[] { TranscriptLines.SessionLine });
            var subagents = Directory.CreateDirectory(Path.Combine(_root, $"s{i}", "subagents")).FullName;
            File.WriteAllLines(Path.Combine(subagents, "agent-a.jsonl"), new[] { TranscriptLines.SubagentLine("a", $"t{i}a") });
            File.WriteAllLines(Path.Combine(subagents, "agent-b.jsonl"), new[] { TranscriptLines.SubagentLine("b", $"t{i}b") });
            return session;
        }).ToList();
        var folders = new FolderContents();
        using var readAhead = new ImportReadAhead(folders, untilDiskWaited: false);
        var handed = readAhead.Follow(sessions).ToList();
        // All nine files opened ahead before any is read.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (OpenFilesUnder(_root) < 9 && DateTime.UtcNow < deadline) Thread.Sleep(10);
        Assert.Equal(9, OpenFilesUnder(_root));

        foreach (var session in handed)
        {
            using var stream = readAhead.TakeOpened(session);
            Assert.NotNull(stream);
            var ahead = TraceFile.Read(session, stream, "CLAUDE.md", folders, null, CancellationToken.None, readAhead.Take)!;
            var usual = TraceFile.Read(session);

            Assert.Equal(usual.ToolCalls.Select(call => call.Id), ahead.ToolCalls.Select(call => call.Id));
            Assert.Equal(2, ahead.ToolCalls.Count);
            Assert.Equal(usual.TotalLines, ahead.TotalLines);
        }
        // Every file was taken by its reader, and closed by it.
        Assert.Equal(0, OpenFilesUnder(_root));
    }

    [Fact]
    public void A_file_its_reader_opened_first_is_not_kept_open_by_the_thread()
    {
        if (!ReadAheadAdvice.IsSupported) return;
        var files = Enumerable.Range(0, 300).Select(i => Session(i)).ToList();
        using var readAhead = new ImportReadAhead(new FolderContents(), untilDiskWaited: false);

        // A fast reader: it comes for most files before the thread has opened them, and opens them itself.
        foreach (var file in readAhead.Follow(files)) readAhead.TakeOpened(file)?.Dispose();

        // Once the thread has been through every file, none is left open: each was taken, or passed and then left alone.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (OpenFilesUnder(_root) > 0 && DateTime.UtcNow < deadline) Thread.Sleep(10);
        Assert.Equal(0, OpenFilesUnder(_root));
    }

    [Fact]
    public void A_session_of_thousands_of_subagents_holds_no_more_files_open_than_the_bound()
    {
        if (!ReadAheadAdvice.IsSupported) return;
        var files = new[] { Session(0, subagents: 1000), Session(1) };
        using var readAhead = new ImportReadAhead(new FolderContents(), untilDiskWaited: false);

        // Handed out, but its reader does not come: the thread opens what it may and stops there.
        Assert.Equal(files, readAhead.Follow(files).ToList());
        var most = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(1))
        {
            most = Math.Max(most, OpenFilesUnder(_root));
            Thread.Sleep(10);
        }

        Assert.InRange(most, 1, ImportReadAhead.MaxHeldOpen);
    }

    [Fact]
    public async Task A_fifo_a_link_and_an_empty_file_are_left_to_their_readers()
    {
        if (!ReadAheadAdvice.IsSupported) return;
        var fifo = Path.Combine(_root, "pipe.jsonl");
        using (var mkfifo = Process.Start("mkfifo", fifo)) mkfifo!.WaitForExit();
        Assert.True(File.Exists(fifo), $"mkfifo made no {fifo}");
        var target = Session(1);
        var link = Path.Combine(_root, "link.jsonl");
        File.CreateSymbolicLink(link, target);
        var empty = Path.Combine(_root, "empty.jsonl");
        File.WriteAllBytes(empty, Array.Empty<byte>());
        var files = new[] { fifo, link, empty, target };
        using var readAhead = new ImportReadAhead(new FolderContents(), untilDiskWaited: false);

        var handed = await TimeBound.Within(TimeSpan.FromSeconds(10), "Read-ahead over a FIFO", () =>
        {
            var list = readAhead.Follow(files).ToList();
            // Time for the thread to reach the last file.
            var deadline = DateTime.UtcNow.AddSeconds(5);
            while (OpenFilesUnder(_root) == 0 && DateTime.UtcNow < deadline) Thread.Sleep(10);
            return list;
        });

        Assert.Equal(files, handed);
        Assert.Null(readAhead.TakeOpened(fifo));
        Assert.Null(readAhead.TakeOpened(link));
        Assert.Null(readAhead.TakeOpened(empty));
        using var opened = readAhead.TakeOpened(target);
        Assert.NotNull(opened);
    }

    /// <summary>How many of this process's descriptors are open on a file below <paramref name="folder"/> (Linux).</summary>
    private static int OpenFilesUnder(string folder) => OpenFiles().Count(file => file.StartsWith(folder + "/", StringComparison.Ordinal));

    /// <summary>The files this process's descriptors are open on (Linux).</summary>
    private static List<string> OpenFiles() =>
        Directory.GetFiles("/proc/self/fd").Select(fd =>
        {
            try
            {
                return File.ResolveLinkTarget(fd, returnFinalTarget: false)?.FullName ?? "";
            }
            catch (IOException)
            {
                return "";
            }
        }).ToList();

    /// <summary>This process's threads named as the read-ahead's is (Linux keeps 15 characters of a name).</summary>
    private static int ReadAheadThreads() =>
        Directory.GetDirectories("/proc/self/task").Count(task =>
        {
            try
            {
                return File.ReadAllText(Path.Combine(task, "comm")).Trim() == "LocalModels rea";
            }
            catch (IOException)
            {
                return false;
            }
        });
}
