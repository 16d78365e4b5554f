using LocalModels.Bench;
using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Text;
using LocalModels.Claude;
using LocalModels.Simulation;

// Measures what Measure-ModelRun adds to a run: the same simulated explorer /init run, N times each way,
// (a) through the module in a hosted PowerShell engine and (b) as a bare `claude -p` with the same environment
// (the allowlist a measured run inherits) and the same flags and settings.
var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
var root = BenchSupport.RepositoryRoot();
var claude = Path.Combine(root, "node_modules", ".bin", "claude");
var manifest = Path.Combine(root, "out", "LocalModels", "LocalModels.psd1");
if (!File.Exists(claude)) return BenchSupport.Fail($"No claude at {claude}: run `npm ci` in {root}.");
if (!File.Exists(manifest)) return BenchSupport.Fail($"No built module at {manifest}: run `dotnet build` first.");

const string model = "sim/explorer:latest";
using var simulator = new OllamaSimulator();
var host = simulator.BaseUri.ToString().TrimEnd('/');
var work = Directory.CreateTempSubdirectory("lm-runbench-").FullName;
try
{
    var repository = ModuleRunspace.SampleRepositoryIn(work);
    using var runspace = ModuleRunspace.Open(manifest);

    TimeSpan Measured(int i)
    {
        using var shell = PowerShell.Create();
        shell.Runspace = runspace;
        shell.AddCommand("Measure-ModelRun").AddParameter("Model", model).AddParameter("Path", repository)
            .AddParameter("OllamaHost", host).AddParameter("ClaudePath", claude)
            .AddParameter("OutputDirectory", Path.Combine(work, "measured", i.ToString(CultureInfo.InvariantCulture)));
        var clock = Stopwatch.StartNew();
        var output = shell.Invoke();
        clock.Stop();
        if (shell.HadErrors || output.Count != 1 || !(bool)output[0].Properties["Completed"].Value)
            throw new InvalidOperationException("Measure-ModelRun did not complete: " + string.Join("; ", shell.Streams.Error));
        return clock.Elapsed;
    }

    TimeSpan Bare(int i)
    {
        // Same environment and flags as a measured run, in a copy made before the clock starts.
        var runRoot = Path.Combine(work, "bare", i.ToString(CultureInfo.InvariantCulture));
        var copy = Path.Combine(runRoot, "wordtally");
        SampleRepository.ExtractTo(copy);
        var temp = Directory.CreateDirectory(Path.Combine(runRoot, "tmp")).FullName;
        var start = new ProcessStartInfo(claude)
        {
            WorkingDirectory = copy, UseShellExecute = false, RedirectStandardInput = true, RedirectStandardOutput = true,
            RedirectStandardError = true, StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var argument in HeadlessArguments.Build(HeadlessArguments.InitPrompt, model, HeadlessArguments.DefaultTools, null))
            start.ArgumentList.Add(argument);
        // The environment a measured run gets: only the allowlist is inherited, with an empty HOME of its own. That matters as root, where Claude Code
        // takes about 0.3 s longer without IS_SANDBOX, which the module never passes on; a bare run that inherited it
        // would be timing a different Claude Code, not the module's overhead.
        var environment = ClaudeEnvironment.ForLocalModel(simulator.BaseUri, model, null).InheritOnlyAllowlist()
            .With("HOME", Directory.CreateDirectory(Path.Combine(runRoot, "home")).FullName)
            .With("CLAUDE_CONFIG_DIR", Path.Combine(runRoot, "config")).With("TMPDIR", temp).With("CLAUDE_CODE_TMPDIR", temp)
            .With("CLAUDE_CODE_MAX_RETRIES", "2");
        foreach (var argument in CommandLineSettings.Arguments(environment, unattended: true)) start.ArgumentList.Add(argument);
        environment.ApplyTo(start);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        clock.Stop();
        _ = stderr.Result;
        if (process.ExitCode != 0 || !File.Exists(Path.Combine(copy, "CLAUDE.md")))
            throw new InvalidOperationException($"bare claude failed (exit {process.ExitCode}): {stdout[^Math.Min(400, stdout.Length)..]}");
        return clock.Elapsed;
    }

    Console.WriteLine($"Warming up (one run each way) against the simulator at {host} ...");
    Measured(-1);
    Bare(-1);
    var measured = new List<TimeSpan>();
    var bare = new List<TimeSpan>();
    for (var i = 0; i < runs; i++)
    {
        // Interleaved, so drift in the machine's load hits both sides alike.
        measured.Add(Measured(i));
        bare.Add(Bare(i));
        Console.WriteLine($"  run {i + 1,2}: Measure-ModelRun {measured[^1].TotalSeconds,6:F3} s   bare claude {bare[^1].TotalSeconds,6:F3} s");
    }
    var medianMeasured = BenchSupport.Median(measured.Select(run => run.TotalSeconds));
    var medianBare = BenchSupport.Median(bare.Select(run => run.TotalSeconds));
    var ratio = medianMeasured / medianBare;
    Console.WriteLine();
    Console.WriteLine($"Median over {runs} runs: Measure-ModelRun {medianMeasured:F3} s, bare claude {medianBare:F3} s, ratio {ratio:F3} (target <= 1.05).");
    return ratio <= 1.05 ? 0 : 2;
}
finally
{
    try { Directory.Delete(work, recursive: true); } catch (IOException) { }
}
