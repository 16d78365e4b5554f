using System;
using System.IO;
using System.Management.Automation;
using System.Threading;

namespace LocalModels.LineFloor;

/// <summary>
/// Counts the lines of every *.jsonl file under a folder, one reading thread per core, in the import's block size:
/// the bytes read and the one pass over them for newlines that every line reader needs, and nothing else.
/// </summary>
[Cmdlet(VerbsDiagnostic.Measure, "CorpusLines")]
[OutputType(typeof(long))]
public sealed class MeasureCorpusLinesCommand : PSCmdlet
{
    private const int BlockSize = 128 * 1024;

    [Parameter(Mandatory = true, Position = 0)]
    public string LiteralPath { get; set; } = "";

    protected override void EndProcessing()
    {
        var files = Directory.GetFiles(LiteralPath, "*.jsonl", SearchOption.AllDirectories);
        long lines = 0;
        var next = -1;
        var threads = new Thread[Environment.ProcessorCount];
        for (var t = 0; t < threads.Length; t++)
        {
            threads[t] = new Thread(() =>
            {
                var block = new byte[BlockSize];
                long counted = 0;
                int index;
                while ((index = Interlocked.Increment(ref next)) < files.Length)
                {
                    using var handle = File.OpenHandle(files[index]);
                    long offset = 0;
                    int read;
                    while ((read = RandomAccess.Read(handle, block, offset)) > 0)
                    {
                        offset += read;
                        counted += block.AsSpan(0, read).Count((byte)'\n');
                    }
                }
                Interlocked.Add(ref lines, counted);
            });
            threads[t].Start();
        }
        foreach (var thread in threads) thread.Join();
        WriteObject(lines);
    }
}
