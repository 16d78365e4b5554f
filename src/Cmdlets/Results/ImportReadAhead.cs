using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using LocalModels.Platform;
using LocalModels.Traces;

namespace LocalModels.Results;

/// <summary>
/// Keeps the disk a few files ahead of an import's reading threads. A ~/.claude/projects tree that is not in the page
/// cache (the first import of the day, or files the kernel has paged out since) is otherwise read as each thread asks
/// for its next block, each waiting on the disk in turn, with the cores idle meanwhile. As the import hands out a file,
/// a background thread asks the operating system (<see cref="ReadAheadAdvice"/>) for the files up to
/// <see cref="FilesAhead"/> beyond it, each with its subagent transcripts, so their bytes are on their way while the
/// files before them are parsed. Files handed out are never held back: the advice only runs ahead of them.
/// </summary>
/// <remarks>
/// What is asked for at a time is bounded: <see cref="FilesAhead"/> sessions of at most <see cref="MaxBytesPerSession"/>
/// each (a session with thousands of subagent transcripts, or a file of gigabytes, is read the usual way past that).
/// Where no advice can be given (<see cref="ReadAheadAdvice.IsSupported"/>), no thread is started.
/// </remarks>
internal sealed class ImportReadAhead : IDisposable
{
    /// <summary>How many files beyond the last one handed out are asked for. 16 to 64 read a cold 1 GB corpus alike here.</summary>
    internal const int FilesAhead = 32;

    /// <summary>The most asked for one session file and its subagent transcripts together.</summary>
    internal const long MaxBytesPerSession = 8L * 1024 * 1024;

    private readonly Func<string, long, long> _advise;
    private readonly FolderContents? _folders;
    private readonly BlockingCollection<string> _next = new();
    private readonly CancellationTokenSource _stopped = new();
    private Thread? _thread;

    /// <param name="folders">The import's folder listings, where subagent transcripts are looked up.</param>
    /// <param name="advise">Asks for a file's first bytes and returns how many (tests watch it); <see cref="ReadAheadAdvice.Advise"/> by default.</param>
    public ImportReadAhead(FolderContents? folders, Func<string, long, long>? advise = null)
    {
        _folders = folders;
        _advise = advise ?? ReadAheadAdvice.Advise;
        IsActive = advise is not null || ReadAheadAdvice.IsSupported;
    }

    /// <summary>False where no advice can be given: <see cref="Follow"/> then hands out the files and nothing more.</summary>
    public bool IsActive { get; }

    /// <summary>
    /// <paramref name="files"/>, in their order, with the advice kept <see cref="FilesAhead"/> files ahead of the one
    /// handed out last. Enumerated once, by the import (several threads may ask for the next file, one at a time).
    /// </summary>
    public IEnumerable<string> Follow(IEnumerable<string> files)
    {
        if (!IsActive)
        {
            foreach (var file in files) yield return file;
            yield break;
        }
        var pending = new Queue<string>(FilesAhead + 1);
        using var source = files.GetEnumerator();
        while (true)
        {
            while (pending.Count <= FilesAhead && source.MoveNext())
            {
                pending.Enqueue(source.Current);
                Ask(source.Current);
            }
            if (pending.Count == 0) yield break;
            yield return pending.Dequeue();
        }
    }

    private void Ask(string file)
    {
        if (_stopped.IsCancellationRequested) return;
        if (_thread is null)
        {
            _thread = new Thread(AdviseInOrder) { IsBackground = true, Name = "LocalModels read-ahead" };
            _thread.Start();
        }
        try
        {
            _next.Add(file);
        }
        catch (InvalidOperationException)
        {
            // Stopped meanwhile: the file is read without advice.
        }
    }

    private void AdviseInOrder()
    {
        try
        {
            foreach (var file in _next.GetConsumingEnumerable(_stopped.Token))
            {
                var asked = _advise(file, MaxBytesPerSession);
                // Subagent transcripts are read with their session, right after it.
                foreach (var subagent in TraceFile.SubagentFiles(file, _folders))
                {
                    if (asked >= MaxBytesPerSession || _stopped.IsCancellationRequested) break;
                    asked += _advise(subagent, MaxBytesPerSession - asked);
                }
            }
        }
        catch (Exception)
        {
            // Only advice: stopped, or a folder that changed under the lookup. The import reads every file regardless.
        }
    }

    /// <summary>Stops the advice: files not yet asked for are read the usual way. The thread ends after its current file.</summary>
    public void Dispose()
    {
        _stopped.Cancel();
        _next.CompleteAdding();
    }

    /// <summary>Waits up to <paramref name="timeout"/> for the thread to end (tests: nothing is left running).</summary>
    internal bool WaitForEnd(TimeSpan timeout) => _thread?.Join(timeout) ?? true;
}
