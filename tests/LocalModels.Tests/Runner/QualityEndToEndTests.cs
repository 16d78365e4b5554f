using System.IO;
using System.Linq;
using LocalModels.Tests.Hosting;
using Xunit;

namespace LocalModels.Tests.Runner;

/// <summary>
/// The quality grade on live runs of the real Claude Code CLI (simulated models, the bundled sample) and on the
/// same runs imported from their traces: a model that explores and writes from what it read grades above one that
/// writes an invented project, and Import-ModelRun -RepositoryPath gives the very grade Measure-ModelRun gave.
/// </summary>
[Collection(RunnerCollection.Name)]
public sealed class QualityEndToEndTests
{
    [Fact]
    public void Live_runs_are_graded_and_their_imported_traces_get_the_same_grade()
    {
        using var fixture = new RunnerFixture(delayScale: 0.01);
        using var session = new PowerShellSession();
        var live = session.RunOk($"'sim/explorer:latest', 'sim/hallucinated-content:latest' | Measure-ModelRun -Path $args[3] {fixture.Common}", fixture.Args(fixture.Repository))
            .Select(o => (ModelRun)o.BaseObject).ToDictionary(r => r.Model.Split(':')[0]);

        var explorer = live["sim/explorer"];
        var invented = live["sim/hallucinated-content"];
        Assert.True(explorer.Quality >= QualityGrade.Good, $"explorer: {explorer.Quality}, grounding {explorer.Grounding}, coverage {explorer.Coverage}, missing {explorer.MissingFacts}, false {explorer.HallucinationList}");
        Assert.Equal(1.0, explorer.Grounding);
        Assert.Contains("test command: npm test", explorer.CoveredFacts);
        Assert.Equal(QualityGrade.Poor, invented.Quality);
        Assert.True(invented.Grounding < 0.5, $"grounding {invented.Grounding}: {invented.HallucinationList}");
        Assert.True(invented.Coverage < explorer.Coverage);
        Assert.NotEmpty(invented.MissingFacts);

        var imported = session.RunOk("Import-ModelRun -Path $args[0] -RepositoryPath $args[1]", fixture.Output, fixture.Repository)
            .Select(o => (ModelRun)o.BaseObject).ToDictionary(r => r.Model.Split(':')[0]);
        foreach (var (model, run) in live)
        {
            var again = imported[model];
            Assert.Equal((run.Quality, run.Grounding, run.Coverage, run.CoveredFacts, run.MissingFacts), (again.Quality, again.Grounding, again.Coverage, again.CoveredFacts, again.MissingFacts));
        }
        // Without -RepositoryPath the sidecar names the repository the runs were measured on: the same grades.
        var bySidecar = session.RunOk("Import-ModelRun -Path $args[0]", fixture.Output).Select(o => (ModelRun)o.BaseObject).ToDictionary(r => r.Model.Split(':')[0]);
        Assert.All(live, pair => Assert.Equal((pair.Value.Quality, pair.Value.Grounding), (bySidecar[pair.Key].Quality, bySidecar[pair.Key].Grounding)));

        // Once that repository is gone there is nothing to measure against: no grade, rather than a wrong one.
        var moved = fixture.Repository + "-moved";
        Directory.Move(fixture.Repository, moved);
        try
        {
            var unmeasured = session.RunOk("Import-ModelRun -Path $args[0]", fixture.Output).Select(o => (ModelRun)o.BaseObject).ToList();
            Assert.All(unmeasured, run => Assert.Equal((QualityGrade.None, (double?)null), (run.Quality, run.Grounding)));
        }
        finally
        {
            Directory.Move(moved, fixture.Repository);
        }
    }
}
