using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using LocalModels.Classification;
using LocalModels.Traces;
using Xunit;

namespace LocalModels.Tests.Traces;

/// <summary>
/// What the reader keeps of tool calls: the text of the results a verdict reads (errors, subagents' answers, any text
/// naming an unknown tool), the subagent type of a subagent call, and nothing more; a successful call's output is
/// checked as UTF-8 but not decoded.
/// </summary>
public sealed class ToolResultTextTests
{
    private static byte[] Call(string id, string name, string input) =>
        Encoding.UTF8.GetBytes("{\"type\":\"assistant\",\"session_id\":\"s\",\"message\":{\"id\":\"m-" + id + "\",\"content\":[{\"type\":\"tool_use\",\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"input\":" + input + "}]}}");

    private static byte[] Result(string id, byte[] contentJson, bool isError)
    {
        var head = Encoding.UTF8.GetBytes("{\"type\":\"user\",\"session_id\":\"s\",\"message\":{\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"" + id + "\",\"content\":");
        var tail = Encoding.UTF8.GetBytes(",\"is_error\":" + (isError ? "true" : "false") + "}]}}");
        return head.Concat(contentJson).Concat(tail).ToArray();
    }

    private static RunTrace Read(params byte[][] lines)
    {
        var reader = new TraceReader();
        foreach (var line in lines) reader.AddLine(line);
        return reader.Trace;
    }

    private static byte[] Json(string text) => Encoding.UTF8.GetBytes(JsonSerializer.Serialize(text));

    [Fact]
    public void Errors_subagent_answers_and_unknown_tool_texts_are_kept_and_other_output_is_not()
    {
        var trace = Read(
            Call("t1", "Read", "{\"file_path\":\"/r/README.md\"}"),
            Result("t1", Json("# Counter\nA counter app."), isError: false),
            Call("t2", "Bash", "{\"command\":\"make\"}"),
            Result("t2", Json("make: *** No rule to make target"), isError: true),
            Call("t3", "Foo", "{}"),
            Result("t3", Json("<tool_use_error>Error: No such tool available: Foo</tool_use_error>"), isError: false),
            Call("t4", "Agent", "{\"description\":\"d\",\"prompt\":\"" + new string('p', 3000) + "\",\"subagent_type\":\"Explore\"}"),
            Result("t4", Encoding.UTF8.GetBytes("[{\"type\":\"text\",\"text\":\"Found the tests.\"}]"), isError: false));

        Assert.Equal(0, trace.MalformedLines);
        Assert.Equal(new[] { "", "make: *** No rule to make target", "<tool_use_error>Error: No such tool available: Foo</tool_use_error>", "Found the tests." },
            trace.ToolCalls.Select(call => call.Result!.Content));
        Assert.Equal(new[] { false, true, false, false }, trace.ToolCalls.Select(call => call.Result!.IsError));
        // Read whole from the input, after a prompt longer than any cut.
        Assert.Equal(new string?[] { null, null, null, "Explore" }, trace.ToolCalls.Select(call => call.SubagentType));
        Assert.Equal(new[] { "file_path" }, trace.ToolCalls[0].InputKeys);
    }

    [Fact]
    public void Ids_and_names_are_kept_within_their_bound_and_still_match()
    {
        // A hostile trace: every call's id, name and message id a megabyte long, each call answered, one inside a subagent.
        string Long(char c, int i) => new string(c, 1_000_000) + i;
        var lines = new List<byte[]>();
        for (var i = 0; i < 5; i++)
        {
            lines.Add(Encoding.UTF8.GetBytes("{\"type\":\"assistant\",\"session_id\":\"s\",\"message\":{\"id\":\"" + Long('m', i) + "\",\"content\":[{\"type\":\"tool_use\",\"id\":\"" + Long('t', i) + "\",\"name\":\"" + Long('n', i) + "\",\"input\":{}}]}}"));
            lines.Add(Result(Long('t', i), Json("failed " + i), isError: true));
        }
        lines.Add(Encoding.UTF8.GetBytes("{\"type\":\"assistant\",\"session_id\":\"s\",\"parent_tool_use_id\":\"" + Long('t', 0) + "\",\"message\":{\"id\":\"sub\",\"content\":[{\"type\":\"text\",\"text\":\"inside\"}]}}"));
        var trace = Read(lines.ToArray());

        Assert.Equal(0, trace.MalformedLines);
        Assert.Equal(5, trace.ToolCalls.Count);
        Assert.All(trace.ToolCalls, call =>
        {
            Assert.True(call.Id.Length <= TraceLimits.MaxIdChars + 1 && call.Name.Length <= TraceLimits.MaxIdChars + 1 && call.MessageId!.Length <= TraceLimits.MaxIdChars + 1);
            Assert.True(call.Result is { IsError: true });
        });
        Assert.Equal(Enumerable.Range(0, 5).Select(i => "failed " + i), trace.ToolCalls.Select(call => call.Result!.Content));
        Assert.Equal(trace.ToolCalls[0].Id, Assert.Single(trace.Texts).ParentToolUseId);
    }

    [Fact]
    public void A_subagent_type_is_kept_within_its_bound()
    {
        var trace = Read(Call("t1", "Task", "{\"subagent_type\":\"" + new string('x', 100_000) + "\"}"));

        var kept = Assert.Single(trace.ToolCalls).SubagentType!;
        Assert.Equal(TraceLimits.MaxSubagentTypeChars + 1, kept.Length);
        Assert.EndsWith("…", kept);
    }

    [Fact]
    public void Invalid_utf8_in_output_that_is_not_kept_still_makes_its_line_malformed()
    {
        var invalid = new byte[] { (byte)'"', (byte)'o', (byte)'k', 0xC3, (byte)'\\', (byte)'n', 0xA9, (byte)'"' };
        var trace = Read(Call("t1", "Bash", "{}"), Result("t1", invalid, isError: false));

        Assert.Equal(1, trace.MalformedLines);
        Assert.Null(Assert.Single(trace.ToolCalls).Result);
    }

    /// <summary>
    /// On generated results (the sentence or not, before or after the cut, escaped newlines, \u escapes spelling its
    /// letters, text blocks, multi-byte text, invalid UTF-8), the unknown tool a verdict reads is the one the whole
    /// decoded text names, and a line is malformed exactly when its text is not UTF-8.
    /// </summary>
    [Fact]
    public void Successful_results_name_the_same_unknown_tools_as_their_decoded_text()
    {
        var random = new Random(20261203);
        int named = 0, spelledWithEscapes = 0, malformed = 0;
        for (var round = 0; round < 2000; round++)
        {
            var (contentJson, reference) = GeneratedContent(random);
            var trace = Read(Call("t", "Bash", "{}"), Result("t", contentJson, isError: false));

            if (reference is null)
            {
                Assert.Equal(1, trace.MalformedLines);
                malformed++;
                continue;
            }
            if (ToolErrorText.UnknownTool(reference) is not null)
            {
                named++;
                if (Encoding.UTF8.GetString(contentJson).Contains("\\u0061v\\u0061il\\u0061ble:")) spelledWithEscapes++;
            }
            Assert.Equal(0, trace.MalformedLines);
            var kept = trace.ToolCalls[0].Result!.Content;
            Assert.Equal(ToolErrorText.UnknownTool(reference), ToolErrorText.UnknownTool(kept));
            Assert.Equal(ToolErrorText.UnknownTool(reference) is not null && ToolErrorText.IsDisabledTool(reference), ToolErrorText.UnknownTool(kept) is not null && ToolErrorText.IsDisabledTool(kept));
        }
        // The cases the generator is for all came up.
        Assert.True(named >= 200 && spelledWithEscapes >= 20 && malformed >= 20, $"named {named}, spelled with escapes {spelledWithEscapes}, malformed {malformed}");
    }

    /// <summary>A result's content as JSON bytes, and the text the reader would keep when decoding it (null: not UTF-8).</summary>
    private static (byte[] Json, string? Reference) GeneratedContent(Random random)
    {
        var blocks = random.Next(4) == 0 ? random.Next(1, 4) : 0;
        var texts = new List<byte[]>();
        for (var i = 0; i < Math.Max(1, blocks); i++) texts.Add(GeneratedText(random));
        var json = blocks == 0
            ? texts[0]
            : Encoding.UTF8.GetBytes("[").Concat(texts.SelectMany((text, i) =>
                Encoding.UTF8.GetBytes((i > 0 ? "," : "") + "{\"type\":\"text\",\"text\":").Concat(text).Concat(Encoding.UTF8.GetBytes("}")))).Concat(Encoding.UTF8.GetBytes("]")).ToArray();
        string? reference;
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            var whole = root.ValueKind == JsonValueKind.String
                ? root.GetString()!
                : string.Join("\n", root.EnumerateArray().Select(block => block.GetProperty("text").GetString()));
            reference = whole.Length <= TraceLimits.MaxToolResultChars ? whole : whole.Substring(0, TraceLimits.MaxToolResultChars) + "…";
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or ArgumentException)
        {
            reference = null;
        }
        return (json, reference);
    }

    private static readonly string[] Pieces =
    {
        "ok ", "line\n", "No such tool available: Foo", "<tool_use_error>Error: No such tool available: Bar</tool_use_error>",
        "Glob is not available in this session", "No such tool", " available:", "día ", "😀", "\"quoted\"", "\u001b[31m",
    };

    /// <summary>A JSON string: pieces written plainly, with \u escapes for some letters, or with invalid bytes.</summary>
    private static byte[] GeneratedText(Random random)
    {
        var bytes = new List<byte> { (byte)'"' };
        var pieces = random.Next(1, 8);
        for (var i = 0; i < pieces; i++)
        {
            // Sometimes a long run first, so the sentence falls after the cut.
            if (random.Next(6) == 0) bytes.AddRange(Encoding.UTF8.GetBytes(new string('x', random.Next(1500, 2600))));
            var piece = Pieces[random.Next(Pieces.Length)];
            var escaped = JsonSerializer.Serialize(piece, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            var text = escaped.Substring(1, escaped.Length - 2);
            if (random.Next(5) == 0) text = text.Replace("a", "\\u0061");
            bytes.AddRange(Encoding.UTF8.GetBytes(text));
            if (random.Next(40) == 0) bytes.Add(0xC3);
        }
        bytes.Add((byte)'"');
        return bytes.ToArray();
    }
}
