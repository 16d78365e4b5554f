using System.IO;
using System.Linq;
using System.Threading.Tasks;
using LocalModels.Classification;
using LocalModels.Tests.Hosting;
using LocalModels.Tests.Simulation;
using Xunit;

namespace LocalModels.Tests.EndToEnd;

/// <summary>
/// A user importing ~/.claude/projects: a session whose working folder still exists has its deliverable checked
/// against that folder, as a live run's is, without -RepositoryPath (real Claude Code CLI, simulated model).
/// </summary>
public sealed class ImportWorkingFolderTests
{
    [Fact]
    public async Task A_transcript_whose_working_folder_exists_is_checked_against_it_and_the_folder_is_left_alone()
    {
        using var run = SimulatedClaudeRun.Start(delayScale: 0.01);
        var result = await run.RunAsync("lazy-hallucinating", saveTrace: false);
        Assert.True(result.ExitCode == 0, result.Describe());
        var transcript = Directory.GetFiles(Path.Combine(run.Cli.Home, ".claude", "projects"), "*.jsonl", SearchOption.AllDirectories)
            .Single(file => !file.Contains("subagents"));
        var before = Runner.RunnerFixture.HashTree(run.Cli.Repository);

        using var session = new PowerShellSession();
        var imported = (ModelRun)Assert.Single(session.RunOk("Import-ModelRun -LiteralPath $args[0]", transcript)).BaseObject;
        Assert.Equal(run.Cli.Repository, imported.Repository);
        Assert.True(imported.DeliverableExists);
        Assert.Equal(1, imported.Hallucinations);
        Assert.Contains("src/components/Toolbar.tsx", imported.HallucinationList);
        Assert.Equal((RunOutcome.CompletedWithHallucinations, FailureMode.HallucinatedContent), (imported.Outcome, imported.FailureMode));
        Assert.Equal(before, Runner.RunnerFixture.HashTree(run.Cli.Repository));

        // Once the folder is gone there is nothing to check the claims against: the file is judged by the trace alone.
        Directory.Delete(run.Cli.Repository, recursive: true);
        var gone = (ModelRun)Assert.Single(session.RunOk("Import-ModelRun -LiteralPath $args[0]", transcript)).BaseObject;
        Assert.True(gone.DeliverableExists);
        Assert.Equal(0, gone.Hallucinations);
    }
}
