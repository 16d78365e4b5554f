using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using LocalModels.Classification;
using LocalModels.Simulation;
using LocalModels.Simulation.Anthropic;
using LocalModels.Tests.Hosting;
using LocalModels.Tests.Runner;
using LocalModels.Traces;
using Xunit;

namespace LocalModels.Tests.EndToEnd;

/// <summary>
/// The context window with the REAL Claude Code CLI against the simulator: Ollama's silent truncation past num_ctx
/// (Claude Code not told the window), Claude Code's own limits once it is told (blocking limit, compaction, a model
/// that cannot summarise), and the field report's devstral sweep pattern. Facts asserted: modes, counts, turns, tokens.
/// </summary>
public sealed class ContextWindowEndToEndTests
{
    private static ModelRun Measure(RunnerFixture fixture, string model, string extra = "")
    {
        using var session = new PowerShellSession();
        var result = session.Run($"Measure-ModelRun -Model $args[3] -Path $args[4] -Task Init {fixture.Common} -Timeout 90 {extra}",
            fixture.Args(model, fixture.Repository));
        Assert.True(result.Errors.Count == 0, result.Errors.FirstOrDefault()?.ToString());
        return (ModelRun)result.Output.Single().BaseObject;
    }

    private static RunTrace TraceOf(ModelRun run) => TraceFile.Read(run.TracePath);

    /// <summary>A copy of sim/explorer with no num_ctx: the server's default decides, and Claude Code cannot know it.</summary>
    private static void AddUnsizedExplorer(OllamaSimulator simulator, string name)
    {
        Assert.True(simulator.Catalog.TryGet("sim/explorer", out var explorer));
        var copy = explorer.Clone(SimulatorCatalog.NormalizeName(name));
        copy.Parameters.Remove("num_ctx");
        simulator.Catalog.Add(copy);
    }

    [Fact]
    public void Past_num_ctx_the_prompt_is_cut_without_an_error_and_the_model_that_lost_its_task_fails_on_the_context()
    {
        using var fixture = new RunnerFixture(delayScale: 0.02);
        fixture.Simulator.DefaultContextLength = 4096;
        AddUnsizedExplorer(fixture.Simulator, "unsized-explorer");

        var run = Measure(fixture, "unsized-explorer");

        // Claude Code sent far more than 4K tokens; the server answered (no error) and reported only what it kept.
        var firstBody = fixture.Simulator.Server.Requests.First(r => r.Path == "/v1/messages").Body;
        Assert.True(MessagesRequest.TryParse(firstBody)!.EstimatedInputTokens > 4096 + 2000);
        Assert.Equal(4096, run.LoadedContextLength);
        Assert.Equal(4096, run.PeakPromptTokens);
        Assert.Equal(1.0, run.PeakContextUse!.Value);
        Assert.True(run.ContextOverflows >= 1);
        Assert.Empty(TraceOf(run).ApiErrors);
        Assert.Equal(0, run.ToolCalls);
        Assert.Equal(RunOutcome.Failed, run.Outcome);
        Assert.Equal(FailureMode.ContextOverflow, run.FailureMode);
        var first = ContextUse.Of(TraceOf(run), 4096).First!;
        Assert.Equal((ContextEventKind.Truncated, 1, 4096L, 4096), (first.Kind, first.Turn, first.PromptTokens!.Value, first.ContextLength!.Value));
    }

    [Fact]
    public void Ollama_drops_the_task_message_first_keeping_system_messages_and_the_last_one()
    {
        using var fixture = new RunnerFixture(delayScale: 0.02);
        AddUnsizedExplorer(fixture.Simulator, "unsized-explorer");
        // Size the server's context from a real first request: system prompt, tools, system messages and the last
        // message fit; the task message does not.
        fixture.Simulator.DefaultContextLength = 4096;
        Measure(fixture, "unsized-explorer");
        var request = MessagesRequest.TryParse(fixture.Simulator.Server.Requests.First(r => r.Path == "/v1/messages").Body)!;
        var last = request.Messages.Count - 1;
        var keptSize = request.FixedTokens + request.Messages.Where((m, i) => m.IsSystem || i == last).Sum(m => m.Tokens);
        var context = keptSize + 16;
        Assert.True(context < request.EstimatedInputTokens, "the request must not fit whole");
        var fitted = ContextTruncation.Fit(request, context);
        Assert.True(fitted.LostTask);
        Assert.False(fitted.Cut);
        Assert.InRange(fitted.PromptTokens, (int)(context * ContextUse.TruncationShare), context);
        Assert.Contains(fitted.Request.Messages, m => m.IsSystem);
        Assert.Equal(request.Messages[last], fitted.Request.Messages[fitted.Request.Messages.Count - 1]);

        using var second = new RunnerFixture(delayScale: 0.02);
        second.Simulator.DefaultContextLength = context;
        AddUnsizedExplorer(second.Simulator, "unsized-explorer");
        var run = Measure(second, "unsized-explorer");
        Assert.InRange(run.PeakPromptTokens!.Value, (long)(context * ContextUse.TruncationShare), context);
        Assert.Equal(0, run.ToolCalls);
        Assert.Equal(FailureMode.ContextOverflow, run.FailureMode);
    }

    [Fact]
    public void Told_the_window_Claude_Code_compacts_and_a_model_that_cannot_summarise_fails_its_compactions()
    {
        using var fixture = new RunnerFixture(delayScale: 0.02);
        using (var session = new PowerShellSession())
            session.RunOk("$null = New-OllamaModel -BaseModel sim/context-stall -ContextLength 32768 -Name stall-32k -OllamaHost $args[0]", fixture.Host);

        var run = Measure(fixture, "stall-32k");

        Assert.Equal(32768, run.ContextLength);
        Assert.True(run.FailedCompactions >= 1);
        Assert.Equal(0, run.Compactions);
        Assert.Equal(FailureMode.ContextOverflow, run.FailureMode);
        Assert.Contains(nameof(FailureMode.ContextStall), run.Signals);
        var failed = ContextUse.Of(TraceOf(run), 32768).Events.First(e => e.Kind == ContextEventKind.CompactionFailed);
        Assert.True(failed.Turn >= 1);
    }

    [Fact]
    public void The_devstral_sweep_fails_below_32K_starts_then_invents_at_32K_and_works_at_64K_and_128K()
    {
        using var fixture = new RunnerFixture(delayScale: 0.02);
        DefaultCatalog.Populate(fixture.Simulator);
        using var session = new PowerShellSession();
        var result = session.Run(
            $"4096, 16384, 32768, 65536, 131072 | New-DevstralModelfile -Force -OllamaHost $args[0] | Measure-ModelRun -Path $args[3] -Task Init {fixture.Common} -Timeout 90 -MaxInterventions 1",
            fixture.Args(fixture.Repository));
        Assert.True(result.Errors.Count == 0, result.Errors.FirstOrDefault()?.ToString());
        var runs = result.Output.Select(o => (ModelRun)o.BaseObject).ToDictionary(r => r.ContextLength!.Value);

        foreach (var small in new[] { 4096, 16384 })
        {
            Assert.Equal((RunOutcome.Failed, FailureMode.ContextOverflow, 0), (runs[small].Outcome, runs[small].FailureMode, runs[small].ToolCalls));
            Assert.Equal("blocking_limit", runs[small].ExitReason);
            Assert.Equal(1, runs[small].ContextOverflows);
        }

        var started = runs[32768];
        var trace = TraceOf(started);
        Assert.True(started.Compactions >= 1);
        Assert.True(started.Hallucinations > 0);
        Assert.Equal(FailureMode.ContextOverflow, started.FailureMode);
        Assert.Contains(nameof(FailureMode.HallucinatedContent), started.Signals);
        // It started correctly: it explored before the first compaction, and wrote only after it.
        var firstCompaction = trace.Compactions.First(c => c.Succeeded).AfterTurn;
        Assert.Contains(trace.ToolCalls, c => c.Turn <= firstCompaction && ToolNames.IsExploring(c.Name));
        Assert.True(trace.DeliverableWriteTurn > firstCompaction);

        foreach (var large in new[] { 65536, 131072 })
        {
            Assert.Equal((RunOutcome.Success, FailureMode.None, 0, 0), (runs[large].Outcome, runs[large].FailureMode, runs[large].Compactions, runs[large].ContextOverflows));
            Assert.InRange(runs[large].PeakContextUse!.Value, 0.01, 0.5);
            Assert.Equal(large, runs[large].LoadedContextLength);
        }

        // Import-ModelRun reads the same context use from the traces and their sidecars.
        var imported = session.RunOk("Import-ModelRun -Path $args[0]", fixture.Output).Select(o => (ModelRun)o.BaseObject).ToDictionary(r => r.RunId);
        foreach (var live in runs.Values)
        {
            var again = imported[live.RunId];
            Assert.Equal((live.PeakPromptTokens, live.PeakContextUse, live.ContextOverflows, live.Compactions, live.FailedCompactions, live.FailureMode),
                (again.PeakPromptTokens, again.PeakContextUse, again.ContextOverflows, again.Compactions, again.FailedCompactions, again.FailureMode));
        }
    }
}
