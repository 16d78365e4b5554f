using System;
using System.IO;
using System.Linq;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LocalModels.Classification;
using LocalModels.Ollama;
using LocalModels.Results;
using LocalModels.Tests.Hosting;
using LocalModels.Traces;
using Xunit;

namespace LocalModels.Tests.Traces;

/// <summary>Whatever the bytes, the reader and the classifier never throw: bad lines are counted.</summary>
public sealed class TraceReaderFuzzTests
{
    private static readonly string[] SampleLines = Directory.GetFiles(RepositoryPaths.Samples, "*.jsonl", SearchOption.AllDirectories)
        .SelectMany(File.ReadAllLines).Where(l => l.Length > 0).ToArray();

    private static RunTrace ReadBytes(byte[] bytes)
    {
        var reader = new TraceReader();
        TraceFile.Feed(reader, new MemoryStream(bytes));
        return reader.Trace;
    }

    [Property(MaxTest = 200)]
    public bool Truncating_any_line_anywhere_never_throws_and_counts_it(NonNegativeInt pick, NonNegativeInt cut)
    {
        var line = SampleLines[pick.Get % SampleLines.Length];
        var truncated = line.Substring(0, cut.Get % line.Length);
        var trace = TraceReader.Read(new[] { line, truncated, line });
        RunClassifier.Classify(trace, new RunContext());
        return truncated.Trim().Length == 0 || trace.MalformedLines == 1;
    }

    [Property(MaxTest = 200)]
    public bool Garbage_bytes_never_throw(byte[] garbage)
    {
        var bytes = Encoding.UTF8.GetBytes(SampleLines[0] + "\n").Concat(garbage).Concat(Encoding.UTF8.GetBytes("\n" + SampleLines[1] + "\n")).ToArray();
        var trace = ReadBytes(bytes);
        RunClassifier.Classify(trace, new RunContext());
        return trace.TotalLines >= 2 && trace.MalformedLines <= trace.TotalLines;
    }

    [Property(MaxTest = 150)]
    public bool Wrong_types_in_known_fields_never_throw(NonNegativeInt pick, string? value, int number, bool flag)
    {
        var replacements = new[] { "null", number.ToString(), flag ? "true" : "false", "[]", "{}", "[1,\"x\",{}]", System.Text.Json.JsonSerializer.Serialize(value ?? "") };
        var replacement = replacements[Math.Abs(number % replacements.Length)];
        var fields = new[] { "message", "content", "tool_use_id", "input", "usage", "tools", "is_error", "timestamp", "type", "subtype", "id", "name", "text", "parent_tool_use_id", "result", "num_turns", "errors", "isSidechain", "agentId" };
        var field = fields[pick.Get % fields.Length];
        var lines = SampleLines.Take(40).Select(line =>
        {
            var node = System.Text.Json.Nodes.JsonNode.Parse(line)!;
            Replace(node, field, replacement);
            return node.ToJsonString();
        }).ToList();
        var trace = TraceReader.Read(lines);
        RunClassifier.Classify(trace, new RunContext());
        new LiveFailureWatcher(DateTimeOffset.UtcNow).Observe(trace, DateTimeOffset.UtcNow, Array.Empty<LocalModels.Ollama.MemorySample>());
        return trace.TotalLines == lines.Count;
    }

    private static void Replace(System.Text.Json.Nodes.JsonNode? node, string field, string json)
    {
        switch (node)
        {
            case System.Text.Json.Nodes.JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    if (key == field) obj[key] = System.Text.Json.Nodes.JsonNode.Parse(json);
                    else Replace(obj[key], field, json);
                }
                break;
            case System.Text.Json.Nodes.JsonArray array:
                foreach (var item in array) Replace(item, field, json);
                break;
        }
    }

    [Fact]
    public void A_line_over_the_bound_is_skipped_and_counted_without_being_buffered()
    {
        using var stream = new MemoryStream();
        var first = Encoding.UTF8.GetBytes(SampleLines[0] + "\n");
        stream.Write(first);
        var huge = new byte[TraceLimits.MaxLineBytes + 1024];
        Array.Fill(huge, (byte)'x');
        stream.Write(huge);
        stream.Write(Encoding.UTF8.GetBytes("\n" + SampleLines[1] + "\n"));
        stream.Position = 0;
        var before = GC.GetAllocatedBytesForCurrentThread();
        var reader = new TraceReader();
        TraceFile.Feed(reader, stream);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(1, reader.Trace.OversizedLines);
        Assert.Equal(3, reader.Trace.TotalLines);
        Assert.True(allocated < 40_000_000, $"allocated {allocated} bytes");
    }

    [Fact]
    public void A_line_of_millions_of_tiny_values_is_counted_as_oversized_in_bounded_memory()
    {
        // Under the byte bound (12 MB), but a JSON value every two bytes: read whole, its tokens alone would take
        // over 250 MB of allocations; refused at the token bound, under half that, most of it the line's own buffer.
        const int values = 3 * TraceLimits.MaxLineTokens;
        var tiny = new StringBuilder("{\"type\":\"assistant\",\"values\":[", 2 * values + 64);
        for (var i = 0; i < values; i++) tiny.Append("1,");
        tiny.Append("1]}");
        var lines = Encoding.UTF8.GetBytes(SampleLines[0] + "\n" + tiny + "\n" + SampleLines[1] + "\n");
        var before = GC.GetAllocatedBytesForCurrentThread();
        var trace = ReadBytes(lines);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(1, trace.OversizedLines);
        Assert.Equal(0, trace.MalformedLines);
        Assert.Equal(3, trace.TotalLines);
        Assert.True(allocated < 120_000_000, $"allocated {allocated} bytes");
    }

    [Fact]
    public void A_large_line_under_the_bound_spanning_many_blocks_is_parsed()
    {
        var content = new string('a', 3_000_000);
        var line = "{\"type\":\"assistant\",\"session_id\":\"s\",\"message\":{\"id\":\"m1\",\"content\":[{\"type\":\"text\",\"text\":\"" + content + "\"}]}}";
        var trace = ReadBytes(Encoding.UTF8.GetBytes(line + "\n"));
        Assert.Equal(0, trace.MalformedLines);
        Assert.Equal(TraceLimits.MaxTextChars + 1, trace.Texts.Single().Text.Length);
    }

    [Fact]
    public void Kept_texts_and_calls_stay_bounded_while_counters_keep_the_totals()
    {
        var lines = Enumerable.Range(0, 20_000).SelectMany(i => new[]
        {
            $"{{\"type\":\"assistant\",\"session_id\":\"s\",\"message\":{{\"id\":\"m{i}\",\"content\":[{{\"type\":\"text\",\"text\":\"step {i}\"}}]}}}}",
            $"{{\"type\":\"assistant\",\"session_id\":\"s\",\"message\":{{\"id\":\"m{i}\",\"content\":[{{\"type\":\"tool_use\",\"id\":\"t{i}\",\"name\":\"Read\",\"input\":{{\"file_path\":\"a\"}}}}]}}}}",
        });
        var trace = TraceReader.Read(lines);
        Assert.Equal(20_000, trace.TextBlocks);
        Assert.Equal(20_000, trace.ToolCallCount);
        Assert.True(trace.Texts.Count <= 2 * TraceLimits.MaxKeptTexts);
        Assert.Equal(TraceLimits.MaxKeptToolCalls, trace.ToolCalls.Count);
        Assert.Contains("calls not kept", TraceMetrics.ToolSequence(trace));
        Assert.Equal(20_000, trace.AssistantTurns);
    }
}
