using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using LocalModels.Platform;
using LocalModels.Traces;

namespace LocalModels.Results;

/// <summary>
/// Keeps the disk a few files ahead of an import's reading threads. A ~/.claude/projects tree that is not in the page
/// cache (the first import of the day, or files the kernel has paged out since) is otherwise read as each thread asks
/// for its next block, each waiting on the disk in turn, with the cores idle meanwhile. As the import hands out a file,
/// a background thread opens the files up to <see cref="FilesAhead"/> beyond it, each session with its subagent
/// transcripts, and asks the operating system for their bytes (<see cref="ReadAheadAdvice"/>), so they are on their way
/// while the files before them are parsed. The reading threads then take those files open (<see cref="TakeOpened"/>)
/// instead of opening them again, so the advice costs no open of its own. Files handed out are never held back.
/// Where a read can be kept from waiting (<see cref="CachedRead"/>), all this starts only once a file's first read
/// found its bytes on the disk (<see cref="DiskWaited"/>): a tree read from memory (imported again, or written minutes
/// ago) is read with no thread, open or advice of this class's own.
/// </summary>
/// <remarks>
/// What is asked for at a time is bounded: <see cref="FilesAhead"/> sessions of at most <see cref="MaxBytesPerSession"/>
/// each (a session with thousands of subagent transcripts, or a file of gigabytes, is read the usual way past that),
/// and at most <see cref="MaxHeldOpen"/> files held open. Files are opened as the readers open them (<see cref="ContentFile.OpenRead"/>,
/// following no link): what cannot be opened so is left to the reader, which opens it as it always has. Where no
/// advice can be given (<see cref="ReadAheadAdvice.IsSupported"/>), no thread is started and nothing is opened.
/// </remarks>
internal sealed class ImportReadAhead : IDisposable
{
    /// <summary>How many files beyond the last one handed out are asked for. 16 to 64 read a cold 1 GB corpus alike here.</summary>
    internal const int FilesAhead = 32;

    /// <summary>The most asked for one session file and its subagent transcripts together.</summary>
    internal const long MaxBytesPerSession = 8L * 1024 * 1024;

    /// <summary>
    /// The most files held open for their readers at a time: a session of thousands of tiny subagent transcripts would
    /// otherwise hold a descriptor for each until its reader came, and the readers could run out of them.
    /// </summary>
    internal const int MaxHeldOpen = 64;

    /// <summary>
    /// Once the thread is <see cref="FilesAhead"/> files ahead, files are handed to it this many at a time: each
    /// hand-over wakes it (and the reading thread that hands over pays the wake-up), which costs more than advising a
    /// file. Handed over one by one, the thread spun as it waited for each: 0.63 s of CPU over the benchmark's
    /// gigabyte with one reading thread, against 0.28 s now.
    /// </summary>
    internal const int FilesPerHandOver = 8;

    /// <summary>Left by a reader that found no file opened for it: the thread, coming to it later, does not open it.</summary>
    private static readonly Stream Passed = Stream.Null;

    private readonly Func<string, long, long> _advise;
    private readonly FolderContents? _folders;
    private readonly BlockingCollection<string[]> _next = new();
    private readonly List<string> _notHandedOver = new(FilesPerHandOver);
    private readonly ConcurrentDictionary<string, Stream> _opened = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopped = new();
    private int _handedOver;
    private Thread? _thread;
    private string? _first;
    private int _heldOpen;
    private bool _awake;
    private volatile bool _diskWaited;

    /// <param name="folders">The import's folder listings, where subagent transcripts are looked up.</param>
    /// <param name="advise">
    /// Asks for a file's first bytes and returns how many (tests watch it; nothing is opened for the readers then);
    /// by default the file is opened, advised and kept for <see cref="TakeOpened"/>.
    /// </param>
    /// <param name="untilDiskWaited">
    /// Whether the advice waits for a first read that found its bytes on the disk (<see cref="DiskWaited"/>); by
    /// default where a read can tell (<see cref="CachedRead.IsSupported"/>) and the advice is the real one.
    /// </param>
    public ImportReadAhead(FolderContents? folders, Func<string, long, long>? advise = null, bool? untilDiskWaited = null)
    {
        _folders = folders;
        _advise = advise ?? OpenAndAdvise;
        IsActive = advise is not null || ReadAheadAdvice.IsSupported;
        _awake = !(untilDiskWaited ?? (advise is null && CachedRead.IsSupported));
        Take = TakeOpened;
        DiskWaited = () => _diskWaited = true;
    }

    /// <summary>
    /// Tells the advice that a reader's first read of a file waited for the disk: from the next file handed out on, the
    /// files not yet handed out are asked for. Made once; given to each file's first read (<see cref="FirstReadWatch"/>).
    /// </summary>
    public Action DiskWaited { get; }

    /// <summary>
    /// What a reader's first read of a file it opened itself should tell when it waits for the disk: <see
    /// cref="DiskWaited"/> while the advice waits for one, else null (nothing to watch).
    /// </summary>
    public Action? FirstReadWatch => IsActive && !Volatile.Read(ref _awake) && !_diskWaited ? DiskWaited : null;

    /// <summary><see cref="TakeOpened"/> as a delegate, made once for the import's readers rather than once per file.</summary>
    public Func<string, Stream?> Take { get; }

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
        var exhausted = false;
        var awake = Volatile.Read(ref _awake);
        while (true)
        {
            if (!awake && _diskWaited)
            {
                // Woken: the files not handed out yet are asked for now, in order, and every one after them as usual.
                awake = true;
                Volatile.Write(ref _awake, true);
                foreach (var file in pending) Ask(file);
                if (exhausted) HandOver();
            }
            while (pending.Count <= FilesAhead && !exhausted)
            {
                if (!source.MoveNext())
                {
                    // The last files go to the thread as they are, fewer than a hand-over's worth.
                    exhausted = true;
                    if (awake) HandOver();
                    break;
                }
                pending.Enqueue(source.Current);
                if (awake) Ask(source.Current);
            }
            if (pending.Count == 0) yield break;
            yield return pending.Dequeue();
        }
    }

    /// <summary>
    /// The file <paramref name="path"/> opened ahead, positioned at its start, for the caller to read and dispose; null
    /// when it was not (yet) opened, which tells the thread not to open it any more.
    /// </summary>
    public Stream? TakeOpened(string path)
    {
        if (!IsActive || !Volatile.Read(ref _awake)) return null;
        while (true)
        {
            if (_opened.TryRemove(path, out var stream)) return ReferenceEquals(stream, Passed) ? null : Released(stream);
            // Not there: marked passed, unless the thread put it there just now, and it is taken after all.
            if (_opened.TryAdd(path, Passed)) return null;
        }
    }

    private void Ask(string file)
    {
        if (_stopped.IsCancellationRequested) return;
        // A file alone has nothing to be read ahead of (its reader opens it at once): the thread starts with the second.
        // `Get-ChildItem *.jsonl | Import-ModelRun` imports its files one call at a time, so most calls bring one.
        if (_first is null && _thread is null)
        {
            _first = file;
            return;
        }
        if (_thread is null)
        {
            _thread = new Thread(AdviseInOrder) { IsBackground = true, Name = "LocalModels read-ahead" };
            _thread.Start();
            _notHandedOver.Add(_first!);
        }
        _notHandedOver.Add(file);
        // Until the thread is a window ahead, each file goes at once; then they go several at a time.
        if (_handedOver < FilesAhead || _notHandedOver.Count >= FilesPerHandOver) HandOver();
    }

    /// <summary>Gives the thread the files asked for since the last hand-over.</summary>
    private void HandOver()
    {
        if (_notHandedOver.Count == 0) return;
        try
        {
            _next.Add(_notHandedOver.ToArray());
            _handedOver += _notHandedOver.Count;
        }
        catch (InvalidOperationException)
        {
            // Stopped meanwhile: the files are read without advice.
        }
        _notHandedOver.Clear();
    }

    private void AdviseInOrder()
    {
        try
        {
            foreach (var files in _next.GetConsumingEnumerable(_stopped.Token))
            {
                foreach (var file in files)
                {
                    if (_stopped.IsCancellationRequested) return;
                    try
                    {
                        AdviseSession(file);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        // Only advice: a folder that changed under the lookup, say. Its reader reads it regardless.
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped: the import has ended.
        }
    }

    /// <summary>Asks for a session file and then its subagent transcripts, read with it right after, within the bound.</summary>
    private void AdviseSession(string file)
    {
        var asked = _advise(file, MaxBytesPerSession);
        foreach (var subagent in TraceFile.SubagentFiles(file, _folders))
        {
            if (asked >= MaxBytesPerSession || _stopped.IsCancellationRequested) break;
            asked += _advise(subagent, MaxBytesPerSession - asked);
        }
    }

    /// <summary>Opens <paramref name="path"/> as the readers do, asks for its first bytes and keeps it open for its reader.</summary>
    private long OpenAndAdvise(string path, long maxBytes)
    {
        // A reader already came for it (and opened it itself); or the file is listed twice, and the first one opened
        // for it is closed rather than left to a reader that may already have come.
        if (_opened.TryRemove(path, out var earlier))
        {
            if (!ReferenceEquals(earlier, Passed)) Released(earlier).Dispose();
            return 0;
        }
        // As many held open as may be: this one is left to its reader, unadvised.
        if (Volatile.Read(ref _heldOpen) >= MaxHeldOpen) return 0;
        Stream? stream;
        try
        {
            stream = ContentFile.OpenRead(path, FileOptions.SequentialScan, followLinks: false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            // Left to its reader, which reports it.
            return 0;
        }
        if (stream is null) return 0;
        var asked = ReadAheadAdvice.Advise(stream, maxBytes);
        // Kept unless its reader came meanwhile, or the import stopped (Dispose may have swept already).
        Interlocked.Increment(ref _heldOpen);
        if (!_opened.TryAdd(path, stream))
        {
            Released(stream).Dispose();
            if (_opened.TryRemove(path, out var other) && !ReferenceEquals(other, Passed)) Released(other).Dispose();
        }
        else if (_stopped.IsCancellationRequested && _opened.TryRemove(path, out var unread) && !ReferenceEquals(unread, Passed))
        {
            Released(unread).Dispose();
        }
        return asked;
    }

    /// <summary><paramref name="stream"/>, no longer counted as held open here.</summary>
    private Stream Released(Stream stream)
    {
        Interlocked.Decrement(ref _heldOpen);
        return stream;
    }

    /// <summary>
    /// Stops the advice and closes the files opened for readers that never came: files not yet asked for are read the
    /// usual way. The thread ends after its current file.
    /// </summary>
    public void Dispose()
    {
        _stopped.Cancel();
        _next.CompleteAdding();
        foreach (var path in _opened.Keys)
            if (_opened.TryRemove(path, out var unread) && !ReferenceEquals(unread, Passed)) Released(unread).Dispose();
    }

    /// <summary>Whether the thread was started (tests).</summary>
    internal bool Started => _thread is not null;

    /// <summary>Waits up to <paramref name="timeout"/> for the thread to end (tests: nothing is left running).</summary>
    internal bool WaitForEnd(TimeSpan timeout) => _thread?.Join(timeout) ?? true;
}
