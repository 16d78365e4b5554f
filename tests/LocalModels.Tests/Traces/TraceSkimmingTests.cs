using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using LocalModels.Tests.Hosting;
using LocalModels.Traces;
using Xunit;

namespace LocalModels.Tests.Traces;

/// <summary>
/// The reader passes over the lines no verdict reads (Claude Code's bookkeeping) without parsing them; it must read
/// every trace exactly as it does when it parses every line whole.
/// </summary>
public sealed class TraceSkimmingTests
{
    private static readonly string[] BookkeepingKinds = { "attachment", "api-request-shape", "api-request-blob", "queue-operation", "last-prompt", "atis-latch", "tools-used" };

    public static IEnumerable<object[]> Traces() =>
        Directory.GetFiles(RepositoryPaths.Samples, "*.jsonl", SearchOption.AllDirectories)
            .Where(path => !TraceFile.IsSubagentFile(path))
            .OrderBy(path => path, System.StringComparer.Ordinal)
            .Select(path => new object[] { Path.GetRelativePath(RepositoryPaths.Samples, path) });

    [Theory]
    [MemberData(nameof(Traces))]
    public void A_skimmed_trace_is_the_trace_read_whole(string sample)
    {
        var path = Path.Combine(RepositoryPaths.Samples, sample);

        var skimmed = Read(path, skim: true);
        var whole = Read(path, skim: false);

        Assert.Equal(0, whole.SkimmedLines);
        Assert.Equal(Facts(whole), Facts(skimmed));
    }

    [Theory]
    [InlineData("transcripts/stuck-on-subagent/4faae334-990f-4580-95e7-09518e0ac55d.jsonl")]
    [InlineData("transcripts/needs-intervention/dba376b3-3c77-4731-8ff0-7795a1c939df.jsonl")]
    public void A_transcripts_bookkeeping_lines_are_not_parsed(string sample)
    {
        var path = Path.Combine(RepositoryPaths.Samples, sample);
        var bookkeeping = new[] { path }.Concat(TraceFile.SubagentFiles(path)).SelectMany(File.ReadLines)
            .Count(line => BookkeepingKinds.Contains(JsonDocument.Parse(line).RootElement.GetProperty("type").GetString()));

        var trace = Read(path, skim: true);

        Assert.True(bookkeeping > 20, $"the sample has {bookkeeping} bookkeeping lines");
        // The few before the session has named itself are read whole (they might name it).
        Assert.InRange(trace.SkimmedLines, bookkeeping * 8 / 10, bookkeeping);
    }

    [Fact]
    public void A_truncated_or_unknown_line_is_still_parsed_and_counted()
    {
        var reader = new TraceReader();
        reader.AddLine("""{"type":"queue-operation","operation":"enqueue","timestamp":"2026-12-01T10:00:00.000Z","sessionId":"s1"}""");
        reader.AddLine("""{"parentUuid":null,"isSidechain":false,"type":"user","message":{"role":"user","content":"/init"},"timestamp":"2026-12-01T10:00:01.000Z","sessionId":"s1","version":"2.1.328","cwd":"/w"}""");
        reader.AddLine("""{"parentUuid":"a","isSidechain":false,"attachment":{"type":"prompt_snapshot","systemPrompt":["x"]},"type":"attachment","timestamp":"2026-12-01T10:00:05.000Z","sessionId":"s1"}""");
        reader.AddLine("""{"type":"api-request-blob","sessionId":"s1","message":{"role":"user","content":[{"type":"text","text":"cut off""");
        reader.AddLine("""{"type":"api-request-shape","timestamp":"2026-12-01T10:00:09.000Z","shape":{"system":[]}}""");

        Assert.Equal(2, reader.Trace.SkimmedLines);
        Assert.Equal(1, reader.Trace.MalformedLines);
        Assert.Equal(new System.DateTimeOffset(2026, 12, 1, 10, 0, 9, System.TimeSpan.Zero), reader.Trace.LastEventAt);
        Assert.Equal("/w", reader.Trace.WorkingDirectory);
    }

    private static RunTrace Read(string path, bool skim)
    {
        var reader = new TraceReader { SkimsLines = skim };
        TraceFile.Feed(reader, path);
        if (reader.Trace.Format == TraceFormat.Transcript)
            foreach (var subagent in TraceFile.SubagentFiles(path)) TraceFile.Feed(reader, subagent);
        return reader.Trace;
    }

    /// <summary>Everything the reader found, but how many lines it skimmed.</summary>
    private static string Facts(RunTrace trace)
    {
        var json = JsonSerializer.SerializeToNode(trace)!.AsObject();
        json.Remove(nameof(RunTrace.SkimmedLines));
        return json.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }
}
