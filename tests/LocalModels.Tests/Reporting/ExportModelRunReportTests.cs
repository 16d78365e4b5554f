using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using LocalModels.Classification;
using LocalModels.Tests.Hosting;
using Xunit;

namespace LocalModels.Tests.Reporting;

/// <summary>Export-ModelRunReport through the real engine on hand-made runs: formats, the summary's figures, errors.</summary>
public sealed class ExportModelRunReportTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("lm-report-").FullName;
    private readonly PowerShellSession _session = new();

    public void Dispose()
    {
        _session.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private string PathOf(string name) => Path.Combine(_directory, name);

    private static ModelRun Run(string model, double seconds, bool completed, int repetition = 1, int? context = null) => new()
    {
        RunId = $"{model}-{repetition}-{context}",
        Model = model,
        Task = "Init",
        Repetition = repetition,
        ContextLength = context,
        Duration = TimeSpan.FromSeconds(seconds),
        Completed = completed,
        Outcome = completed ? RunOutcome.Success : RunOutcome.Failed,
        FailureMode = completed ? FailureMode.None : FailureMode.ContextStall,
        Evidence = completed ? "" : "explored with 3 calls, then stopped",
        OutputTokensPerSecond = 20,
    };

    [Fact]
    public void Repeated_runs_give_the_success_rate_and_the_median_and_range_of_time()
    {
        var runs = new[]
        {
            Run("qwen3-coder:30b", 60, true, 1), Run("qwen3-coder:30b", 600, false, 2), Run("qwen3-coder:30b", 120, true, 3),
            Run("devstral-64k", 30, true),
        };
        runs[0].Quality = QualityGrade.Good;
        runs[2].Quality = QualityGrade.Excellent;
        runs[0].MemoryBytes = 15L * 1024 * 1024 * 1024;
        runs[1].MemoryBytes = 18L * 1024 * 1024 * 1024;
        runs[1].Processor = "41%/59% CPU/GPU";
        _session.RunOk("$args[0] | Export-ModelRunReport $args[1]", runs, PathOf("report.md"));

        var lines = File.ReadAllLines(PathOf("report.md"));
        var qwen = lines.Single(l => l.StartsWith("| **qwen3-coder:30b** |")).Split(" | ");
        Assert.Equal("2/3", qwen[1]);
        Assert.Equal("Good (Good – Excellent)", qwen[2]);
        Assert.Equal("2.0 min (1.0 min – 10 min)", qwen[4]);
        Assert.Equal("18.0 GB", qwen[6]);
        Assert.Equal("41%/59% CPU/GPU", qwen[7]);
        Assert.Equal("ContextStall", qwen[9].TrimEnd(' ', '|'));
        var devstral = lines.Single(l => l.StartsWith("| **devstral-64k** |")).Split(" | ");
        Assert.Equal("Yes", devstral[1]);
        Assert.Equal("30 s", devstral[4]);
        // Best first: every devstral run completed.
        Assert.True(Array.FindIndex(lines, l => l.Contains("**devstral-64k**")) < Array.FindIndex(lines, l => l.Contains("**qwen3-coder:30b**")));
        Assert.Contains(lines, l => l.StartsWith("| **ContextStall** | 1 | qwen3-coder:30b | \"explored with 3 calls, then stopped\""));
        // One context for every run: nothing to compare, so no context table.
        Assert.DoesNotContain("## Context length", lines);
    }

    [Fact]
    public void The_extension_or_Format_chooses_the_format_and_PassThru_returns_the_file()
    {
        var runs = new[] { Run("a", 10, true), Run("b", 20, false) };
        var html = (FileInfo)_session.RunOk("$args[0] | Export-ModelRunReport $args[1] -PassThru", runs, PathOf("r.html")).Single().BaseObject;
        Assert.Equal(PathOf("r.html"), html.FullName);
        Assert.StartsWith("<!DOCTYPE html>", File.ReadAllText(html.FullName));
        Assert.Contains("Chart.js v4.6.1", File.ReadAllText(html.FullName));

        Assert.Empty(_session.RunOk("$args[0] | Export-ModelRunReport $args[1] -Format Markdown", runs, PathOf("r.txt")));
        Assert.StartsWith("# Local models in Claude Code", File.ReadAllText(PathOf("r.txt")));
    }

    [Fact]
    public void Runs_that_vary_the_context_get_the_context_table()
    {
        var runs = new[] { Run("m", 10, false, context: 16384), Run("m", 20, true, context: 65536) };
        runs[0].PeakContextUse = 0.98;
        runs[0].PeakPromptTokens = 16056;
        runs[0].ContextOverflows = 2;
        _session.RunOk("$args[0] | Export-ModelRunReport $args[1]", runs, PathOf("c.md"));
        var lines = File.ReadAllLines(PathOf("c.md"));
        Assert.Contains("| m | 16K | Failed | 10 s | 98% (16056 tokens) | ContextStall; 2 overflow(s) |", lines);
        Assert.Contains("| m | 64K | Success | 20 s | - | Completed |", lines);
    }

    [Fact]
    public void Compare_gives_the_head_to_head_and_names_a_missing_model()
    {
        var runs = new[] { Run("devstral-64k", 30, true), Run("qwen3-coder:30b", 60, true) };
        runs[0].DeliverableLines = 180;
        runs[0].DeliverableExists = true;
        runs[1].ToolErrors = 2;
        _session.RunOk("$args[0] | Export-ModelRunReport $args[1] -Compare devstral-64k, QWEN3-CODER:30b", runs, PathOf("vs.md"));
        var lines = File.ReadAllLines(PathOf("vs.md"));
        Assert.Contains("## devstral-64k vs qwen3-coder:30b", lines);
        Assert.Contains("| **Output lines** | 180 | - |", lines);
        Assert.Contains("| **Tool confusion** | None | 2 failed tool call(s) |", lines);

        var missing = _session.Run("$args[0] | Export-ModelRunReport $args[1] -Compare devstral-64k, gpt-oss:20b", runs, PathOf("missing.md"));
        Assert.StartsWith("CompareModelNotFound,", missing.FirstErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, missing.Errors[0].CategoryInfo.Category);
        Assert.Contains("qwen3-coder:30b", missing.Errors[0].Exception.Message);
        Assert.False(File.Exists(PathOf("missing.md")));

        var same = _session.Run("$args[0] | Export-ModelRunReport $args[1] -Compare devstral-64k, devstral-64k", runs, PathOf("same.md"));
        Assert.StartsWith("CompareNeedsTwoModels,", same.FirstErrorId);
    }

    [Fact]
    public void Bad_input_gets_an_error_with_a_stable_id_and_writes_nothing()
    {
        var runs = new[] { Run("a", 10, true) };
        var unknown = _session.Run("$args[0] | Export-ModelRunReport $args[1]", runs, PathOf("report.pdf"));
        Assert.StartsWith("ReportFormatUnknown,", unknown.FirstErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, unknown.Errors[0].CategoryInfo.Category);
        Assert.Contains("-Format", unknown.Errors[0].Exception.Message);

        var none = _session.Run("@() | Export-ModelRunReport $args[0]", PathOf("none.html"));
        Assert.StartsWith("NoRunsToReport,", none.FirstErrorId);
        Assert.Equal(ErrorCategory.InvalidData, none.Errors[0].CategoryInfo.Category);

        var directory = _session.Run("$args[0] | Export-ModelRunReport $args[1] -Format Html", runs, _directory);
        Assert.StartsWith("ReportPathIsDirectory,", directory.FirstErrorId);

        Assert.Empty(_session.RunOk("$args[0] | Export-ModelRunReport $args[1] -WhatIf", runs, PathOf("whatif.html")));
        Assert.Empty(Directory.GetFiles(_directory));
    }

    [Fact]
    public void LiteralPath_takes_wildcard_characters_as_written_and_Path_resolves_them_like_Export_Csv()
    {
        var runs = new[] { Run("a", 10, true) };
        _session.RunOk("$args[0] | Export-ModelRunReport -LiteralPath $args[1]", runs, PathOf("run[1].md"));
        Assert.True(File.Exists(PathOf("run[1].md")));
        _session.RunOk("$args[0] | Export-ModelRunReport $args[1]", runs, PathOf("run?1?.md"));
        Assert.Equal(new[] { "run[1].md" }, Directory.GetFiles(_directory).Select(Path.GetFileName));
        File.WriteAllText(PathOf("other.md"), "");
        var ambiguous = _session.Run("$args[0] | Export-ModelRunReport $args[1]", runs, PathOf("*.md"));
        Assert.StartsWith("ReportPathAmbiguous,", ambiguous.FirstErrorId);
    }

    [Fact]
    public void Markdown_cells_keep_a_model_s_pipes_and_markup_as_text()
    {
        var run = Run("m", 10, false);
        run.ToolSequence = "Read → Bash | rm -rf / → <b>x</b> → **bold** → [link](javascript:alert(1))";
        _session.RunOk("$args[0] | Export-ModelRunReport $args[1]", new[] { run }, PathOf("esc.md"));
        var row = File.ReadAllLines(PathOf("esc.md")).Single(l => l.StartsWith("| m | - | 1 |"));
        Assert.Contains(@"Read → Bash \| rm -rf / → \<b\>x\</b\> → \*\*bold\*\* → \[link\](javascript:alert(1))", row);
        // Cells are split on unescaped pipes only: the row still has its nine cells.
        Assert.Equal(9, System.Text.RegularExpressions.Regex.Split(row.Trim().Trim('|'), @"(?<!\\)\|").Length);
    }

    [Fact]
    public void Get_Help_documents_every_form_with_an_example()
    {
        var help = _session.RunOk("$h = Get-Help Export-ModelRunReport -Full; $h.Synopsis; ($h.Parameters.Parameter | ForEach-Object { $_.Name + '=' + ($_.Description | ForEach-Object Text) }) -join \"`n\"")
            .Select(o => o.ToString()!).ToList();
        Assert.StartsWith("Writes the report", help[0]);
        var parameters = help[1].Split('\n').ToDictionary(line => line.Split('=')[0], line => line.Substring(line.IndexOf('=') + 1));
        foreach (var parameter in new[] { "Path", "LiteralPath", "InputObject", "Format", "Compare", "Title", "PassThru" })
            Assert.True(parameters.TryGetValue(parameter, out var description) && description.Length > 20, parameter + " is undocumented");
        var examples = _session.RunOk("(Get-Help Export-ModelRunReport).examples.example.code").Select(o => o.ToString()).ToList();
        Assert.Contains(examples, code => code.Contains("Measure-ModelRun") && code.Contains("report.html"));
        Assert.Contains(examples, code => code.Contains("Import-ModelRun") && code.Contains(".md"));
        Assert.Contains(examples, code => code.Contains("-Compare"));
        Assert.Contains(examples, code => code.Contains("-Format"));
    }
}
