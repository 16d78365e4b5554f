using System;
using System.IO;
using System.Text;

namespace LocalModels.Bench;

/// <summary>
/// Writes a corpus of stream-json traces shaped like real Claude Code runs: an init line, turns of text, tool
/// calls and tool results carrying file contents of a few KB, an occasional large Write, a result line.
/// </summary>
internal static class CorpusGenerator
{
    public static long Generate(string directory, long totalBytes, int files, int seed = 42)
    {
        Directory.CreateDirectory(directory);
        var random = new Random(seed);
        var perFile = Math.Max(1, totalBytes / files);
        long written = 0;
        for (var f = 0; f < files; f++)
        {
            var path = Path.Combine(directory, $"run-{f:D4}.stream.jsonl");
            using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
            var session = Guid.NewGuid().ToString();
            var line = $"{{\"type\":\"system\",\"subtype\":\"init\",\"cwd\":\"/Users/dev/src/repo\",\"session_id\":\"{session}\",\"tools\":[\"Task\",\"Bash\",\"Edit\",\"Read\",\"Write\",\"WebFetch\",\"WebSearch\"],\"model\":\"qwen3-coder:30b\",\"claude_code_version\":\"2.1.328\",\"agents\":[\"Explore\",\"general-purpose\"]}}";
            writer.WriteLine(line);
            long size = line.Length + 1;
            var turn = 0;
            var start = new DateTimeOffset(2026, 1, 1, 9, 0, 0, TimeSpan.Zero);
            while (size < perFile)
            {
                turn++;
                var at = start.AddSeconds(turn * 20).ToString("yyyy-MM-ddTHH:mm:ss.fffZ");
                var id = $"msg_{f}_{turn}";
                var tool = random.Next(10) switch { < 5 => "Read", < 8 => "Bash", 8 => "Edit", _ => "Write" };
                var text = $"{{\"type\":\"assistant\",\"message\":{{\"id\":\"{id}\",\"role\":\"assistant\",\"model\":\"qwen3-coder:30b\",\"content\":[{{\"type\":\"text\",\"text\":\"Let me look at part {turn} of the repository to understand the build.\"}}],\"usage\":{{\"input_tokens\":{12000 + turn * 300},\"output_tokens\":1}}}},\"parent_tool_use_id\":null,\"session_id\":\"{session}\",\"timestamp\":\"{at}\"}}";
                var input = tool == "Write"
                    ? $"{{\"file_path\":\"/Users/dev/src/repo/CLAUDE.md\",\"content\":\"{Filler(random, 20_000 + random.Next(60_000))}\"}}"
                    : tool == "Bash" ? "{\"command\":\"ls -la src\",\"description\":\"list\"}" : $"{{\"file_path\":\"/Users/dev/src/repo/src/file{turn}.ts\"}}";
                var call = $"{{\"type\":\"assistant\",\"message\":{{\"id\":\"{id}\",\"role\":\"assistant\",\"model\":\"qwen3-coder:30b\",\"content\":[{{\"type\":\"tool_use\",\"id\":\"toolu_{f}_{turn}\",\"name\":\"{tool}\",\"input\":{input}}}],\"usage\":{{\"input_tokens\":{12000 + turn * 300},\"output_tokens\":1}}}},\"parent_tool_use_id\":null,\"session_id\":\"{session}\",\"timestamp\":\"{at}\"}}";
                var content = tool == "Read" ? Filler(random, 2_000 + random.Next(14_000)) : "ok";
                var result = $"{{\"type\":\"user\",\"message\":{{\"role\":\"user\",\"content\":[{{\"tool_use_id\":\"toolu_{f}_{turn}\",\"type\":\"tool_result\",\"content\":\"{content}\"}}]}},\"parent_tool_use_id\":null,\"session_id\":\"{session}\",\"timestamp\":\"{at}\",\"tool_use_result\":{{\"type\":\"text\",\"file\":{{\"content\":\"{content}\"}}}}}}";
                writer.WriteLine(text);
                writer.WriteLine(call);
                writer.WriteLine(result);
                size += text.Length + call.Length + result.Length + 3;
            }
            var end = $"{{\"type\":\"result\",\"subtype\":\"success\",\"is_error\":false,\"duration_ms\":{turn * 20_000},\"num_turns\":{turn},\"result\":\"Done.\",\"stop_reason\":\"end_turn\",\"terminal_reason\":\"completed\",\"session_id\":\"{session}\",\"usage\":{{\"input_tokens\":{turn * 12000},\"output_tokens\":{turn * 80}}}}}";
            writer.WriteLine(end);
            written += size + end.Length + 1;
        }
        return written;
    }

    private static string Filler(Random random, int length)
    {
        var builder = new StringBuilder(length);
        const string words = "import export const function return class interface build watch test lint src lib package ";
        while (builder.Length < length)
        {
            var start = random.Next(words.Length - 10);
            builder.Append(words, start, 8).Append(random.Next(4) == 0 ? "\\n" : " ");
        }
        return builder.ToString();
    }
}
