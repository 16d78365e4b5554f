using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LocalModels.Results;

/// <summary>
/// The results of a sweep in its output directory: <c>runs.jsonl</c> (one ModelRun per line, full fidelity) and
/// <c>runs.csv</c> (the same runs, header written once, quoted like Export-Csv). Each run is appended the moment
/// it ends, so a crash, a timeout or Ctrl+C loses nothing already measured, and -Resume can skip what is there.
/// </summary>
internal sealed class RunResultsStore
{
    public const string JsonLinesFileName = "runs.jsonl";
    public const string CsvFileName = "runs.csv";

    internal static readonly JsonSerializerOptions Json = new()
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    private static readonly PropertyInfo[] Columns = typeof(ModelRun).GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(property => property.CanRead && property.GetIndexParameters().Length == 0)
        .OrderBy(property => property.MetadataToken)
        .ToArray();

    public RunResultsStore(string directory)
    {
        Directory = directory;
    }

    public string Directory { get; }

    public string JsonLinesPath => Path.Combine(Directory, JsonLinesFileName);

    public string CsvPath => Path.Combine(Directory, CsvFileName);

    // Runs on several hosts end at the same time: one append at a time keeps each line and CSV row whole.
    private readonly object _appending = new();

    /// <summary>Appends one finished run to both files; safe to call from several threads.</summary>
    public void Append(ModelRun run)
    {
        lock (_appending) AppendBoth(run);
    }

    private void AppendBoth(ModelRun run)
    {
        AppendDurably(JsonLinesPath, JsonSerializer.Serialize(run, Json) + "\n");
        var csv = new StringBuilder();
        if (!File.Exists(CsvPath) || new FileInfo(CsvPath).Length == 0)
            csv.Append(string.Join(",", Columns.Select(column => Quote(column.Name)))).Append("\r\n");
        csv.Append(string.Join(",", Columns.Select(column => Quote(Format(column.GetValue(run)))))).Append("\r\n");
        AppendDurably(CsvPath, csv.ToString());
    }

    /// <summary>Runs already recorded (for -Resume); a torn last line from a crash is ignored.</summary>
    public IReadOnlyList<ModelRun> ReadRuns()
    {
        if (!File.Exists(JsonLinesPath)) return Array.Empty<ModelRun>();
        var runs = new List<ModelRun>();
        foreach (var line in File.ReadAllLines(JsonLinesPath))
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            try
            {
                if (JsonSerializer.Deserialize<ModelRun>(line, Json) is { } run) runs.Add(run);
            }
            catch (JsonException)
            {
            }
        }
        return runs;
    }

    /// <summary>
    /// Fails early, with the reason, when the directory cannot be created or written. Returns the folders it had
    /// to create, deepest first, so a command that ends before its first run can take them away again.
    /// </summary>
    public IReadOnlyList<string> EnsureWritable()
    {
        var created = new List<string>();
        for (var folder = Path.GetFullPath(Directory); !string.IsNullOrEmpty(folder) && !System.IO.Directory.Exists(folder); folder = Path.GetDirectoryName(folder))
            created.Add(folder);
        System.IO.Directory.CreateDirectory(Directory);
        var probe = Path.Combine(Directory, ".write-probe-" + Guid.NewGuid().ToString("N"));
        File.WriteAllText(probe, "");
        File.Delete(probe);
        return created;
    }

    /// <summary>Removes folders <see cref="EnsureWritable"/> created that are still empty (nothing was measured).</summary>
    public static void RemoveIfEmpty(IEnumerable<string> createdDeepestFirst)
    {
        foreach (var folder in createdDeepestFirst)
        {
            try
            {
                if (!System.IO.Directory.Exists(folder) || System.IO.Directory.EnumerateFileSystemEntries(folder).Any()) return;
                System.IO.Directory.Delete(folder);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return;
            }
        }
    }

    /// <summary>True when the folder holds anything at all: an interrupted sweep's traces count, an empty folder does not.</summary>
    public static bool HasContent(string directory) =>
        System.IO.Directory.Exists(directory) && System.IO.Directory.EnumerateFileSystemEntries(directory).Any();

    private static void AppendDurably(string path, string text)
    {
        using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        var bytes = new UTF8Encoding(false).GetBytes(text);
        stream.Write(bytes, 0, bytes.Length);
        stream.Flush(true);
    }

    internal static string Format(object? value) => value switch
    {
        null => "",
        TimeSpan span => span.ToString("c", CultureInfo.InvariantCulture),
        DateTimeOffset at => at.ToString("o", CultureInfo.InvariantCulture),
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Quote(string text) => "\"" + text.Replace("\"", "\"\"") + "\"";
}
