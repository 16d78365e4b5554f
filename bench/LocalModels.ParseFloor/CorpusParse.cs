using System;
using System.Collections.Concurrent;
using System.IO;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using LocalModels.Traces;

namespace LocalModels.ParseFloor;

/// <summary>
/// What every reader of a transcript folder must do before it can judge anything, done with the module's own code and
/// nothing more: split every *.jsonl file under a folder into lines (TraceFile.ForEachLine), read each line's head
/// (TraceLineHead) and tokenize (JsonLine) each line the trace reader reads whole once a trace's format, tools and
/// identity are known. Nothing is extracted, kept or judged. One file per core at a time, as the import reads.
/// </summary>
public static class CorpusParse
{
    /// <summary>The number of lines tokenized.</summary>
    public static long TokenizedLines(string folder)
    {
        var files = Directory.GetFiles(folder, "*.jsonl", SearchOption.AllDirectories);
        long tokenized = 0;
        var options = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount };
        Parallel.ForEach(Partitioner.Create(files, EnumerablePartitionerOptions.NoBuffering), options, file =>
        {
            using var stream = TraceFile.Open(file);
            if (stream is not null) Interlocked.Add(ref tokenized, TokenizedLines(stream));
        });
        return tokenized;
    }

    private static long TokenizedLines(Stream stream)
    {
        long tokenized = 0;
        TraceFile.ForEachLine(stream, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (line) =>
        {
            if (TraceLineHead.TryRead(line.Span, TraceReader.ReadKinds, out var head) && TraceReader.IsSkimmable(head, toolsKnown: true)) return;
            var json = JsonLine.ForThisThread;
            json.TryParse(line);
            json.Clear();
            tokenized++;
        }, onOversized: static () => { });
        return tokenized;
    }
}
