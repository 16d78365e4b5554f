using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading;
using CliWrap.Builders;
using LocalModels.Claude;

namespace LocalModels.Claude;

/// <summary>
/// One headless Claude Code process (one attempt of a run). Background threads only read the pipes: stdout lines
/// are appended to the trace file as they arrive (flushed per line, so a crash loses nothing) and queued; the
/// caller's thread drains the queue with <see cref="Pump"/>, which is where progress and the trace reader live.
/// Stopping (timeout, Ctrl+C, a decisive live failure) kills the whole process tree.
/// </summary>
internal sealed class HeadlessClaudeProcess : IDisposable
{
    private const int StderrLimit = 64 * 1024;
    // How long the pipe is still read once claude has gone (killed, or ended with something holding its pipe open).
    private static readonly TimeSpan OutputGrace = TimeSpan.FromSeconds(5);
    private readonly Process _process;
    private readonly BlockingCollection<string> _lines = new();
    private readonly StringBuilder _stderr = new();
    private readonly StreamWriter _trace;
    private readonly Thread _stdoutReader;
    private readonly Thread _stderrReader;

    private HeadlessClaudeProcess(Process process, StreamWriter trace)
    {
        _process = process;
        _trace = trace;
        _stdoutReader = new Thread(ReadStdout) { IsBackground = true, Name = "claude stdout" };
        _stderrReader = new Thread(ReadStderr) { IsBackground = true, Name = "claude stderr" };
        _stdoutReader.Start();
        _stderrReader.Start();
    }

    public int ProcessId => _process.Id;

    /// <summary>Windows: puts claude into the run's job object, so everything it starts ends with the job.</summary>
    public void JoinJob(WindowsJob? job) => job?.Assign(_process);

    /// <summary>Ids of every process this attempt started that were seen alive (the tree at kill time).</summary>
    public IReadOnlyList<int> KilledProcessIds { get; private set; } = Array.Empty<int>();

    public string StandardError
    {
        get { lock (_stderr) return _stderr.ToString(); }
    }

    /// <summary>Starts claude with stdin closed (so -p never waits for piped input) and stdout/stderr captured.</summary>
    public static HeadlessClaudeProcess Start(string claudePath, IReadOnlyList<string> arguments, string workingDirectory,
        ClaudeEnvironment environment, string tracePath)
    {
        var startInfo = new ProcessStartInfo(claudePath)
        {
            // CliWrap's builder quotes each argument the way .NET splits them, as every launch of claude does.
            Arguments = new ArgumentsBuilder().Add(arguments).Build(),
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = new UTF8Encoding(false),
            StandardErrorEncoding = new UTF8Encoding(false),
            CreateNoWindow = true,
        };
        environment.ApplyTo(startInfo);
        var trace = new StreamWriter(new FileStream(tracePath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite), new UTF8Encoding(false));
        Process process;
        try
        {
            process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {claudePath}.");
        }
        catch
        {
            trace.Dispose();
            throw;
        }
        process.StandardInput.Close();
        return new HeadlessClaudeProcess(process, trace);
    }

    /// <summary>
    /// Drains output on the calling thread until the process ends: <paramref name="onLine"/> gets each line,
    /// <paramref name="onIdle"/> runs about every 200 ms and returns true to stop (kill) the process.
    /// </summary>
    public void Pump(Action<string, DateTimeOffset> onLine, Func<bool> onIdle)
    {
        var killed = false;
        var lastIdle = DateTime.UtcNow;
        DateTime? goneAt = null;
        while (!_lines.IsCompleted)
        {
            if (_lines.TryTake(out var line, 200)) onLine(line, DateTimeOffset.UtcNow);
            if (DateTime.UtcNow - lastIdle < TimeSpan.FromMilliseconds(200) && !_lines.IsCompleted) continue;
            lastIdle = DateTime.UtcNow;
            if (!killed && onIdle())
            {
                Kill();
                killed = true;
            }
            // Claude has ended (killed, or by itself) but the pipe is still open: a process outside our tree holds it
            // (something claude or a tool call left behind, even detached, can reopen it). What claude wrote is read
            // within moments; the holder must not hold the run, nor feed it lines, and the caller's sweep ends it.
            if (goneAt is null && (killed || ExitCode is not null)) goneAt = DateTime.UtcNow;
            if (goneAt is not null && DateTime.UtcNow - goneAt > OutputGrace)
            {
                // What was read already is the run's, however far behind this thread is; what comes later is not waited for.
                for (var left = _lines.Count; left > 0 && _lines.TryTake(out var queued); left--) onLine(queued, DateTimeOffset.UtcNow);
                break;
            }
        }
        if (!_process.WaitForExit(killed ? 5000 : 30000)) Kill();
        _stderrReader.Join(2000);
    }

    public int? ExitCode
    {
        get
        {
            try { return _process.HasExited ? _process.ExitCode : null; }
            catch (InvalidOperationException) { return null; }
        }
    }

    /// <summary>True when the module had to kill claude (it had not ended by itself).</summary>
    public bool WasKilled { get; private set; }

    public void Kill()
    {
        KilledProcessIds = ProcessTree.Kill(_process);
        if (KilledProcessIds.Count > 0) WasKilled = true;
    }

    public void Dispose()
    {
        if (ExitCode is null) Kill();
        _stdoutReader.Join(2000);
        lock (_trace) _trace.Dispose();
        _process.Dispose();
    }

    private void ReadStdout()
    {
        try
        {
            string? line;
            while ((line = _process.StandardOutput.ReadLine()) is not null)
            {
                lock (_trace)
                {
                    _trace.WriteLine(line);
                    _trace.Flush();
                }
                _lines.Add(line);
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException)
        {
            // Pipe closed by a kill: the lines read so far are already on disk.
        }
        finally
        {
            _lines.CompleteAdding();
        }
        // (BlockingCollection is never disposed: a late reader thread may still complete it.)
    }

    private void ReadStderr()
    {
        try
        {
            string? line;
            while ((line = _process.StandardError.ReadLine()) is not null)
            {
                lock (_stderr)
                {
                    if (_stderr.Length < StderrLimit) _stderr.AppendLine(line);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException)
        {
        }
    }
}
