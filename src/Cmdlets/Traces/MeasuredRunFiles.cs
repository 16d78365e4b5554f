using System;
using System.IO;
using LocalModels.Measurement;

namespace LocalModels.Traces;

/// <summary>
/// What Measure-ModelRun leaves in an output folder besides its traces, which a directory import must not read
/// as runs of their own: the results file runs.jsonl (next to runs.csv), and each run's private CLAUDE_CONFIG_DIR
/// (&lt;runId&gt;.claude) whose session transcript records the same run as &lt;runId&gt;.stream.jsonl beside it.
/// </summary>
internal static class MeasuredRunFiles
{
    /// <summary>True for a *.jsonl found under <paramref name="root"/> that only repeats what the folder's traces hold.</summary>
    public static bool IsDuplicateOfATrace(string file, string root)
    {
        var directory = Path.GetDirectoryName(file);
        if (directory is null) return false;
        if (string.Equals(Path.GetFileName(file), RunResultsStore.JsonLinesFileName, StringComparison.Ordinal)
            && File.Exists(Path.Combine(directory, RunResultsStore.CsvFileName)))
            return true;
        var top = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        // Only folders below the one asked for: importing a run's .claude folder itself still reads its transcript.
        for (var current = Path.GetFullPath(directory); current.Length > top.Length; current = Path.GetDirectoryName(current) ?? "")
        {
            var name = Path.GetFileName(current);
            if (!name.EndsWith(RunSidecar.ConfigDirectorySuffix, StringComparison.Ordinal) || name.Length == RunSidecar.ConfigDirectorySuffix.Length) continue;
            var runId = name.Substring(0, name.Length - RunSidecar.ConfigDirectorySuffix.Length);
            if (File.Exists(Path.Combine(Path.GetDirectoryName(current) ?? "", runId + RunSidecar.TraceSuffix))) return true;
        }
        return false;
    }
}
