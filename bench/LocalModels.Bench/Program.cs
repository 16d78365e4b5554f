using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using LocalModels.Bench;
using LocalModels.ParseFloor;
using LocalModels.Results;
using LocalModels.Traces;

// Import-ModelRun against ccusage on real Claude Code transcripts.
// 1. Runs the real Claude Code on every simulator behaviour (once; kept in --sources) and multiplies the session
//    transcripts into a ~/.claude/projects tree of about --size-mb (default 1 GB) with fresh ids. By default each
//    session is an exact copy of its source, so there are as many sessions as the size needs (about 9,000 for the
//    simulator's ~110 KB sessions); --files N makes N sessions instead, grown to the size with more of Claude
//    Code's bookkeeping lines and longer file reads; --long N makes N long sessions, each a source's whole
//    conversation held again and again (new ids and later times each round), as the issue's 500 session files.
// 2. Checks the verdicts: the corpus gives each failure mode exactly its sources' count times their copies (for long
//    sessions, the count of one long session built from each source, judged alone).
// 3. In process: a plain line counter (the floor), the trace reader alone, and the full import, in MB/s.
// 4. Whole process, alternating, --runs each: `pwsh -NoProfile -File Import-Corpus.ps1` (Import-ModelRun alone, as the
//    issue measured it, and piped to Group-Object FailureMode, as a person runs it) against
//    `ccusage session --json --offline` (CLAUDE_CONFIG_DIR=<corpus>): medians, the ratios, peak memory; and in the
//    same rounds pwsh alone, pwsh importing the module, and the floor: pwsh running a one-cmdlet module that only
//    counts the lines (bench/LocalModels.LineFloor), the least any pwsh module can take to read the corpus; and the
//    parse floor: pwsh importing the module and running its reader only as far as any reader must go (each line found,
//    its head read, the lines verdicts read tokenized; bench/LocalModels.ParseFloor), nothing extracted or judged.
// Usage: dotnet run -c Release --project bench/LocalModels.Bench -- [--size-mb N] [--files N | --long N] [--runs N]
//        [--sources DIR] [--dir DIR] [--pwsh PATH|ready-to-run] [--keep] [--no-race] [--il]
var sizeMb = Option("--size-mb", 1024);
var longSessions = Option("--long", 0);
var requestedSessions = longSessions > 0 ? longSessions : Option("--files", 0);
var runs = Option("--runs", 5);
var keep = args.Contains("--keep");
var repository = BenchSupport.RepositoryRoot();
var corpus = Text("--dir") ?? Path.Combine(Path.GetTempPath(), "localmodels-bench-corpus");
var sourceFolder = Text("--sources") ?? Path.Combine(Path.GetTempPath(), "localmodels-bench-sources");
var module = Path.Combine(repository, "out", "LocalModels", "LocalModels.psd1");
// --pwsh ready-to-run: the pinned .NET tool's pwsh compiled ReadyToRun, as PowerShell's releases are (ReadyToRunPowerShell).
var readyToRun = Text("--pwsh") == "ready-to-run";
var pwsh = readyToRun
    ? ReadyToRunPowerShell.Build(PowerShellCommand.Find(null, repository), Path.Combine(Path.GetTempPath(), "localmodels-bench-pwsh-ready-to-run"))
    : PowerShellCommand.Find(Text("--pwsh"), repository);
Console.WriteLine($"pwsh: {pwsh.FileName} {string.Join(" ", pwsh.Arguments)}{(readyToRun ? " (the .NET tool's assemblies compiled ReadyToRun, as a release ships them)" : "")}");

if (!File.Exists(module)) return BenchSupport.Fail($"Build the module first: dotnet build LocalModels.sln -c Release (no {module}).");
// The IL build, timed by mistake, reads as a slower import (ModuleLayout): refused unless asked for.
var compiledAhead = ModuleLayout.IsCompiledAheadOfTime(Path.Combine(Path.GetDirectoryName(module)!, "LocalModels.dll"));
if (!compiledAhead && !args.Contains("--il"))
    return BenchSupport.Fail($"{Path.GetDirectoryName(module)} holds the IL build of the module, not the one the solution's build compiles ahead of time. Run dotnet build LocalModels.sln -c Release, or pass --il to time the IL build.");
Console.WriteLine($"Module: {module} ({(compiledAhead ? "compiled ahead of time, as the solution's build lays it out" : "IL build, --il")})");
if (TranscriptCorpus.FindSources(sourceFolder).Count == 0)
{
    Console.WriteLine($"Running the real Claude Code on every simulator behaviour into {sourceFolder} (once; about two minutes) ...");
    var claude = Path.Combine(repository, "node_modules", ".bin", "claude");
    var script = new List<string> { "-NoProfile", "-File", Path.Combine(repository, "bench", "LocalModels.Bench", "New-SourceTranscripts.ps1"), "-OutputDirectory", sourceFolder, "-ModulePath", module };
    if (File.Exists(claude)) script.AddRange(new[] { "-ClaudePath", claude });
    if (pwsh.Run(script, echo: true).ExitCode != 0) return BenchSupport.Fail("The source runs failed.");
}
var sources = TranscriptCorpus.FindSources(sourceFolder);
Console.WriteLine($"Sources: {sources.Count} real sessions ({sources.Sum(s => s.Bytes) / 1024.0:N0} KB, {sources.Sum(s => s.SubagentPaths.Count)} subagent transcripts) from Claude Code {ClaudeVersion(sources)}.");

var sessions = requestedSessions > 0 ? requestedSessions : (int)Math.Max(1, sizeMb * 1024L * 1024L / (sources.Sum(s => s.Bytes) / sources.Count));
Console.WriteLine($"Building {sizeMb} MB in {sessions} sessions under {corpus} ...");
if (Directory.Exists(corpus)) Directory.Delete(corpus, true);
var shape = longSessions > 0 ? CorpusShape.Long : requestedSessions > 0 ? CorpusShape.Grown : CorpusShape.Exact;
var (copies, templates) = TranscriptCorpus.Build(sources, corpus, sizeMb * 1024L * 1024L, sessions, shape);
var projects = Path.Combine(corpus, "projects");
var files = Directory.GetFiles(projects, "*.jsonl", SearchOption.AllDirectories).OrderBy(p => p, StringComparer.Ordinal).ToArray();
var megabytes = files.Sum(p => new FileInfo(p).Length) / (1024.0 * 1024.0);
Console.WriteLine($"Corpus: {megabytes:N0} MB in {files.Length} files ({sessions} sessions and their subagents).");

// Verdicts: the corpus must be judged as its sources are, copy for copy.
var expected = new Dictionary<string, int>(StringComparer.Ordinal);
for (var i = 0; i < sources.Count; i++)
{
    var mode = TraceImport.Import(templates[i], null).Run.FailureMode.ToString();
    expected[mode] = expected.GetValueOrDefault(mode) + copies[i];
}
var actual = TraceImport.ImportAll(TraceImport.TraceFiles(projects), null)
    .GroupBy(attempt => attempt.Run?.FailureMode.ToString() ?? "Unreadable")
    .ToDictionary(group => group.Key, group => group.Count(), StringComparer.Ordinal);
Console.WriteLine();
Console.WriteLine($"{"Failure mode",-24}{"Sources x copies",18}{"Corpus",10}");
foreach (var mode in expected.Keys.Union(actual.Keys).OrderBy(m => m, StringComparer.Ordinal))
    Console.WriteLine($"{mode,-24}{expected.GetValueOrDefault(mode),18}{actual.GetValueOrDefault(mode),10}");
var sameVerdicts = expected.Count == actual.Count && expected.All(pair => actual.GetValueOrDefault(pair.Key) == pair.Value);
if (!sameVerdicts) return BenchSupport.Fail("The corpus is not judged as its sources are: the import changed a verdict.");

// In process: the floor, the reader, the import.
CountLines(files[0]);
GC.Collect();
var floor = Stopwatch.StartNew();
long lines = 0;
foreach (var path in files) lines += CountLines(path);
floor.Stop();
GC.Collect();
var readOnly = Stopwatch.StartNew();
foreach (var path in TraceImport.TraceFiles(projects)) TraceFile.Read(path);
readOnly.Stop();
GC.Collect();
var allocatedBefore = GC.GetTotalAllocatedBytes(true);
var import = Stopwatch.StartNew();
var imported = TraceImport.ImportAll(TraceImport.TraceFiles(projects), null).Count();
import.Stop();
var allocated = GC.GetTotalAllocatedBytes(true) - allocatedBefore;
var tokenizedLines = CorpusParse.TokenizedLines(projects);
Console.WriteLine();
Console.WriteLine($"In process ({Environment.ProcessorCount} cores): {lines:N0} lines ({tokenizedLines:N0} of them read whole), {imported} runs");
Console.WriteLine($"{"Pass",-34}{"Seconds",10}{"MB/s",10}");
Console.WriteLine($"{"Line counter (floor, one core)",-34}{floor.Elapsed.TotalSeconds,10:N2}{megabytes / floor.Elapsed.TotalSeconds,10:N0}");
Console.WriteLine($"{"Trace reader only (one core)",-34}{readOnly.Elapsed.TotalSeconds,10:N2}{megabytes / readOnly.Elapsed.TotalSeconds,10:N0}");
Console.WriteLine($"{"Import (read+classify, all cores)",-34}{import.Elapsed.TotalSeconds,10:N2}{megabytes / import.Elapsed.TotalSeconds,10:N0}");
Console.WriteLine($"Allocated during the import: {allocated / 1048576.0:N0} MB ({allocated / (double)lines:N0} bytes per line)");

if (!args.Contains("--no-race"))
{
    var ccusage = CcusageCommand.Find(repository);
    Console.WriteLine();
    Console.WriteLine($"Whole process, alternating, {runs} runs each (peak memory from {(ProcessMeasurement.CanMeasureMemory ? "/usr/bin/time" : "nothing: not measured here")}):");
    var groupedRuns = new List<ProcessMeasurement>();
    var importRuns = new List<ProcessMeasurement>();
    var ccusageRuns = new List<ProcessMeasurement>();
    var script = Path.Combine(repository, "bench", "LocalModels.Bench", "Import-Corpus.ps1");
    var groupedArguments = new[] { "-NoProfile", "-File", script, "-Path", projects, "-ModulePath", module };
    var importArguments = groupedArguments.Concat(new[] { "-Then", "Discard" }).ToArray();
    var ccusageArguments = new[] { "session", "--json", "--offline" };
    // Reference points, run in the same rounds: pwsh alone, pwsh importing the module, and the floor (a one-cmdlet
    // module that only counts the corpus's lines on every core).
    var startArguments = groupedArguments.Concat(new[] { "-Then", "Nothing" }).ToArray();
    var moduleArguments = groupedArguments.Concat(new[] { "-Then", "ModuleOnly" }).ToArray();
    var floorModule = Path.Combine(AppContext.BaseDirectory, "LocalModels.LineFloor.dll");
    var floorArguments = new[] { "-NoProfile", "-File", Path.Combine(repository, "bench", "LocalModels.Bench", "Measure-CorpusLines.ps1"), "-Path", projects, "-ModulePath", floorModule };
    var startRuns = new List<ProcessMeasurement>();
    var moduleRuns = new List<ProcessMeasurement>();
    var floorRuns = new List<ProcessMeasurement>();
    var parseFloorArguments = new[] { "-NoProfile", "-File", Path.Combine(repository, "bench", "LocalModels.Bench", "Measure-CorpusParse.ps1"), "-Path", projects, "-ModulePath", module, "-FloorPath", Path.Combine(AppContext.BaseDirectory, "LocalModels.ParseFloor.dll") };
    var parseFloorRuns = new List<ProcessMeasurement>();
    // One untimed run of each warms the page cache and checks that all work.
    var counts = ProcessMeasurement.Run(pwsh.FileName, pwsh.Arguments.Concat(groupedArguments), null);
    if (counts.ExitCode != 0) return BenchSupport.Fail("Import-Corpus.ps1 failed: " + counts.Output);
    var wholeProcessCounts = counts.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
        .Select(line => line.Trim().Split(' ')).ToDictionary(parts => parts[0], parts => int.Parse(parts[1]), StringComparer.Ordinal);
    if (!expected.All(pair => wholeProcessCounts.GetValueOrDefault(pair.Key) == pair.Value)) return BenchSupport.Fail("Import-ModelRun in pwsh counted other verdicts: " + counts.Output);
    if (ProcessMeasurement.Run(pwsh.FileName, pwsh.Arguments.Concat(importArguments), null).ExitCode != 0) return BenchSupport.Fail("Import-Corpus.ps1 -Then Discard failed.");
    if (ProcessMeasurement.Run(ccusage, ccusageArguments, corpus).ExitCode != 0) return BenchSupport.Fail("ccusage failed.");
    var floorCount = ProcessMeasurement.Run(pwsh.FileName, pwsh.Arguments.Concat(floorArguments), null);
    if (floorCount.ExitCode != 0 || floorCount.Output.Trim() != lines.ToString(System.Globalization.CultureInfo.InvariantCulture))
        return BenchSupport.Fail($"The floor module counted other lines than the line counter ({lines}): {floorCount.Output}");
    var parseFloorCount = ProcessMeasurement.Run(pwsh.FileName, pwsh.Arguments.Concat(parseFloorArguments), null);
    if (parseFloorCount.ExitCode != 0 || parseFloorCount.Output.Trim() != tokenizedLines.ToString(System.Globalization.CultureInfo.InvariantCulture))
        return BenchSupport.Fail($"The parse floor in pwsh tokenized other lines than in process ({tokenizedLines}): {parseFloorCount.Output}");
    for (var round = 1; round <= runs; round++)
    {
        importRuns.Add(ProcessMeasurement.Run(pwsh.FileName, pwsh.Arguments.Concat(importArguments), null));
        groupedRuns.Add(ProcessMeasurement.Run(pwsh.FileName, pwsh.Arguments.Concat(groupedArguments), null));
        ccusageRuns.Add(ProcessMeasurement.Run(ccusage, ccusageArguments, corpus));
        Console.WriteLine($"  round {round}: Import-ModelRun {importRuns[^1]}   | Group-Object {groupedRuns[^1]}   ccusage {ccusageRuns[^1]}");
        startRuns.Add(ProcessMeasurement.Run(pwsh.FileName, pwsh.Arguments.Concat(startArguments), null));
        moduleRuns.Add(ProcessMeasurement.Run(pwsh.FileName, pwsh.Arguments.Concat(moduleArguments), null));
        floorRuns.Add(ProcessMeasurement.Run(pwsh.FileName, pwsh.Arguments.Concat(floorArguments), null));
        parseFloorRuns.Add(ProcessMeasurement.Run(pwsh.FileName, pwsh.Arguments.Concat(parseFloorArguments), null));
    }
    var importMedian = BenchSupport.Median(importRuns.Select(r => r.WallSeconds));
    var groupedMedian = BenchSupport.Median(groupedRuns.Select(r => r.WallSeconds));
    var ccusageMedian = BenchSupport.Median(ccusageRuns.Select(r => r.WallSeconds));
    Console.WriteLine();
    Console.WriteLine($"{"Command",-58}{"Median s",10}{"CPU s",8}{"Peak MB",9}");
    Row("pwsh: Import-ModelRun <corpus>", importRuns);
    Row("pwsh: Import-ModelRun <corpus> | Group-Object FailureMode", groupedRuns);
    Row("ccusage@20.0.24 session --json --offline", ccusageRuns);
    Console.WriteLine($"Ratio Import-ModelRun / ccusage: {importMedian / ccusageMedian:N2}; with Group-Object: {groupedMedian / ccusageMedian:N2} (target <= 1.0; peak memory target <= 200 MB)");
    var floorMedian = BenchSupport.Median(floorRuns.Select(r => r.WallSeconds));
    Console.WriteLine();
    Console.WriteLine("Where the time goes (the same rounds):");
    Row("pwsh: a script that returns at once", startRuns);
    Row("pwsh: Import-Module LocalModels, nothing more", moduleRuns);
    Row("pwsh: a one-cmdlet module counting the lines (floor)", floorRuns);
    Row("pwsh: the module's reader, nothing judged (parse floor)", parseFloorRuns);
    var parseFloorMedian = BenchSupport.Median(parseFloorRuns.Select(r => r.WallSeconds));
    Console.WriteLine($"Floor / ccusage: {floorMedian / ccusageMedian:N2}; Import-ModelRun's time above the floor: {importMedian - floorMedian:N2} s, ccusage's margin over it: {ccusageMedian - floorMedian:N2} s");
    Console.WriteLine($"Parse floor / ccusage: {parseFloorMedian / ccusageMedian:N2}; extracting and judging (Import-ModelRun above the parse floor): {importMedian - parseFloorMedian:N2} s");
}

if (!keep) Directory.Delete(corpus, true);
return 0;

static void Row(string command, IReadOnlyList<ProcessMeasurement> measured) =>
    Console.WriteLine($"{command,-58}{BenchSupport.Median(measured.Select(r => r.WallSeconds)),10:N2}{BenchSupport.Median(measured.Select(r => r.CpuSeconds)),8:N2}{measured.Max(r => r.PeakMegabytes),9:N0}");

int Option(string name, int fallback) => int.TryParse(Text(name), out var parsed) ? parsed : fallback;

string? Text(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();

static string ClaudeVersion(IReadOnlyList<SourceSession> sources) =>
    TraceFile.Read(sources[0].Path).ClaudeCodeVersion ?? "(version unknown)";

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
