using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using LocalModels.Bench;
using LocalModels.Results;
using LocalModels.Traces;

// Import-ModelRun analysis throughput: generates a corpus (default 1 GB in 500 files), then measures a plain line
// counter over it (the I/O floor) and the full import (read, classify, build ModelRun) in MB/s, with peak memory.
// Usage: dotnet run -c Release --project bench/LocalModels.Bench -- [--size-mb N] [--files N] [--dir PATH] [--keep]
var sizeMb = Option("--size-mb", 1024);
var files = Option("--files", 500);
var keep = args.Contains("--keep");
var directory = args.SkipWhile(a => a != "--dir").Skip(1).FirstOrDefault() ?? Path.Combine(Path.GetTempPath(), "localmodels-bench-corpus");

Console.WriteLine($"Generating {sizeMb} MB in {files} files under {directory} ...");
if (Directory.Exists(directory)) Directory.Delete(directory, true);
var bytes = CorpusGenerator.Generate(directory, sizeMb * 1024L * 1024L, files);
var paths = Directory.GetFiles(directory, "*.jsonl").OrderBy(p => p).ToArray();
var megabytes = paths.Sum(p => new FileInfo(p).Length) / (1024.0 * 1024.0);

// Warm up both paths (JIT, file cache) on one file, then measure.
CountLines(paths[0]);
TraceImport.Import(paths[0], null);

GC.Collect();
var floor = Stopwatch.StartNew();
long lines = 0;
foreach (var path in paths) lines += CountLines(path);
floor.Stop();

GC.Collect();
var readOnly = Stopwatch.StartNew();
foreach (var path in paths) TraceFile.Read(path);
readOnly.Stop();

GC.Collect();
var process = Process.GetCurrentProcess();
var baselinePeak = process.PeakWorkingSet64;
var allocatedBefore = GC.GetTotalAllocatedBytes();
var import = Stopwatch.StartNew();
long calls = 0, malformed = 0;
long maxHeap = 0;
foreach (var path in paths)
{
    var imported = TraceImport.Import(path, null);
    calls += imported.Run.ToolCalls;
    malformed += imported.Trace.MalformedLines + imported.Trace.OversizedLines;
    maxHeap = Math.Max(maxHeap, GC.GetTotalMemory(false));
}
import.Stop();
process.Refresh();
var allocated = GC.GetTotalAllocatedBytes() - allocatedBefore;

Console.WriteLine();
Console.WriteLine($"Corpus: {megabytes:N0} MB, {paths.Length} files, {lines:N0} lines, {calls:N0} tool calls, {malformed} bad lines");
Console.WriteLine();
Console.WriteLine($"{"Pass",-28}{"Seconds",10}{"MB/s",10}{"Lines/s",14}");
Console.WriteLine($"{"Line counter (floor)",-28}{floor.Elapsed.TotalSeconds,10:N2}{megabytes / floor.Elapsed.TotalSeconds,10:N0}{lines / floor.Elapsed.TotalSeconds,14:N0}");
Console.WriteLine($"{"Trace reader only",-28}{readOnly.Elapsed.TotalSeconds,10:N2}{megabytes / readOnly.Elapsed.TotalSeconds,10:N0}{lines / readOnly.Elapsed.TotalSeconds,14:N0}");
Console.WriteLine($"{"Import (read+classify)",-28}{import.Elapsed.TotalSeconds,10:N2}{megabytes / import.Elapsed.TotalSeconds,10:N0}{lines / import.Elapsed.TotalSeconds,14:N0}");
Console.WriteLine();
Console.WriteLine($"Peak working set: {process.PeakWorkingSet64 / 1048576.0:N0} MB (before import {baselinePeak / 1048576.0:N0} MB); max managed heap seen {maxHeap / 1048576.0:N0} MB; allocated {allocated / 1048576.0:N0} MB; gen0/1/2 GCs {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}");

if (!keep) Directory.Delete(directory, true);
return 0;

int Option(string name, int fallback)
{
    var value = args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
    return value is not null && int.TryParse(value, out var parsed) ? parsed : fallback;
}

static long CountLines(string path)
{
    long count = 0;
    using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
    var buffer = new byte[1 << 16];
    int read;
    while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        count += buffer.AsSpan(0, read).Count((byte)'\n');
    return count;
}
