using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using LocalModels.Classification;
using LocalModels.Tests.Hosting;
using LocalModels.Tests.Runner;
using Xunit;

namespace LocalModels.Tests.Reporting;

/// <summary>
/// The report of a simulated sweep (four behaviours at two context lengths, measured with the REAL Claude Code CLI),
/// written by Export-ModelRunReport and opened in the real headless Chromium: every model in the tables, every chart
/// drawn, no console error, no request beyond the file. A second report adds a hostile run whose model name,
/// evidence and CLAUDE.md are markup: it must run no script and show the markup as text.
/// </summary>
[Collection(RunnerCollection.Name)]
public sealed class SimulatedSweepReportTests : IClassFixture<SimulatedSweepReportTests.Sweep>
{
    private static readonly string[] Behaviours = { "sim/explorer", "sim/hallucinated-content", "sim/nested-params", "sim/context-stall" };
    private static readonly int[] Contexts = { 16384, 65536 };
    private const string HostileModel = "<img src=x onerror=\"alert('model')\">";

    private readonly Sweep _sweep;

    public SimulatedSweepReportTests(Sweep sweep) => _sweep = sweep;

    /// <summary>The sweep, measured once; quality and context use are set here as their engineers' work will fill them.</summary>
    public sealed class Sweep : IDisposable
    {
        public Sweep()
        {
            Fixture = new RunnerFixture(delayScale: 0.02);
            using var session = new PowerShellSession();
            var result = session.Run(
                $"foreach ($c in $args[4]) {{ $args[3] | Measure-ModelRun -Path $args[5] {Fixture.Common} -ContextLength $c -Timeout 60 }}",
                Fixture.Args(Behaviours, Contexts, Fixture.Repository));
            if (result.Errors.Count > 0) throw new InvalidOperationException("Measure-ModelRun failed: " + result.Errors[0]);
            Runs = result.Output.Select(o => (ModelRun)o.BaseObject).ToList();
            foreach (var run in Runs)
            {
                run.Quality = run.FailureMode == FailureMode.None ? QualityGrade.Excellent : run.DeliverableExists ? QualityGrade.Poor : QualityGrade.None;
                run.Grounding = run.DeliverableExists ? (run.Hallucinations == 0 ? 1.0 : 0.3) : null;
                run.PeakPromptTokens = 12000;
                run.PeakContextUse = 12000.0 / run.ContextLength!.Value;
            }
            ReportPath = Path.Combine(Fixture.Output, "report.html");
            MarkdownPath = Path.Combine(Fixture.Output, "report.md");
            session.RunOk("$args[0] | Export-ModelRunReport $args[1] -Compare sim/explorer, sim/context-stall -Title 'Simulated sweep'", Runs, ReportPath);
            session.RunOk("$args[0] | Export-ModelRunReport $args[1] -Compare sim/explorer, sim/context-stall", Runs, MarkdownPath);

            ImportedMarkdownPath = Path.Combine(Fixture.Root, "imported.md");
            session.RunOk("Import-ModelRun $args[0] | Export-ModelRunReport $args[1]", Fixture.Output, ImportedMarkdownPath);

            var hostileDeliverable = Path.Combine(Fixture.Root, "hostile.CLAUDE.md");
            File.WriteAllText(hostileDeliverable, "# CLAUDE.md\n\n<script>alert(1)</script>\n<img src=x onerror=alert(2)>\nRun `npm run <b>ghost</b>` first.\n</pre><script>alert(3)</script>\n");
            Hostile = new ModelRun
            {
                RunId = "hostile-run", Model = HostileModel, Task = "Init", ContextLength = 65536, Duration = TimeSpan.FromSeconds(3),
                Outcome = RunOutcome.CompletedWithHallucinations, FailureMode = FailureMode.HallucinatedContent, Completed = true,
                Evidence = "</script><script>alert('evidence')</script>", ToolSequence = "Read → <svg onload=alert(4)>",
                DeliverableExists = true, DeliverablePath = hostileDeliverable, DeliverableLines = 6,
                Hallucinations = 1, HallucinationList = "undefined script npm run <b>ghost</b>", Simulated = true,
                TracePath = Path.Combine(Fixture.Output, "javascript:alert(5).stream.jsonl"),
            };
            HostileReportPath = Path.Combine(Fixture.Output, "hostile.html");
            HostileMarkdownPath = Path.Combine(Fixture.Output, "hostile.md");
            var all = Runs.Append(Hostile).ToList();
            session.RunOk("$args[0] | Export-ModelRunReport $args[1]", all, HostileReportPath);
            session.RunOk("$args[0] | Export-ModelRunReport $args[1]", all, HostileMarkdownPath);
        }

        internal RunnerFixture Fixture { get; }
        public IReadOnlyList<ModelRun> Runs { get; }
        public ModelRun Hostile { get; }
        public string ReportPath { get; }
        public string MarkdownPath { get; }
        public string ImportedMarkdownPath { get; }
        public string HostileReportPath { get; }
        public string HostileMarkdownPath { get; }

        public void Dispose() => Fixture.Dispose();
    }

    [Fact]
    public void The_sweep_covers_every_behaviour_at_every_context()
    {
        // What makes the page checks below able to fail: the runs vary model, context and outcome.
        Assert.Equal(Behaviours.Length * Contexts.Length, _sweep.Runs.Count);
        Assert.Equal(Behaviours.Order(), _sweep.Runs.Select(r => r.Model).Distinct().Order());
        Assert.Equal(Contexts, _sweep.Runs.Select(r => r.ContextLength!.Value).Distinct().Order());
        Assert.Contains(_sweep.Runs, r => r.Completed);
        Assert.Contains(_sweep.Runs, r => !r.Completed);
    }

    [Fact]
    public async Task The_page_shows_every_model_and_draws_every_chart_in_a_real_browser()
    {
        await using var browser = await HeadlessBrowser.LaunchAsync();
        var opened = await browser.OpenAsync(_sweep.ReportPath);
        var page = opened.Page;

        var summaryModels = await page.EvaluateExpressionAsync<string[]>("[...document.querySelectorAll('#summary-table tbody tr td:first-child')].map(td => td.textContent)");
        Assert.Equal(Behaviours.Order(), summaryModels.Order());
        var quality = await page.EvaluateExpressionAsync<string>("[...document.querySelectorAll('#summary-table tbody tr')].find(tr => tr.cells[0].textContent === 'sim/explorer').cells[2].textContent");
        Assert.Equal("Excellent", quality);
        Assert.Equal(_sweep.Runs.Count, await page.EvaluateExpressionAsync<int>("document.querySelectorAll('#runs-table tbody tr').length"));
        var contextRows = await page.EvaluateExpressionAsync<string[][]>("[...document.querySelectorAll('#context-table tbody tr')].map(tr => [...tr.cells].map(td => td.textContent))");
        Assert.Equal(Behaviours.Length * Contexts.Length, contextRows.Length);
        Assert.Contains(contextRows, row => row[0] == "sim/explorer" && row[1] == "16K" && row[4].StartsWith("73%"));
        var taxonomy = await page.EvaluateExpressionAsync<string[][]>("[...document.querySelectorAll('#taxonomy-table tbody tr')].map(tr => [tr.cells[0].textContent, tr.cells[1].textContent])");
        var expectedModes = _sweep.Runs.Where(r => r.FailureMode != FailureMode.None).GroupBy(r => r.FailureMode.ToString()).ToDictionary(g => g.Key, g => g.Count().ToString());
        Assert.Equal(expectedModes.OrderBy(p => p.Key), taxonomy.ToDictionary(row => row[0], row => row[1]).OrderBy(p => p.Key));
        Assert.Equal(new[] { "Aspect", "sim/explorer", "sim/context-stall" }, await page.EvaluateExpressionAsync<string[]>("[...document.querySelectorAll('#compare-table thead th')].map(th => th.textContent)"));
        var deliverables = await page.EvaluateExpressionAsync<string[]>("[...document.querySelectorAll('.deliverable')].map(a => a.dataset.model)");
        Assert.Equal(_sweep.Runs.Where(r => r.DeliverableExists).Select(r => r.Model).Distinct().Order(), deliverables.Order());
        Assert.True(await page.EvaluateExpressionAsync<int>("document.querySelectorAll('.deliverable mark.invented').length") > 0);
        Assert.True(await page.EvaluateExpressionAsync<bool>("[...document.querySelectorAll('#runs-table a')].every(a => a.protocol === 'file:')"));

        var charts = await page.EvaluateExpressionAsync<JsonElement>("""
            [...document.querySelectorAll('canvas')].map(c => {
              const chart = Chart.getChart(c);
              const pixels = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
              let painted = 0;
              for (let i = 3; i < pixels.length; i += 4) if (pixels[i] !== 0) painted++;
              return { id: c.id, width: c.width, height: c.height, painted,
                       points: chart ? chart.data.datasets.reduce((n, d) => n + d.data.filter(v => v !== null && v !== undefined).length, 0) : 0 };
            })
            """);
        var drawn = charts.EnumerateArray().ToList();
        Assert.Equal(new[] { "chart-context", "chart-outcome", "chart-time", "chart-tokens" }, drawn.Select(c => c.GetProperty("id").GetString()).Order());
        foreach (var chart in drawn)
        {
            var id = chart.GetProperty("id").GetString();
            Assert.True(chart.GetProperty("width").GetInt32() > 0 && chart.GetProperty("height").GetInt32() > 0, id);
            Assert.True(chart.GetProperty("points").GetInt32() > 0, id + " has no data");
            Assert.True(chart.GetProperty("painted").GetInt32() > 1000, id + " painted nothing");
        }

        Assert.Empty(opened.Errors);
        Assert.Empty(opened.Dialogs);
        Assert.All(opened.Requests, url => Assert.StartsWith("file:", url));

        var screenshot = Path.Combine(AppContext.BaseDirectory, "report-screenshots", "simulated-sweep.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await page.ScreenshotAsync(screenshot, new PuppeteerSharp.ScreenshotOptions { FullPage = true });
        Assert.True(new FileInfo(screenshot).Length > 10_000);
        // The top of the page (summary, charts, taxonomy, context), as the README shows it.
        var top = Path.Combine(Path.GetDirectoryName(screenshot)!, "simulated-sweep-top.png");
        await page.ScreenshotAsync(top, new PuppeteerSharp.ScreenshotOptions { Clip = new PuppeteerSharp.Media.Clip { X = 0, Y = 0, Width = 1400, Height = 2000 } });
        Assert.True(new FileInfo(top).Length > 10_000);
    }

    [Fact]
    public async Task Markup_from_a_model_runs_no_script_and_reads_as_text()
    {
        await using var browser = await HeadlessBrowser.LaunchAsync();
        var opened = await browser.OpenAsync(_sweep.HostileReportPath);
        var page = opened.Page;
        // Give an injected handler (onerror, onload) the chance to fire before looking.
        await Task.Delay(500);

        Assert.Empty(opened.Dialogs);
        Assert.Empty(opened.Errors);
        Assert.All(opened.Requests, url => Assert.StartsWith("file:", url));
        Assert.Equal(0, await page.EvaluateExpressionAsync<int>("document.querySelectorAll('img, svg, b, [onerror], [onload]').length"));
        Assert.Equal(3, await page.EvaluateExpressionAsync<int>("document.scripts.length"));
        Assert.Contains(HostileModel, await page.EvaluateExpressionAsync<string[]>("[...document.querySelectorAll('#summary-table tbody tr td:first-child')].map(td => td.textContent)"));
        var text = await page.EvaluateFunctionAsync<string>("model => [...document.querySelectorAll('.deliverable')].find(a => a.dataset.model === model).querySelector('pre').textContent", HostileModel);
        Assert.Contains("<script>alert(1)</script>", text);
        Assert.Contains("</pre><script>alert(3)</script>", text);
        Assert.Equal(new[] { "npm run <b>ghost</b>" }, await page.EvaluateFunctionAsync<string[]>(
            "model => [...[...document.querySelectorAll('.deliverable')].find(a => a.dataset.model === model).querySelectorAll('pre mark.invented')].map(m => m.textContent)", HostileModel));
        Assert.Contains(await page.EvaluateExpressionAsync<string[]>("[...document.querySelectorAll('#runs-table tbody tr td:nth-child(9)')].map(td => td.textContent)"),
            cell => cell == _sweep.Hostile.Evidence);
        // A trace named like a scheme stays a file link.
        Assert.True(await page.EvaluateExpressionAsync<bool>("[...document.querySelectorAll('#runs-table a')].every(a => a.protocol === 'file:')"));
    }

    [Fact]
    public void The_markdown_report_has_every_table_and_escapes_the_hostile_run()
    {
        var markdown = File.ReadAllText(_sweep.MarkdownPath);
        foreach (var heading in new[] { "## Results summary", "## Failure taxonomy", "## Context length", "## sim/explorer vs sim/context-stall", "## Deliverables", "## Runs" })
            Assert.Contains(heading, markdown);
        foreach (var model in Behaviours)
            Assert.Contains($"| **{model}** |", markdown);
        Assert.Equal(_sweep.Runs.Count, markdown.Split('\n').Count(line => line.Contains(".stream.jsonl>)")));

        var hostile = File.ReadAllText(_sweep.HostileMarkdownPath);
        var outsideFences = OutsideCodeFences(hostile);
        // A backslash before "<" makes it text in Markdown; a bare one would start inline HTML.
        Assert.DoesNotMatch(@"(?<!\\)<(script|img|svg|b>|/)", outsideFences);
        Assert.Contains(@"\<img src=x onerror=""alert('model')""\>", outsideFences);
        Assert.Contains("<script>alert(1)</script>", hostile);
    }

    [Fact]
    public void Import_ModelRun_of_the_results_folder_reports_the_same_runs()
    {
        var markdown = File.ReadAllLines(_sweep.ImportedMarkdownPath);
        foreach (var run in _sweep.Runs)
            Assert.Single(markdown, line => line.Contains("[" + run.RunId.Replace("_", "\\_") + "]"));
        foreach (var model in Behaviours)
            Assert.Single(markdown, line => line.StartsWith($"| **{model}** | "));
        // The deliverables were read from where Measure-ModelRun kept them beside the traces.
        Assert.Contains(markdown, line => line == "### sim/explorer");
        Assert.Contains(markdown, line => line.StartsWith("```markdown"));
    }

    /// <summary>The Markdown outside ``` fences, where GitHub would render inline HTML.</summary>
    private static string OutsideCodeFences(string markdown)
    {
        var outside = new List<string>();
        string? fence = null;
        foreach (var line in markdown.Split('\n'))
        {
            var trimmed = line.TrimStart();
            if (fence is null && trimmed.StartsWith("```"))
                fence = new string('`', trimmed.TakeWhile(c => c == '`').Count());
            else if (fence is not null && trimmed.StartsWith(fence) && trimmed.Trim('`').Length == 0)
                fence = null;
            else if (fence is null)
                outside.Add(line);
        }
        return string.Join("\n", outside);
    }
}
