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
    public static string Transcript(string output, ModelRun run) =>
        TryTranscript(output, run) ?? throw new Xunit.Sdk.XunitException($"{run.Model}: no transcript of session {run.SessionId} under {Projects(output, run)}");

    /// <summary>The transcript, or null when Claude Code wrote none (a run killed before its first answer was complete).</summary>
    public static string? TryTranscript(string output, ModelRun run)
    {
        var projects = Projects(output, run);
        if (!Directory.Exists(projects)) return null;
        var found = Directory.GetFiles(projects, run.SessionId + ".jsonl", SearchOption.AllDirectories);
        Assert.True(found.Length <= 1, $"{run.Model}: {found.Length} transcripts of session {run.SessionId} under {projects}");
        return found.Length == 1 ? found[0] : null;
    }

    private static string Projects(string output, ModelRun run) => Path.Combine(output, run.RunId + ".claude", "projects");
}
