using System;
using System.Text.Json;

namespace LocalModels.Results;

/// <summary>
/// Tells Measure-ModelRun's results file (runs.jsonl: one finished ModelRun per line) from a trace by the shape of
/// its first line, so importing an output folder does not read the results as one more run, whatever the file is
/// called. A serialised ModelRun starts with its RunId, a property no trace line has. The import tells it from the
/// first block it reads of each file anyway, so telling costs no read of its own.
/// </summary>
public static class ResultsFile
{
    /// <summary>
    /// True when <paramref name="head"/>, the start of a file, starts with a JSON object whose first property is a
    /// ModelRun's RunId.
    /// </summary>
    public static bool IsResultsFile(ReadOnlySpan<byte> head)
    {
        try
        {
            var reader = new Utf8JsonReader(head, isFinalBlock: false, state: default);
            return reader.Read() && reader.TokenType == JsonTokenType.StartObject
                && reader.Read() && reader.TokenType == JsonTokenType.PropertyName
                && reader.ValueTextEquals(nameof(ModelRun.RunId));
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
