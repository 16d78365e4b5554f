using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using LocalModels.Platform;
using LocalModels.Results;
using LocalModels.Tests.Hosting;
using LocalModels.Traces;
using LocalModels.Verification;
using Xunit;

namespace LocalModels.Tests.Hostile;

/// <summary>
/// A folder being imported (a ~/.claude/projects copy, a run folder) or a repository being checked may hold FIFOs under
/// the names the module reads: a trace, a subagent transcript, a sidecar, a CLAUDE.md. Opening one blocks until
/// something writes to it. Each test waits a bounded time and then unblocks any reader itself, so it fails instead of
/// hanging when FIFOs are opened again.
/// </summary>
public sealed class HostileTranscriptFolderTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly string _root = Path.Combine(Path.GetTempPath(), "lm-fifo-" + Guid.NewGuid().ToString("N"));
    private readonly List<string> _fifos = new();

    public HostileTranscriptFolderTests() => Directory.CreateDirectory(_root);

    public void Dispose()
    {
        Unblock();
        try { Directory.Delete(_root, true); } catch (IOException) { }
    }

    [Fact]
    public async Task Importing_a_folder_with_fifos_named_as_traces_subagents_and_sidecars_finishes_and_judges_the_session_as_without_them()
    {
        var source = Path.Combine(RepositoryPaths.Samples, "transcripts", "stuck-on-subagent");
        var session = Directory.GetFiles(source, "*.jsonl").Single();
        var clean = TraceImport.Import(session, null).Run;
        var project = Path.Combine(_root, "projects", "-work-repo");
        CopyFolder(source, project);
        var copied = Path.Combine(project, Path.GetFileName(session));
        var subagents = Path.Combine(project, Path.GetFileNameWithoutExtension(session), "subagents");
        MakeFifo(Path.Combine(project, "pipe.jsonl"));
        MakeFifo(Path.Combine(subagents, "agent-fifo.jsonl"));
        MakeFifo(copied + RunSidecar.FileSuffix);

        var attempts = await Within(Task.Run(() => TraceImport.ImportAll(TraceImport.TraceFiles(_root), null).ToList()), "Import-ModelRun's core blocked on a FIFO.");

        Assert.Equal(2, attempts.Count);
        Assert.All(attempts, attempt => Assert.Null(attempt.Error));
        var fifoTrace = attempts.Single(attempt => attempt.Path.EndsWith("pipe.jsonl", StringComparison.Ordinal));
        Assert.Equal(TraceFormat.Unknown, fifoTrace.Trace!.Format);
        Assert.Equal(0, fifoTrace.Trace.TotalLines);
        var judged = attempts.Single(attempt => attempt.Path == copied).Run!;
        Assert.Equal(clean.FailureMode, judged.FailureMode);
        Assert.Equal(clean.ToolCalls, judged.ToolCalls);
        Assert.Equal(clean.Turns, judged.Turns);
    }

    [Fact]
    public async Task The_cmdlet_warns_that_a_fifo_named_as_a_trace_is_not_one_and_goes_on()
    {
        var folder = Path.Combine(_root, "runs");
        Directory.CreateDirectory(folder);
        File.Copy(Path.Combine(RepositoryPaths.Samples, "basic_glob_read_write.stream.jsonl"), Path.Combine(folder, "run.stream.jsonl"));
        MakeFifo(Path.Combine(folder, "pipe.jsonl"));
        using var session = new PowerShellSession();

        var result = await Within(Task.Run(() => session.Run("Import-ModelRun -LiteralPath $args[0]", folder)), "Import-ModelRun blocked on a FIFO.");

        Assert.Single(result.Output);
        Assert.Contains(result.Warnings, warning => warning.Contains("pipe.jsonl", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_fifo_left_as_the_deliverable_or_named_by_it_is_verified_as_empty_without_blocking()
    {
        var repository = Path.Combine(_root, "repo");
        Directory.CreateDirectory(repository);
        File.WriteAllText(Path.Combine(repository, "README.md"), "# Sample\n");
        MakeFifo(Path.Combine(repository, "CLAUDE.md"));
        MakeFifo(Path.Combine(repository, "package.json"));

        var verified = await Within(Task.Run(() => DeliverableVerifier.Verify(Path.Combine(repository, "CLAUDE.md"), repository)), "Verifying a FIFO deliverable blocked.");
        await Within(Task.Run(() => DeliverableVerifier.VerifyContent("# Repo\n\nRun `npm test` (scripts in `package.json`).\n", repository, "CLAUDE.md")), "Checking a claim about a FIFO blocked.");

        Assert.True(verified.Exists);
        Assert.Equal(0, verified.Lines);
    }

    [Fact]
    public async Task A_file_by_a_read_name_costs_at_most_the_bound_however_large_it_is()
    {
        var large = Path.Combine(_root, "large.meta.json");
        using (var stream = new FileStream(large, FileMode.Create)) stream.SetLength(64L * 1024 * 1024); // sparse: no disk used
        var fifo = Path.Combine(_root, "fifo.json");
        MakeFifo(fifo);

        var text = ContentFile.ReadText(large, 1024, out var truncated);
        var fromFifo = await Within(Task.Run(() => ContentFile.ReadText(fifo, 1024, out _)), "Reading a FIFO blocked.");

        Assert.Equal(1024, text.Length);
        Assert.True(truncated);
        Assert.Equal("", fromFifo);
        Assert.Throws<System.IO.InvalidDataException>(() => RunSidecar.Read(large));
    }

    /// <summary>
    /// The work's result, or, once <see cref="Patience"/> has passed, a failed assertion after letting any blocked reader
    /// through, so the work can end and nothing waiting on it (a PowerShell session's disposal) hangs.
    /// </summary>
    private async Task<T> Within<T>(Task<T> work, string blocked)
    {
        if (await Task.WhenAny(work, Task.Delay(Patience)) != work)
        {
            Unblock();
            await Task.WhenAny(work, Task.Delay(Patience));
            Assert.Fail(blocked);
        }
        return await work;
    }

    private void MakeFifo(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (var mkfifo = Process.Start("mkfifo", path)) mkfifo!.WaitForExit();
        Assert.True(File.Exists(path), $"mkfifo made no {path}");
        _fifos.Add(path);
    }

    /// <summary>
    /// Opens each FIFO for reading and writing, which never blocks, and closes it at once: a reader blocked in open()
    /// is let through and gets end of file, so a failed test leaves no thread stuck.
    /// </summary>
    private void Unblock()
    {
        foreach (var fifo in _fifos)
        {
            try
            {
                using var _ = new FileStream(fifo, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
            }
            catch (IOException)
            {
            }
        }
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var directory in Directory.GetDirectories(from)) CopyFolder(directory, Path.Combine(to, Path.GetFileName(directory)));
    }
}
