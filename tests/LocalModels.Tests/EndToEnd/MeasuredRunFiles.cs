using System.IO;
using Xunit;

namespace LocalModels.Tests.EndToEnd;

/// <summary>What Measure-ModelRun leaves for a run in its output folder, as a user importing it would find it.</summary>
internal static class MeasuredRunFiles
{
    /// <summary>
    /// The session transcript Claude Code wrote in the run's own config folder (&lt;runId&gt;.claude/projects/…);
    /// a run without one fails the test, so no behaviour can drop out of an import check unnoticed.
    /// </summary>
    public static string Transcript(string output, ModelRun run)
    {
        var projects = Path.Combine(output, run.RunId + ".claude", "projects");
        Assert.True(Directory.Exists(projects), $"{run.Model}: no transcript folder {projects}");
        var found = Directory.GetFiles(projects, run.SessionId + ".jsonl", SearchOption.AllDirectories);
        Assert.True(found.Length == 1, $"{run.Model}: expected one transcript of session {run.SessionId} under {projects}, found {found.Length}");
        return found[0];
    }
}
