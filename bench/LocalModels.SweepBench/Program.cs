using LocalModels.Bench;
using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using LocalModels.Simulation;

// Measures what a host pool buys: the same sweep (the competent explorer, repeated) through Measure-ModelRun, first
// on one simulated Ollama host, then across three, each host running one run at a time. The simulators are slowed
// down (DelayScale) so a run takes several seconds of model time, as a real one takes minutes: the point is the
// overlap. Arguments: repeats (default 6), delay scale (default 30), then the models (default sim/explorer:latest).
var repeats = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 6;
var delayScale = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 30;
var root = BenchSupport.RepositoryRoot();
var claude = Path.Combine(root, "node_modules", ".bin", "claude");
var manifest = Path.Combine(root, "out", "LocalModels", "LocalModels.psd1");
if (!File.Exists(claude)) return BenchSupport.Fail($"No claude at {claude}: run `npm ci` in {root}.");
if (!File.Exists(manifest)) return BenchSupport.Fail($"No built module at {manifest}: run `dotnet build` first.");

var models = args.Length > 2 ? args.Skip(2).ToArray() : new[] { "sim/explorer:latest" };
var simulators = Enumerable.Range(0, 3).Select(_ => new OllamaSimulator { DelayScale = delayScale }).ToList();
var work = Directory.CreateTempSubdirectory("lm-sweepbench-").FullName;
try
{
    var repository = ModuleRunspace.SampleRepositoryIn(work);
    using var runspace = ModuleRunspace.Open(manifest);

    (TimeSpan Wall, IReadOnlyList<PSObject> Runs) Sweep(string name, string[] hosts)
    {
        using var shell = PowerShell.Create();
        shell.Runspace = runspace;
        shell.AddCommand("Measure-ModelRun").AddParameter("Model", models).AddParameter("Repeat", repeats)
            .AddParameter("Path", repository).AddParameter("OllamaHost", hosts).AddParameter("ClaudePath", claude)
            .AddParameter("OutputDirectory", Path.Combine(work, name));
        var clock = Stopwatch.StartNew();
        var runs = shell.Invoke();
        clock.Stop();
        if (shell.HadErrors || runs.Count != models.Length * repeats)
            throw new InvalidOperationException($"The {name} sweep made {runs.Count} runs: " + string.Join("; ", shell.Streams.Error));
        return (clock.Elapsed, runs);
    }

    var addresses = simulators.Select(s => s.BaseUri.GetLeftPart(UriPartial.Authority)).ToArray();
    Console.WriteLine($"{string.Join(", ", models)} x {repeats} repeats = {models.Length * repeats} runs per sweep, simulators at DelayScale {delayScale}, {Environment.ProcessorCount} cores.");
    var one = Sweep("one-host", addresses.Take(1).ToArray());
    var each = string.Join(", ", one.Runs.GroupBy(run => (string)run.Properties["Model"].Value)
        .Select(model => $"{model.Key} {model.Average(run => ((TimeSpan)run.Properties["Duration"].Value).TotalSeconds):F1} s"));
    Console.WriteLine($"  one host:    {one.Wall.TotalSeconds,7:F1} s (mean run: {each})");
    var three = Sweep("three-hosts", addresses);
    var used = three.Runs.Select(run => (string)run.Properties["OllamaHost"].Value).Distinct().Count();
    var mean = three.Runs.Average(run => ((TimeSpan)run.Properties["Duration"].Value).TotalSeconds);
    Console.WriteLine($"  three hosts: {three.Wall.TotalSeconds,7:F1} s (mean run {mean:F1} s; {used} hosts ran runs)");
    var ratio = three.Wall / one.Wall;
    Console.WriteLine();
    Console.WriteLine($"Wall time on three hosts / on one host: {ratio:F2} (target <= 0.40).");
    return ratio <= 0.40 ? 0 : 2;
}
finally
{
    foreach (var simulator in simulators) simulator.Dispose();
    try { Directory.Delete(work, recursive: true); } catch (IOException) { }
}
