using System;
using System.IO;
using System.Text.Json;

namespace LocalModels.Results;

/// <summary>
/// Tells Measure-ModelRun's results file (runs.jsonl: one finished ModelRun per line) from a trace by the shape of
/// its first line, so importing an output folder does not read the results as one more run, whatever the file is
/// called. Only the first line is read, up to <see cref="MaxFirstLineBytes"/>.
/// </summary>
public static class ResultsFile
{
    /// <summary>A ModelRun line is a few kilobytes; a first line longer than this is not one.</summary>
    public const int MaxFirstLineBytes = 1024 * 1024;

    /// <summary>True when the first line is a serialised ModelRun: an object with a RunId and without the "type" every trace line has.</summary>
    public static bool IsResultsFile(string path)
    {
        var firstLine = FirstLine(path);
        if (firstLine is null) return false;
        try
        {
            using var document = JsonDocument.Parse(firstLine.Value);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty(nameof(ModelRun.RunId), out _)
                && !root.TryGetProperty("type", out _);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static ReadOnlyMemory<byte>? FirstLine(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var buffer = new byte[(int)Math.Min(stream.Length, MaxFirstLineBytes)];
            var length = 0;
            int read;
            while (length < buffer.Length && (read = stream.Read(buffer, length, buffer.Length - length)) > 0) length += read;
            var newline = Array.IndexOf(buffer, (byte)'\n', 0, length);
            if (newline < 0 && stream.Length > length) return null; // the first line is longer than any ModelRun
            return new ReadOnlyMemory<byte>(buffer, 0, newline < 0 ? length : newline);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
