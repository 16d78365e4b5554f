using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using LocalModels.Classification;
using LocalModels.Ollama;
using LocalModels.Tests.Hosting;
using Xunit;

namespace LocalModels.Tests.Classification;

/// <summary>Import-ModelRun and Get-ModelFailureMode through the real engine: binding, pipeline, errors, warnings, help.</summary>
public sealed class ImportModelRunCommandTests : IDisposable
{
    private readonly PowerShellSession _session = new();
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "lm-import-" + Guid.NewGuid().ToString("N"));

    public ImportModelRunCommandTests()
    {
        Directory.CreateDirectory(_dir);
        foreach (var file in Directory.GetFiles(RepositoryPaths.Samples, "*.jsonl"))
            File.Copy(file, Path.Combine(_dir, Path.GetFileName(file)));
    }

    public void Dispose()
    {
        _session.Dispose();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    private static ModelRun Run(PSObject item) => (ModelRun)item.BaseObject;

    [Fact]
    public void Path_with_a_wildcard_imports_each_matching_trace()
    {
        var output = _session.RunOk("Import-ModelRun -Path ($args[0] + '/err*.jsonl')", _dir);
        var runs = output.Select(Run).OrderBy(r => r.TracePath).ToList();
        Assert.Equal(new[] { FailureMode.NoToolSupport, FailureMode.EndpointError }, runs.Select(r => r.FailureMode));
        Assert.Equal("deepseek-r1:32b", runs[0].Model);
        Assert.Equal("api_error", runs[0].ExitReason);
        Assert.True(runs[0].IsError);
        Assert.Equal("NoToolSupport", runs[0].Signals);
        Assert.False(runs[0].Simulated);
    }

    [Theory]
    [InlineData("Import-ModelRun -LiteralPath $args[0] -Verbose")]
    [InlineData("$VerbosePreference = 'Continue'; Import-ModelRun -LiteralPath $args[0]")]
    [InlineData("function Get-Runs { [CmdletBinding()] param($p) Import-ModelRun -LiteralPath $p }; Get-Runs $args[0] -Verbose")]
    [InlineData("$PSDefaultParameterValues['Import-ModelRun:Verbose'] = $true; Import-ModelRun -LiteralPath $args[0]")]
    public void Each_trace_read_is_reported_whichever_way_verbose_output_is_asked_for(string script)
    {
        var result = _session.Run(script, _dir);
        Assert.Equal(7, result.Output.Count);
        Assert.Equal(7, result.Verbose.Count(line => line.StartsWith("Read trace ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Without_verbose_output_asked_for_no_trace_read_is_reported()
    {
        var result = _session.Run("Import-ModelRun -LiteralPath $args[0]", _dir);
        Assert.Equal(7, result.Output.Count);
        Assert.Empty(result.Verbose);
    }

    [Fact]
    public void A_directory_is_searched_and_each_run_carries_its_metrics()
    {
        var output = _session.RunOk("Import-ModelRun -LiteralPath $args[0]", _dir);
        Assert.Equal(7, output.Count);
        var basic = output.Select(Run).Single(r => r.TracePath.EndsWith("basic_glob_read_write.stream.jsonl"));
        Assert.Equal("Glob → Read → Write", basic.ToolSequence);
        Assert.Equal(3, basic.ToolCalls);
        Assert.Equal(1, basic.ToolErrors);
        Assert.Equal(145, basic.OutputTokens);
        Assert.Equal("2.1.328", basic.ClaudeCodeVersion);
        Assert.Equal("d07a2ffa-8cbd-49a3-b942-c76af75ab0ef", basic.SessionId);
        Assert.Equal("completed", basic.ExitReason);
        Assert.True(basic.Duration > TimeSpan.Zero);
        Assert.NotNull(basic.OutputTokensPerSecond);
    }

    [Fact]
    public void Objects_with_a_provider_qualified_PSPath_bind_from_the_pipeline()
    {
        var output = _session.RunOk(
            "[pscustomobject]@{ PSPath = 'Microsoft.PowerShell.Core\\FileSystem::' + $args[0] } | Import-ModelRun",
            Path.Combine(_dir, "max_turns_2.stream.jsonl"));
        var run = Run(Assert.Single(output));
        Assert.Equal(RunOutcome.Stopped, run.Outcome);
        Assert.Equal("max_turns", run.ExitReason);
    }

    [Fact]
    public void File_objects_from_the_pipeline_are_imported()
    {
        var output = _session.RunOk("[System.IO.DirectoryInfo]::new($args[0]).GetFiles('tool_*.jsonl') | Import-ModelRun", _dir);
        Assert.Equal(FailureMode.NestedParams, Run(Assert.Single(output)).FailureMode);
    }

    [Fact]
    public void Many_traces_are_read_on_every_core_and_come_out_in_path_order()
    {
        // Enough files that both cores take several, each with its own verdict to keep apart.
        var samples = Directory.GetFiles(_dir, "*.jsonl").OrderBy(p => p, StringComparer.Ordinal).ToList();
        var many = Path.Combine(_dir, "many");
        Directory.CreateDirectory(many);
        for (var i = 0; i < 60; i++)
            File.Copy(samples[i % samples.Count], Path.Combine(many, $"run-{i:D3}.stream.jsonl"));

        var runs = _session.RunOk("Import-ModelRun -LiteralPath $args[0]", many).Select(Run).ToList();

        Assert.Equal(Enumerable.Range(0, 60).Select(i => Path.Combine(many, $"run-{i:D3}.stream.jsonl")), runs.Select(r => r.TracePath));
        var alone = samples.Select(p => _session.RunOk("Import-ModelRun -LiteralPath $args[0]", p).Select(Run).Single().FailureMode).ToList();
        Assert.Equal(Enumerable.Range(0, 60).Select(i => alone[i % samples.Count]), runs.Select(r => r.FailureMode));
    }

    [Fact]
    public void A_session_tree_imports_each_session_once_with_its_subagents()
    {
        var projects = Path.Combine(_dir, "projects");
        var transcripts = Path.Combine(RepositoryPaths.Samples, "transcripts");
        foreach (var behaviour in Directory.GetDirectories(transcripts))
            CopyTree(behaviour, Path.Combine(projects, "-Users-dev-src-" + Path.GetFileName(behaviour)));

        var runs = _session.RunOk("Import-ModelRun -LiteralPath $args[0]", projects).Select(Run).ToList();

        Assert.Equal(Directory.GetDirectories(transcripts).Length, runs.Count);
        var stuck = runs.Single(r => r.TracePath.Contains("stuck-on-subagent"));
        Assert.Equal(FailureMode.StuckOnSubagent, stuck.FailureMode);
        Assert.Contains(runs, r => r.FailureMode == FailureMode.Refuses);
    }

    private static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var folder in Directory.GetDirectories(from)) CopyTree(folder, Path.Combine(to, Path.GetFileName(folder)));
    }

    [Fact]
    public void Malformed_lines_are_reported_in_a_warning_naming_the_file_and_the_count()
    {
        var file = Path.Combine(_dir, "broken.jsonl");
        var lines = File.ReadAllLines(Path.Combine(_dir, "basic_glob_read_write.stream.jsonl")).ToList();
        lines.Insert(3, "{\"type\":\"assistant\",\"mess");
        lines.Insert(5, "not json at all");
        File.WriteAllLines(file, lines);
        var result = _session.Run("Import-ModelRun -LiteralPath $args[0]", file);
        Assert.Empty(result.Errors);
        Assert.Single(result.Output);
        var warning = Assert.Single(result.Warnings);
        Assert.Contains("broken.jsonl", warning);
        Assert.Contains("2 malformed or truncated line(s)", warning);
    }

    [Fact]
    public void A_session_of_local_commands_alone_is_no_run_and_no_warning()
    {
        // Claude Code keeps a session file for a /model or /config and nothing else: no model was asked anything.
        var project = Path.Combine(_dir, "projects", "-Users-dev-src-repo");
        Directory.CreateDirectory(project);
        File.WriteAllLines(Path.Combine(project, "commands.jsonl"), new[]
        {
            "{\"parentUuid\":null,\"isSidechain\":false,\"type\":\"user\",\"sessionId\":\"c1\",\"version\":\"2.1.328\",\"cwd\":\"/r\",\"timestamp\":\"2026-11-30T10:00:00Z\",\"message\":{\"role\":\"user\",\"content\":\"<command-name>/model</command-name>\\n<command-message>model</command-message>\"}}",
            "{\"parentUuid\":\"u1\",\"isSidechain\":false,\"type\":\"user\",\"sessionId\":\"c1\",\"version\":\"2.1.328\",\"cwd\":\"/r\",\"timestamp\":\"2026-11-30T10:00:01Z\",\"message\":{\"role\":\"user\",\"content\":\"<local-command-stdout>Set model to qwen3-coder:30b</local-command-stdout>\"}}",
        });
        File.Copy(Path.Combine(_dir, "basic_glob_read_write.stream.jsonl"), Path.Combine(project, "run.jsonl"));

        var result = _session.Run("Import-ModelRun -LiteralPath $args[0] -Verbose", Path.Combine(_dir, "projects"));

        Assert.EndsWith("run.jsonl", Run(Assert.Single(result.Output)).TracePath);
        Assert.Empty(result.Warnings);
        Assert.Empty(result.Errors);
        Assert.Contains(result.Verbose, line => line.Contains("commands.jsonl", StringComparison.Ordinal));
    }

    [Fact]
    public void A_file_of_session_titles_alone_is_no_run_and_no_warning_and_titles_before_a_conversation_change_nothing()
    {
        // Older Claude Code versions start a session file with summary lines (a title and the message it ends at);
        // some files hold nothing else.
        var project = Path.Combine(_dir, "projects", "-Users-dev-src-repo");
        Directory.CreateDirectory(project);
        const string Title = "{\"type\":\"summary\",\"summary\":\"Fix the login form\",\"leafUuid\":\"3f2a\"}";
        File.WriteAllLines(Path.Combine(project, "titles.jsonl"), new[] { Title, Title.Replace("Fix the login form", "Add tests", StringComparison.Ordinal) });
        var conversation = File.ReadAllLines(Path.Combine(RepositoryPaths.Samples, "transcripts", "explorer", "85fb9b4a-9ddf-4b88-b7e3-d09ca57c324d.jsonl"));
        File.WriteAllLines(Path.Combine(project, "titled.jsonl"), new[] { Title }.Concat(conversation));
        var alone = Run(Assert.Single(_session.RunOk("Import-ModelRun -LiteralPath $args[0]", Path.Combine(RepositoryPaths.Samples, "transcripts", "explorer", "85fb9b4a-9ddf-4b88-b7e3-d09ca57c324d.jsonl"))));

        var result = _session.Run("Import-ModelRun -LiteralPath $args[0] -Verbose", Path.Combine(_dir, "projects"));

        Assert.Empty(result.Warnings);
        Assert.Empty(result.Errors);
        Assert.Contains(result.Verbose, line => line.Contains("titles.jsonl", StringComparison.Ordinal) && line.Contains("skipped", StringComparison.Ordinal));
        var titled = Run(Assert.Single(result.Output));
        Assert.EndsWith("titled.jsonl", titled.TracePath);
        Assert.Equal(alone.Outcome, titled.Outcome);
        Assert.Equal(alone.FailureMode, titled.FailureMode);
        Assert.Equal(alone.ToolCalls, titled.ToolCalls);
        Assert.Equal(alone.SessionId, titled.SessionId);
    }

    [Fact]
    public void A_stream_json_run_whose_model_never_answered_is_still_a_run()
    {
        // claude -p sent its prompt; the model, thrashing memory, produced nothing before the run ended.
        var trace = Path.Combine(RepositoryPaths.Samples, "reconstructed", "cogito-32b-128k.memory-thrash.stream.jsonl");

        var run = Run(Assert.Single(_session.RunOk("Import-ModelRun -LiteralPath $args[0]", trace)));

        Assert.Equal(0, run.ToolCalls);
    }

    [Fact]
    public void A_missing_path_is_a_TraceNotFound_error_and_the_others_still_import()
    {
        var result = _session.Run("Import-ModelRun -Path ($args[0] + '/nope*.jsonl'), ($args[0] + '/max_turns_2.stream.jsonl')", _dir);
        Assert.Equal("TraceNotFound,LocalModels.Commands.ImportModelRunCommand", result.FirstErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, result.Errors[0].CategoryInfo.Category);
        Assert.Single(result.Output);
        var literal = _session.Run("Import-ModelRun -LP ($args[0] + '/missing.jsonl')", _dir);
        Assert.Equal("TraceNotFound,LocalModels.Commands.ImportModelRunCommand", literal.FirstErrorId);
    }

    [Fact]
    public void A_missing_repository_is_a_terminating_RepositoryNotFound()
    {
        var result = _session.Run("Import-ModelRun $args[0] -RepositoryPath ($args[0] + '/no-such-repo')", _dir);
        Assert.Equal("RepositoryNotFound,LocalModels.Commands.ImportModelRunCommand", result.FirstErrorId);
        Assert.Empty(result.Output);
    }

    [Fact]
    public void The_repository_check_lists_what_the_deliverable_invented()
    {
        using var repository = new JupyterLabLatexRepository();
        var trace = Path.Combine(RepositoryPaths.Samples, "reconstructed", "granite4-32b.minimal-exploration.stream.jsonl");
        var run = Run(Assert.Single(_session.RunOk("Import-ModelRun -LiteralPath $args[0] -RepositoryPath $args[1]", trace, repository.Root)));
        Assert.Equal(RunOutcome.CompletedWithHallucinations, run.Outcome);
        Assert.Equal("missing file src/components/Toolbar.tsx", run.HallucinationList);
        Assert.Equal(1, run.Hallucinations);
        Assert.True(run.DeliverableExists);
        Assert.True(run.Completed);
    }

    [Fact]
    public void A_runner_sidecar_marks_a_trace_as_simulated()
    {
        File.WriteAllText(Path.Combine(_dir, "basic_glob_read_write.stream.jsonl.meta.json"), "{\"simulated\":true,\"model\":\"sim-model:1b\",\"task\":\"Init\",\"contextLength\":65536}");
        var run = Run(Assert.Single(_session.RunOk("Import-ModelRun ($args[0] + '/basic*.jsonl')", _dir)));
        Assert.True(run.Simulated);
        Assert.Equal("sim-model:1b", run.Model);
        Assert.Equal(65536, run.ContextLength);
    }

    [Fact]
    public void A_Measure_ModelRun_output_folder_imports_each_run_once_with_its_sidecar()
    {
        // The layout Measure-ModelRun writes: <runId>.stream.jsonl, <runId>.meta.json, the run's CLAUDE_CONFIG_DIR
        // <runId>.claude (whose transcript repeats the run) and the results files runs.jsonl / runs.csv.
        var output = Path.Combine(_dir, "sweep");
        var transcripts = Path.Combine(output, "r1.claude", "projects", "-tmp-copy");
        Directory.CreateDirectory(transcripts);
        File.Copy(Path.Combine(_dir, "basic_glob_read_write.stream.jsonl"), Path.Combine(output, "r1.stream.jsonl"));
        File.WriteAllText(Path.Combine(output, "r1.meta.json"),
            "{\"runId\":\"r1\",\"model\":\"sim/explorer\",\"task\":\"Init\",\"contextLength\":65536,\"repetition\":2,\"simulated\":true,\"interventions\":1}");
        // The run's transcript is named after, and carries, the session id of the trace beside it.
        File.WriteAllText(Path.Combine(transcripts, "d07a2ffa-8cbd-49a3-b942-c76af75ab0ef.jsonl"),
            "{\"parentUuid\":null,\"isSidechain\":false,\"type\":\"user\",\"sessionId\":\"d07a2ffa-8cbd-49a3-b942-c76af75ab0ef\",\"cwd\":\"/r\",\"timestamp\":\"2026-01-01T10:00:00Z\",\"message\":{\"role\":\"user\",\"content\":\"/init\"}}\n");
        File.WriteAllText(Path.Combine(output, "runs.jsonl"), "{\"RunId\":\"r1\",\"Model\":\"sim/explorer\"}\n");
        File.WriteAllText(Path.Combine(output, "runs.csv"), "\"RunId\",\"Model\"\n\"r1\",\"sim/explorer\"\n");

        var result = _session.Run("Import-ModelRun -Path $args[0]", output);

        var run = Run(Assert.Single(result.Output));
        Assert.Empty(result.Warnings);
        Assert.Equal("r1", run.RunId);
        Assert.EndsWith("r1.stream.jsonl", run.TracePath);
        Assert.True(run.Simulated);
        Assert.Equal("sim/explorer", run.Model);
        Assert.Equal("Init", run.Task);
        Assert.Equal(65536, run.ContextLength);
        Assert.Equal(2, run.Repetition);
        Assert.Equal(1, run.Interventions);
        // Asked for directly, a run's config folder still yields its transcript.
        Assert.Single(_session.RunOk("Import-ModelRun -Path $args[0]", Path.Combine(output, "r1.claude")));
    }

    [Fact]
    public void A_projects_folder_imports_each_session_with_its_subagents_and_skips_non_traces()
    {
        var project = Path.Combine(_dir, "projects", "-Users-dev-src-repo");
        Directory.CreateDirectory(Path.Combine(project, "s1", "subagents"));
        File.WriteAllLines(Path.Combine(project, "s1.jsonl"), new[]
        {
            "{\"parentUuid\":null,\"isSidechain\":false,\"type\":\"user\",\"sessionId\":\"s1\",\"version\":\"2.1.328\",\"cwd\":\"/r\",\"timestamp\":\"2026-01-01T10:00:00Z\",\"message\":{\"role\":\"user\",\"content\":\"/init\"}}",
            "{\"parentUuid\":\"a\",\"isSidechain\":false,\"type\":\"assistant\",\"sessionId\":\"s1\",\"timestamp\":\"2026-01-01T10:00:05Z\",\"message\":{\"id\":\"m1\",\"model\":\"qwen3-coder:30b\",\"content\":[{\"type\":\"tool_use\",\"id\":\"t1\",\"name\":\"Agent\",\"input\":{\"description\":\"d\",\"prompt\":\"p\",\"subagent_type\":\"Explore\"}}],\"stop_reason\":\"tool_use\",\"usage\":{\"input_tokens\":100,\"output_tokens\":20}}}",
            "{\"parentUuid\":\"b\",\"isSidechain\":false,\"type\":\"user\",\"sessionId\":\"s1\",\"timestamp\":\"2026-01-01T10:00:06Z\",\"message\":{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"t1\",\"content\":\"Async agent launched successfully.\\nagentId: a1\"}]},\"toolUseResult\":{\"agentId\":\"a1\"}}",
            "{\"parentUuid\":\"c\",\"isSidechain\":false,\"type\":\"assistant\",\"sessionId\":\"s1\",\"timestamp\":\"2026-01-01T10:01:00Z\",\"message\":{\"id\":\"m2\",\"model\":\"qwen3-coder:30b\",\"content\":[{\"type\":\"tool_use\",\"id\":\"t2\",\"name\":\"Write\",\"input\":{\"file_path\":\"/r/CLAUDE.md\",\"content\":\"# CLAUDE.md\\n\"}}],\"stop_reason\":\"tool_use\",\"usage\":{\"input_tokens\":200,\"output_tokens\":30}}}",
            "{\"parentUuid\":\"d\",\"isSidechain\":false,\"type\":\"user\",\"sessionId\":\"s1\",\"timestamp\":\"2026-01-01T10:01:01Z\",\"message\":{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"t2\",\"content\":\"File created successfully\"}]}}",
        });
        File.WriteAllLines(Path.Combine(project, "s1", "subagents", "agent-a1.jsonl"), new[]
        {
            "{\"parentUuid\":null,\"isSidechain\":true,\"agentId\":\"a1\",\"type\":\"assistant\",\"sessionId\":\"s1\",\"timestamp\":\"2026-01-01T10:00:10Z\",\"message\":{\"id\":\"m3\",\"model\":\"qwen3-coder:30b\",\"content\":[{\"type\":\"tool_use\",\"id\":\"t3\",\"name\":\"Read\",\"input\":{\"file_path\":\"/r/README.md\"}}],\"usage\":{\"input_tokens\":50,\"output_tokens\":10}}}",
            "{\"parentUuid\":\"e\",\"isSidechain\":true,\"agentId\":\"a1\",\"type\":\"user\",\"sessionId\":\"s1\",\"timestamp\":\"2026-01-01T10:00:11Z\",\"message\":{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"t3\",\"content\":\"1\\t# Repo\"}]}}",
        });
        File.WriteAllText(Path.Combine(project, "notes.jsonl"), "{\"hello\":1}\n");
        var result = _session.Run("Import-ModelRun -Path $args[0]", Path.Combine(_dir, "projects"));
        var run = Run(Assert.Single(result.Output));
        Assert.Equal("s1", run.SessionId);
        Assert.Equal("Init", run.Task);
        Assert.Equal("Agent → Write", run.ToolSequence);
        Assert.Equal(3, run.ToolCalls);
        Assert.Equal(60, run.OutputTokens);
        Assert.Equal(TimeSpan.FromSeconds(61), run.Duration);
        Assert.Equal(RunOutcome.Success, run.Outcome);
        Assert.Contains(result.Warnings, w => w.Contains("notes.jsonl") && w.Contains("not a Claude Code"));
    }

    [Fact]
    public void Get_ModelFailureMode_lists_the_taxonomy_in_precedence_order()
    {
        var all = _session.RunOk("Get-ModelFailureMode").Select(o => (FailureModeInfo)o.BaseObject).ToList();
        Assert.Equal(FailureModePrecedence.Order, all.Select(i => i.Name));
        Assert.All(all, i => Assert.False(string.IsNullOrWhiteSpace(i.Description + i.TypicalCause + i.Fix + i.Example) || i.Fix.Length == 0));
        Assert.Contains("New-DevstralModelfile -ContextLength 131072", all.Single(i => i.Name == FailureMode.ContextStall).Fix);
        var hallucinated = _session.RunOk("Get-ModelFailureMode -Name hallucinated*");
        Assert.Equal(3, hallucinated.Count);
    }

    [Fact]
    public void Get_ModelFailureMode_takes_runs_from_the_pipeline_and_reports_unknown_names()
    {
        var fromRuns = _session.RunOk("Import-ModelRun ($args[0] + '/err*.jsonl') | Get-ModelFailureMode", _dir);
        Assert.Equal(new[] { "NoToolSupport", "EndpointError" }, fromRuns.Select(o => o.Properties["Name"].Value.ToString()));
        var unknown = _session.Run("Get-ModelFailureMode -Name Sleepy");
        Assert.Equal("FailureModeNotFound,LocalModels.Commands.GetModelFailureModeCommand", unknown.FirstErrorId);
    }

    [Theory]
    [InlineData("Import-ModelRun", "Reads saved Claude Code traces")]
    [InlineData("Get-ModelFailureMode", "Lists the failure taxonomy")]
    public void Get_Help_shows_the_synopsis_and_examples(string command, string synopsis)
    {
        var help = _session.RunOk("Get-Help $args[0] -Full", command).Single();
        Assert.StartsWith(synopsis, help.Properties["Synopsis"].Value.ToString());
        var examples = (PSObject)help.Properties["examples"].Value;
        Assert.NotNull(examples);
        Assert.Contains("Example 1", examples.ToString() + string.Join(" ", ((object[])((PSObject)examples).Properties["example"].Value switch { object[] a => a, var one => new[] { one } }).Select(e => ((PSObject)e).Properties["title"].Value)));
    }

    [Fact]
    public void The_about_topic_ships_with_the_module()
    {
        var topic = Path.Combine(Path.GetDirectoryName(RepositoryPaths.ModuleManifest)!, "en-US", "about_LocalModels_FailureModes.help.txt");
        var text = File.ReadAllText(topic);
        Assert.Contains("Group-Object FailureMode", text);
        foreach (var mode in FailureModePrecedence.Order) Assert.Contains(mode.ToString(), text);
    }
}
