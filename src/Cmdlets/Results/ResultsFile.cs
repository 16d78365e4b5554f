using System;
using System.Buffers;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace LocalModels.Results;

/// <summary>
/// Tells Measure-ModelRun's results file (runs.jsonl: one finished ModelRun per line) from a trace by the shape of
/// its first line, so importing an output folder does not read the results as one more run, whatever the file is
/// called. A serialised ModelRun starts with its RunId, a property no trace line has; only the first
/// <see cref="HeadBytes"/> bytes of the file are read to see it, so telling costs nothing next to an import.
/// </summary>
public static class ResultsFile
{
    /// <summary>Enough for the first property of any line.</summary>
    public const int HeadBytes = 4096;

    /// <summary>
    /// True when <paramref name="stream"/>, read from where it stands, starts with a JSON object whose first property
    /// is a ModelRun's RunId. The caller puts the stream back where it wants it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool IsResultsFile(Stream stream)
    {
        var head = ArrayPool<byte>.Shared.Rent(HeadBytes);
        try
        {
            var length = stream.Read(head, 0, HeadBytes);
            var reader = new Utf8JsonReader(new ReadOnlySpan<byte>(head, 0, length), isFinalBlock: false, state: default);
            return reader.Read() && reader.TokenType == JsonTokenType.StartObject
                && reader.Read() && reader.TokenType == JsonTokenType.PropertyName
                && reader.ValueTextEquals(nameof(ModelRun.RunId));
        }
        catch (JsonException)
        {
            return false;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(head);
        }
    }
}
