using System.Diagnostics;
using System.Globalization;
using LocalModels;
using LocalModels.Classification;
using LocalModels.Reporting;
using LocalModels.Tests.Reporting;

// A report of many runs (default 1,000: 20 models × 5 context lengths × 10 repetitions), written as HTML and
// Markdown, then opened in the system's headless Chromium until every chart has drawn. Targets: written < 2 s,
// rendered < 3 s. Each figure is the median of a few rounds after one warm-up.
var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1000;
const int Rounds = 5;
var work = Directory.CreateTempSubdirectory("lm-reportbench-").FullName;
try
{
    var runs = MakeRuns(count, work);
    var html = Path.Combine(work, "report.html");
    var markdown = Path.Combine(work, "report.md");
    ReportFile.Write(runs, html, ReportFormat.Html);
    var writeHtml = Median(Rounds, () => ReportFile.Write(runs, html, ReportFormat.Html));
    var writeMarkdown = Median(Rounds, () => ReportFile.Write(runs, markdown, ReportFormat.Markdown));

    await using var browser = await HeadlessBrowser.LaunchAsync();
    var renders = new List<double>();
    for (var round = 0; round <= Rounds; round++)
    {
        var watch = Stopwatch.StartNew();
        var opened = await browser.OpenAsync(html);
        var charts = await opened.Page.EvaluateExpressionAsync<int>("[...document.querySelectorAll('canvas')].filter(c => Chart.getChart(c)).length");
        watch.Stop();
        var timing = await opened.Page.EvaluateExpressionAsync<double[]>("(n => [n.responseEnd, n.domInteractive, n.domContentLoadedEventEnd, n.loadEventEnd])(performance.getEntriesByType('navigation')[0])");
        Console.WriteLine($"round {round}: {watch.Elapsed.TotalSeconds:0.000} s from opening a tab; in the page (ms): read {timing[0]:0}, parsed {timing[1]:0}, scripts run {timing[2]:0}, loaded {timing[3]:0}");
        if (opened.Errors.Count > 0) throw new InvalidOperationException("The page logged errors: " + string.Join("; ", opened.Errors));
        if (charts < 4) throw new InvalidOperationException($"Only {charts} chart(s) drew.");
        await opened.Page.CloseAsync();
        if (round > 0) renders.Add(watch.Elapsed.TotalSeconds);
    }
    var render = renders.Order().ElementAt(renders.Count / 2);

    Console.WriteLine($"Runs: {count}; HTML {new FileInfo(html).Length / 1024} KB, Markdown {new FileInfo(markdown).Length / 1024} KB");
    Console.WriteLine($"Write HTML:     {writeHtml:0.000} s (target < 2 s) {(writeHtml < 2 ? "OK" : "SLOW")}");
    Console.WriteLine($"Write Markdown: {writeMarkdown:0.000} s (target < 2 s) {(writeMarkdown < 2 ? "OK" : "SLOW")}");
    Console.WriteLine($"Render HTML:    {render:0.000} s (target < 3 s, open to every chart drawn) {(render < 3 ? "OK" : "SLOW")}");
    return writeHtml < 2 && writeMarkdown < 2 && render < 3 ? 0 : 1;
}
finally
{
    Directory.Delete(work, recursive: true);
}

static double Median(int rounds, Action action)
{
    var times = new List<double>();
    for (var i = 0; i < rounds; i++)
    {
        var watch = Stopwatch.StartNew();
        action();
        times.Add(watch.Elapsed.TotalSeconds);
    }
    return times.Order().ElementAt(rounds / 2);
}

static List<ModelRun> MakeRuns(int count, string work)
{
    var random = new Random(42);
    int[] contexts = { 8192, 16384, 32768, 65536, 131072 };
    var modes = Enum.GetValues<FailureMode>();
    var runs = new List<ModelRun>(count);
    for (var i = 0; i < count; i++)
    {
        var model = $"model-{i % 20:00}:{7 + i % 20}b";
        var context = contexts[i / 20 % contexts.Length];
        var completed = random.NextDouble() < 0.6;
        var mode = completed ? FailureMode.None : modes[1 + random.Next(modes.Length - 1)];
        var runId = $"run-{i:0000}";
        var deliverable = Path.Combine(work, runId + ".CLAUDE.md");
        if (completed) File.WriteAllText(deliverable, "# CLAUDE.md\n\n## Commands\n\n- `npm test`\n- `npm run ghost`\n\n## Layout\n\n- src/app.ts\n");
        runs.Add(new ModelRun
        {
            RunId = runId, Model = model, Task = "Init", Repetition = 1 + i / 100, ContextLength = context,
            StartTime = DateTimeOffset.UnixEpoch.AddMinutes(i), Duration = TimeSpan.FromSeconds(60 + random.Next(1500)),
            ToolCalls = random.Next(40), ToolSequence = "Bash → Read ×5 → Glob → Write", OutputTokensPerSecond = 5 + random.NextDouble() * 60,
            MemoryBytes = (10L + random.Next(50)) * 1024 * 1024 * 1024, Processor = "100% GPU",
            PeakPromptTokens = random.Next(context), PeakContextUse = random.NextDouble(),
            DeliverableExists = completed, DeliverablePath = completed ? deliverable : "", DeliverableLines = completed ? 11 : 0,
            Hallucinations = completed ? 1 : 0, HallucinationList = completed ? "undefined script npm run ghost" : "",
            Quality = completed ? (QualityGrade)(1 + random.Next(4)) : QualityGrade.None,
            Completed = completed, Outcome = completed ? RunOutcome.Success : RunOutcome.Failed, FailureMode = mode,
            Evidence = completed ? "" : $"{mode}: evidence of run {i}", TracePath = Path.Combine(work, runId + ".stream.jsonl"),
        });
    }
    return runs;
}
