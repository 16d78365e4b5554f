using System;
using System.Globalization;
using System.IO;
using System.Linq;

namespace LocalModels.Results;

/// <summary>Where runs are written when -OutputDirectory is not given.</summary>
internal static class RunOutputFolder
{
    public const string DefaultName = "localmodels-runs";

    /// <summary>Invoke-ClaudeLocal -Prompt: the temp folder, since it runs in the user's own repository.</summary>
    public static string ForPrompt() => Path.Combine(Path.GetTempPath(), DefaultName);

    /// <summary>
    /// Measure-ModelRun: a new timestamped sweep folder under <paramref name="parent"/>; with
    /// <paramref name="resume"/>, the latest sweep there, so -Resume without -OutputDirectory continues it.
    /// </summary>
    public static string ForSweep(string parent, bool resume)
    {
        if (resume && Directory.Exists(parent))
        {
            // The latest sweep that measured something: a call that failed before its first run leaves nothing to continue.
            var latest = Directory.GetDirectories(parent).Where(RunResultsStore.HasContent).OrderBy(d => d, StringComparer.Ordinal).LastOrDefault();
            if (latest is not null) return latest;
        }
        return Path.Combine(parent, DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
    }
}
