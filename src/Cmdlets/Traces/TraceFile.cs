using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Numerics;
using System.Threading;
using LocalModels.Claude;
using LocalModels.Platform;

namespace LocalModels.Traces;

/// <summary>
/// Reads a trace file into a <see cref="RunTrace"/> in bounded memory: the file is streamed in blocks and split
/// into lines as UTF-8 bytes; a line longer than <see cref="TraceLimits.MaxLineBytes"/> is skipped to its end and
/// counted, never buffered whole. A session transcript's subagent files (&lt;session&gt;/subagents/agent-*.jsonl)
/// are read into the same trace.
/// </summary>
public static class TraceFile
{
    /// <summary>
    /// How much is read at a time. A transcript in ~/.claude/projects is about 100 KB: at 64 KB most took two reads,
    /// at 128 KB one (22,400 reads of the benchmark's gigabyte became 13,700, and the whole process took 2 to 4% less
    /// time and 3% less CPU); 256 KB gained nothing more.
    /// </summary>
    internal const int BlockSize = 128 * 1024;

    /// <summary>Reads <paramref name="path"/> and, for a transcript, its subagent files.</summary>
    public static RunTrace Read(string path, string deliverableFileName = ClaudeMemoryFile.Name, CancellationToken cancellationToken = default)
    {
        using var stream = Open(path);
        return Read(path, stream, deliverableFileName, cancellationToken);
    }

    /// <summary>
    /// Reads the trace <paramref name="path"/> from <paramref name="stream"/>, already open on it (null: it has nothing
    /// to read) and, for a transcript, its subagent files.
    /// </summary>
    public static RunTrace Read(string path, Stream? stream, string deliverableFileName = ClaudeMemoryFile.Name, CancellationToken cancellationToken = default) =>
        Read(path, stream, deliverableFileName, folders: null, readsFile: null, cancellationToken)!;

    /// <summary>
    /// The same, with the import's folder listings, which tell most sessions have no subagents folder without looking;
    /// null when <paramref name="readsFile"/>, shown the first block read, turns the file down (the import's results
    /// files), so no file is read twice to be told. <paramref name="openedAhead"/> gives a subagent file already opened
    /// (by the import's read-ahead), or null to have it opened here.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static RunTrace? Read(string path, Stream? stream, string deliverableFileName, FolderContents? folders, Predicate<ReadOnlyMemory<byte>>? readsFile, CancellationToken cancellationToken, Func<string, Stream?>? openedAhead = null)
    {
        var reader = new TraceReader(deliverableFileName);
        try
        {
            if (stream is not null && !Feed(reader, stream, readsFile, cancellationToken)) return null;
            if (reader.Trace.Format == TraceFormat.Transcript)
                foreach (var subagent in SubagentFiles(path, folders))
                {
                    // Listed earlier, by this lookup or the import's walk: a file since removed or made a link is not read.
                    using var subagentStream = openedAhead?.Invoke(subagent) ?? OpenListed(subagent);
                    if (subagentStream is not null) Feed(reader, subagentStream, cancellationToken);
                }
            return reader.Trace;
        }
        finally
        {
            reader.Recycle();
        }
    }

    /// <summary>
    /// Subagent transcripts that belong to a session file: &lt;dir&gt;/&lt;session&gt;/subagents/*.jsonl. Like the walk of
    /// an imported folder, this follows no link: a session folder, subagents folder or transcript that is a link is not read.
    /// </summary>
    public static IEnumerable<string> SubagentFiles(string sessionPath) => SubagentFiles(sessionPath, folders: null);

    /// <summary>The same, ruling out with the import's folder listings the sessions that have no folder of their own.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static IEnumerable<string> SubagentFiles(string sessionPath, FolderContents? folders)
    {
        var folder = Path.GetDirectoryName(sessionPath) ?? ".";
        var name = Path.GetFileNameWithoutExtension(sessionPath);
        // Most sessions have no folder of their own: the listing of theirs tells, before any path is built.
        if (folders is not null && !folders.MightHold(folder, name, isDirectory: true)) return Enumerable.Empty<string>();
        var session = Path.Combine(folder, name);
        var directory = Path.Combine(session, "subagents");
        // The import's walk listed the subagents folder already, and went into neither folder had it been a link.
        if (folders?.ListedFiles(directory) is { } listed)
            return listed.Where(IsSubagentFileName).Select(file => Path.Combine(directory, file)).OrderBy(file => file, StringComparer.Ordinal).ToList();
        if (!ContentFile.ExistsUnlinked(session, isDirectory: true, folders)) return Enumerable.Empty<string>();
        return ContentFile.ExistsUnlinked(directory, isDirectory: true)
            ? Directory.EnumerateFiles(directory, "*" + SubagentFileExtension, SubagentFileOptions).OrderBy(file => file, StringComparer.Ordinal)
            : Enumerable.Empty<string>();
    }

    private const string SubagentFileExtension = ".jsonl";

    /// <summary>Whether a name in a subagents folder's listing is a transcript, as <see cref="SubagentFileOptions"/> match it.</summary>
    private static bool IsSubagentFileName(string name) => name.EndsWith(SubagentFileExtension, StringComparison.Ordinal);

    private static readonly EnumerationOptions SubagentFileOptions = new()
    {
        AttributesToSkip = FileAttributes.ReparsePoint,
        // An unreadable subagents folder makes the session unreadable, as it did before links were skipped.
        IgnoreInaccessible = false,
        MatchType = MatchType.Simple,
        // Matched as the walk's listing is, on every system.
        MatchCasing = MatchCasing.CaseSensitive,
    };

    /// <summary>A listed file opened as <see cref="Open"/> does, or null when it is no longer there or has become a link.</summary>
    private static Stream? OpenListed(string path)
    {
        try
        {
            return ContentFile.OpenRead(path, FileOptions.SequentialScan, followLinks: false);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    /// <summary>True for files that are a session's subagent transcript: read with their session, not alone.</summary>
    public static bool IsSubagentFile(string path) => IsSubagentsFolder(Path.GetDirectoryName(path.AsSpan()));

    /// <summary>True for a session's subagents folder (&lt;session&gt;/subagents), told from its path alone.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static bool IsSubagentsFolder(ReadOnlySpan<char> folder) => Path.GetFileName(folder).SequenceEqual("subagents");

    /// <summary>
    /// Opens a trace file, or null when it has nothing to read: it is empty, or a FIFO or a device that a hostile folder
    /// holds under a trace's name, which opening could block on or reading never finish (see <see cref="ContentFile"/>).
    /// </summary>
    public static Stream? Open(string path) =>
        // No stream buffer: lines are split straight out of the blocks ForEachLine reads.
        ContentFile.OpenRead(path, FileOptions.SequentialScan);

    /// <summary>Feeds every line of <paramref name="path"/> to <paramref name="reader"/>.</summary>
    public static void Feed(TraceReader reader, string path, CancellationToken cancellationToken = default)
    {
        using var stream = Open(path);
        if (stream is not null) Feed(reader, stream, cancellationToken);
    }

    /// <summary>Feeds every line of <paramref name="stream"/> to <paramref name="reader"/>.</summary>
    public static void Feed(TraceReader reader, Stream stream, CancellationToken cancellationToken = default) =>
        Feed(reader, stream, readsFile: null, cancellationToken);

    /// <summary>The same; false when <paramref name="readsFile"/> turned the stream down (see <see cref="ForEachLine(Stream, Action{ReadOnlyMemory{byte}}, Action, Predicate{ReadOnlyMemory{byte}}?, CancellationToken)"/>).</summary>
    private static bool Feed(TraceReader reader, Stream stream, Predicate<ReadOnlyMemory<byte>>? readsFile, CancellationToken cancellationToken) =>
        ForEachLine(stream, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (line) => reader.AddLine(line), reader.AddOversizedLine, readsFile, cancellationToken);

    /// <summary>
    /// Splits a stream into lines without building strings. <paramref name="onLine"/> gets each line (a view
    /// valid only during the call); <paramref name="onOversized"/> is called for each line over the bound.
    /// </summary>
    public static void ForEachLine(Stream stream, Action<ReadOnlyMemory<byte>> onLine, Action onOversized, CancellationToken cancellationToken = default) =>
        ForEachLine(stream, onLine, onOversized, readsFile: null, cancellationToken);

    /// <summary>
    /// The same; false, with no line passed on, when <paramref name="readsFile"/> turns the stream down on its first
    /// block (up to <see cref="BlockSize"/>: enough for any file's first properties).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static bool ForEachLine(Stream stream, Action<ReadOnlyMemory<byte>> onLine, Action onOversized, Predicate<ReadOnlyMemory<byte>>? readsFile, CancellationToken cancellationToken)
    {
        var block = ArrayPool<byte>.Shared.Rent(BlockSize);
        var line = ArrayPool<byte>.Shared.Rent(BlockSize);
        var lineLength = 0;
        var skipping = false;
        try
        {
            var read = stream.Read(block, 0, BlockSize);
            if (readsFile is not null && !readsFile(new ReadOnlyMemory<byte>(block, 0, read))) return false;
            for (; read > 0; read = stream.Read(block, 0, BlockSize))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var start = 0;
                while (start < read)
                {
                    var newline = IndexOfNewline(block, start, read);
                    var end = newline < 0 ? read : newline;
                    var count = end - start;
                    if (!skipping)
                    {
                        if (lineLength + count > TraceLimits.MaxLineBytes)
                        {
                            skipping = true;
                            lineLength = 0;
                        }
                        else if (lineLength == 0 && newline >= 0)
                        {
                            onLine(new ReadOnlyMemory<byte>(block, start, count)); // whole line inside the block: no copy
                        }
                        else
                        {
                            EnsureCapacity(ref line, lineLength + count);
                            Buffer.BlockCopy(block, start, line, lineLength, count);
                            lineLength += count;
                        }
                    }
                    if (newline < 0) break;
                    if (skipping) onOversized();
                    else if (lineLength > 0) onLine(new ReadOnlyMemory<byte>(line, 0, lineLength));
                    skipping = false;
                    lineLength = 0;
                    start = newline + 1;
                }
            }
            if (skipping) onOversized();
            else if (lineLength > 0) onLine(new ReadOnlyMemory<byte>(line, 0, lineLength));
            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(block);
            ArrayPool<byte>.Shared.Return(line);
        }
    }

    /// <summary>The first '\n' in block[start..end), or -1: a vector at a time, as lines run to kilobytes, its place in the vector from its mask.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int IndexOfNewline(byte[] block, int start, int end)
    {
        ref var first = ref MemoryMarshal.GetArrayDataReference(block);
        var at = start;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; at + Vector256<byte>.Count <= end; at += Vector256<byte>.Count)
            {
                var newlines = Vector256.Equals(Vector256.LoadUnsafe(ref first, (nuint)at), Vector256.Create((byte)'\n'));
                if (newlines != Vector256<byte>.Zero) return at + BitOperations.TrailingZeroCount(newlines.ExtractMostSignificantBits());
            }
        }
        if (Vector128.IsHardwareAccelerated)
        {
            for (; at + Vector128<byte>.Count <= end; at += Vector128<byte>.Count)
            {
                var newlines = Vector128.Equals(Vector128.LoadUnsafe(ref first, (nuint)at), Vector128.Create((byte)'\n'));
                if (newlines != Vector128<byte>.Zero) return at + BitOperations.TrailingZeroCount(newlines.ExtractMostSignificantBits());
            }
        }
        for (; at < end; at++)
            if (block[at] == (byte)'\n') return at;
        return -1;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void EnsureCapacity(ref byte[] buffer, int needed)
    {
        if (buffer.Length >= needed) return;
        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, buffer.Length * 2));
        Buffer.BlockCopy(buffer, 0, bigger, 0, buffer.Length);
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = bigger;
    }
}
