using System;
using System.IO;
using System.Linq;
using LocalModels.Tests.Hosting;
using Xunit;

namespace LocalModels.Tests.Runner;

/// <summary>Invoke-ClaudeLocal with the real Claude Code CLI against the simulator.</summary>
[Collection(RunnerCollection.Name)]
public sealed class InvokeClaudeLocalEndToEndTests
{
    [Fact]
    public void Prompt_runs_headless_in_place_and_returns_a_measured_run()
    {
        using var fixture = new RunnerFixture();
        using var session = new PowerShellSession();

        var result = session.Run(
            "$null = $ExecutionContext.SessionState.Path.SetLocation($args[2]); Invoke-ClaudeLocal -Model sim/explorer:latest -OllamaHost $args[0] -ClaudePath $args[1] -Prompt '/init' -OutputDirectory $args[3]",
            fixture.Host, RunnerFixture.Claude, fixture.Repository, fixture.Output);

        Assert.Empty(result.Errors);
        var run = (ModelRun)result.Output.Single().BaseObject;
        Assert.Equal("Prompt", run.Task);
        Assert.True(run.Completed, $"{run.ExitReason} {run.ErrorMessage}");
        Assert.True(run.Simulated);
        Assert.Equal(0, run.ExitCode);
        // In place: the user asked to work here, so the file is in the current location, not in a copy.
        Assert.True(File.Exists(Path.Combine(fixture.Repository, "CLAUDE.md")));
        Assert.True(File.Exists(run.TracePath));
        Assert.Equal(fixture.Output, Path.GetDirectoryName(run.TracePath));
        Assert.Contains("Write", run.ToolSequence);
    }

    [Fact]
    public void The_preflight_stops_a_model_without_tools_before_claude_starts()
    {
        using var fixture = new RunnerFixture();
        using var session = new PowerShellSession();

        var result = session.Run("Invoke-ClaudeLocal -Model sim/no-tools:latest -OllamaHost $args[0] -ClaudePath $args[1] -Prompt 'hi'", fixture.Host, RunnerFixture.Claude);

        Assert.Equal("ModelLacksTools,LocalModels.Commands.InvokeClaudeLocalCommand", result.FirstErrorId);
        Assert.DoesNotContain(fixture.Simulator.Server.Requests, r => r.Path == "/v1/messages");
    }

    [Fact]
    public void The_preflight_reports_a_server_that_is_down()
    {
        using var session = new PowerShellSession();
        var result = session.Run("Invoke-ClaudeLocal -Model m -OllamaHost http://127.0.0.1:1 -ClaudePath $args[0]", RunnerFixture.Claude);
        Assert.Equal("OllamaNotRunning,LocalModels.Commands.InvokeClaudeLocalCommand", result.FirstErrorId);
    }
}
