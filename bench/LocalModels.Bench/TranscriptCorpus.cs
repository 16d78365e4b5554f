using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace LocalModels.Bench;

/// <summary>A real session transcript and the subagent transcripts that belong to it.</summary>
internal sealed record SourceSession(string Path, IReadOnlyList<string> SubagentPaths)
{
    public long Bytes => new FileInfo(Path).Length + SubagentPaths.Sum(p => new FileInfo(p).Length);
}

/// <summary>How the corpus's sessions are made from the real ones.</summary>
internal enum CorpusShape
{
    /// <summary>Exact copies with fresh ids: as many sessions as the size needs.</summary>
    Exact,

    /// <summary>
    /// A given number of sessions, each a source grown with more of Claude Code's own bookkeeping lines (prompt
    /// snapshots, system reminders, request shapes and blobs) and longer file reads. What a verdict rests on (turns,
    /// tool calls, errors, texts, the deliverable) is not touched, so a session is judged exactly as its source is.
    /// </summary>
    Grown,

    /// <summary>A given number of long sessions, each a source's whole conversation held again and again (see <see cref="TranscriptCorpus"/>).</summary>
    Long,
}

/// <summary>
/// Multiplies real Claude Code transcripts into a ~/.claude/projects tree of the size asked for, every session with
/// fresh session, message, tool, request and agent ids (see <see cref="CorpusShape"/>).
/// </summary>
internal static class TranscriptCorpus
{
    private static readonly HashSet<string> BookkeepingKinds = new(StringComparer.Ordinal) { "attachment", "api-request-shape", "api-request-blob" };

    private static readonly Regex Ids = new(
        @"[0-9a-f]{64}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|(?<prefix>msg_|toolu_|req_)[0-9A-Za-z]{20,32}|\ba[0-9a-f]{16}\b",
        RegexOptions.Compiled | RegexOptions.CultureInvariant);

    /// <summary>Every main session transcript below <paramref name="directory"/> (Measure-ModelRun's run config folders).</summary>
    public static IReadOnlyList<SourceSession> FindSources(string directory) =>
        !Directory.Exists(directory) ? new List<SourceSession>() : Directory.EnumerateFiles(directory, "*.jsonl", SearchOption.AllDirectories)
            .Where(path => path.Contains(Path.DirectorySeparatorChar + "projects" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .Where(path => Path.GetFileName(Path.GetDirectoryName(path)) != "subagents")
            .OrderBy(path => path, StringComparer.Ordinal)
            .Select(path => new SourceSession(path, SubagentsOf(path)))
            .ToList();

    private static IReadOnlyList<string> SubagentsOf(string sessionPath)
    {
        var folder = Path.Combine(Path.GetDirectoryName(sessionPath)!, Path.GetFileNameWithoutExtension(sessionPath), "subagents");
        return Directory.Exists(folder) ? Directory.GetFiles(folder, "*.jsonl").OrderBy(p => p, StringComparer.Ordinal).ToList() : new List<string>();
    }

    /// <summary>
    /// Writes <paramref name="sessions"/> sessions under &lt;root&gt;/projects/&lt;project&gt;/, source i % sources for
    /// session i, each of the <paramref name="shape"/> asked for (its share of <paramref name="totalBytes"/> when grown or
    /// long). Returns how many copies each source got, and the session each copy is a copy of (with fresh ids): the
    /// source itself, or, for long sessions, a template written under &lt;root&gt;/templates, outside the corpus.
    /// </summary>
    public static (int[] Copies, IReadOnlyList<string> Templates) Build(IReadOnlyList<SourceSession> sources, string root, long totalBytes, int sessions, CorpusShape shape, int projects = 25)
    {
        var perSession = shape == CorpusShape.Exact ? 0 : totalBytes / sessions;
        var templates = sources.Select(source => shape == CorpusShape.Long ? Lengthen(source, perSession) : Grow(source, perSession)).ToList();
        var templatePaths = shape == CorpusShape.Long
            ? templates.Select((template, i) => Write(template, Path.Combine(root, "templates", $"source{i:D2}"), Path.GetFileNameWithoutExtension(sources[i].Path))).ToList()
            : sources.Select(source => source.Path).ToList();
        var copies = new int[sources.Count];
        for (var i = 0; i < sessions; i++)
        {
            var index = i % sources.Count;
            copies[index]++;
            var project = Path.Combine(root, "projects", $"-Users-dev-src-project{i % projects:D2}");
            Write(templates[index], project, Path.GetFileNameWithoutExtension(sources[index].Path));
        }
        return (copies, templatePaths);
    }

    /// <summary>Writes a session into <paramref name="folder"/> with fresh ids, the same source id always by the same new one; returns its path.</summary>
    private static string Write(GrownSession session, string folder, string sourceSessionId)
    {
        var fresh = new Dictionary<string, string>(StringComparer.Ordinal);
        Directory.CreateDirectory(folder);
        var sessionId = Refresh(sourceSessionId, fresh);
        var path = Path.Combine(folder, sessionId + ".jsonl");
        File.WriteAllText(path, Refresh(session.Main, fresh));
        foreach (var (name, text) in session.Subagents)
        {
            var subagents = Path.Combine(folder, sessionId, "subagents");
            Directory.CreateDirectory(subagents);
            File.WriteAllText(Path.Combine(subagents, Refresh(name, fresh)), Refresh(text, fresh));
        }
        return path;
    }

    private sealed record GrownSession(string Main, IReadOnlyList<(string Name, string Text)> Subagents);

    /// <summary>The source with its bookkeeping lines and file reads repeated so the whole is about <paramref name="target"/> bytes (0: as it is).</summary>
    private static GrownSession Grow(SourceSession source, long target)
    {
        var files = new[] { source.Path }.Concat(source.SubagentPaths).ToList();
        if (target == 0) return new GrownSession(File.ReadAllText(files[0]), source.SubagentPaths.Select(p => (Path.GetFileName(p), File.ReadAllText(p))).ToList());
        long growable = 0, fixedBytes = 0;
        foreach (var file in files)
            foreach (var line in File.ReadLines(file))
            {
                var size = Encoding.UTF8.GetByteCount(line) + 1;
                if (IsGrowable(line)) growable += size;
                else fixedBytes += size;
            }
        var factor = growable == 0 ? 1 : (int)Math.Max(1, Math.Round((double)(target - fixedBytes) / growable));
        var texts = files.Select(file => GrowFile(file, factor)).ToList();
        return new GrownSession(texts[0], source.SubagentPaths.Select((p, i) => (Path.GetFileName(p), texts[i + 1])).ToList());
    }

    /// <summary>
    /// A long session of about <paramref name="target"/> bytes: the source's whole conversation (its main transcript and
    /// subagent transcripts) held again and again, as one session that went on for as many rounds. Each round has its own
    /// message, request, tool and agent ids and follows the one before it in time; the session id stays the session's.
    /// </summary>
    private static GrownSession Lengthen(SourceSession source, long target)
    {
        var rounds = (int)Math.Max(1, Math.Round((double)target / source.Bytes));
        var sessionId = Path.GetFileNameWithoutExtension(source.Path);
        var main = File.ReadAllText(source.Path);
        var subagents = source.SubagentPaths.Select(p => (Name: Path.GetFileName(p), Text: File.ReadAllText(p))).ToList();
        var times = Timestamps.Matches(main).Select(m => DateTimeOffset.Parse(m.Groups["time"].Value, CultureInfo.InvariantCulture)).ToList();
        var span = times.Count == 0 ? TimeSpan.Zero : times.Max() - times.Min();
        var longMain = new StringBuilder();
        var longSubagents = new List<(string Name, string Text)>();
        for (var round = 0; round < rounds; round++)
        {
            // The session id is kept; every other id is the round's own.
            var fresh = new Dictionary<string, string>(StringComparer.Ordinal) { [sessionId] = sessionId };
            var shift = (span + TimeSpan.FromMinutes(1)) * round;
            longMain.Append(Refresh(Shift(main, shift), fresh));
            foreach (var (name, text) in subagents) longSubagents.Add((Refresh(name, fresh), Refresh(Shift(text, shift), fresh)));
        }
        return new GrownSession(longMain.ToString(), longSubagents);
    }

    private static readonly Regex Timestamps = new(@"""timestamp"":""(?<time>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z)""", RegexOptions.Compiled | RegexOptions.CultureInvariant);

    /// <summary>Every line's time moved on by <paramref name="shift"/>.</summary>
    private static string Shift(string text, TimeSpan shift) => shift == TimeSpan.Zero ? text : Timestamps.Replace(text, match =>
        "\"timestamp\":\"" + (DateTimeOffset.Parse(match.Groups["time"].Value, CultureInfo.InvariantCulture) + shift).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture) + "\"");

    private static bool IsGrowable(string line) =>
        JsonNode.Parse(line) is JsonObject node
        && (BookkeepingKinds.Contains((string?)node["type"] ?? "") || ReadResult(node) is not null);

    private static string GrowFile(string path, int factor)
    {
        var text = new StringBuilder();
        foreach (var line in File.ReadLines(path))
        {
            if (JsonNode.Parse(line) is not JsonObject node)
            {
                text.Append(line).Append('\n');
                continue;
            }
            if (BookkeepingKinds.Contains((string?)node["type"] ?? ""))
            {
                text.Append(line).Append('\n');
                for (var copy = 1; copy < factor; copy++)
                {
                    // Another request's snapshot: same shape, its own id (the refresh pass gives it a fresh one per session).
                    if (node.ContainsKey("uuid")) node["uuid"] = Guid.NewGuid().ToString();
                    if (node.ContainsKey("hash")) node["hash"] = Convert.ToHexString(Guid.NewGuid().ToByteArray()).ToLowerInvariant() + Convert.ToHexString(Guid.NewGuid().ToByteArray()).ToLowerInvariant();
                    text.Append(node.ToJsonString()).Append('\n');
                }
                continue;
            }
            if (factor > 1 && ReadResult(node) is { } read)
            {
                // A longer file read: the same lines again, in the result the model saw and in the structured copy.
                var file = read.File;
                file["content"] = string.Concat(Enumerable.Repeat((string?)file["content"] ?? "", factor));
                read.Block["content"] = string.Concat(Enumerable.Repeat((string?)read.Block["content"] ?? "", factor));
                text.Append(node.ToJsonString()).Append('\n');
                continue;
            }
            text.Append(line).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>A successful Read result: the user line's tool_result block and its toolUseResult.file; null otherwise.</summary>
    private static (JsonObject Block, JsonObject File)? ReadResult(JsonObject node)
    {
        if ((string?)node["type"] != "user" || node["toolUseResult"] is not JsonObject result || result["file"] is not JsonObject file) return null;
        if (node["message"]?["content"] is not JsonArray content || content.Count != 1 || content[0] is not JsonObject block) return null;
        if ((string?)block["type"] != "tool_result" || block["content"] is not JsonValue || block["is_error"] is JsonValue error && (bool?)error == true) return null;
        return (block, file);
    }

    /// <summary>Every id replaced by a fresh one of the same shape, the same id always by the same new one.</summary>
    private static string Refresh(string text, Dictionary<string, string> fresh) =>
        Ids.Replace(text, match =>
        {
            if (fresh.TryGetValue(match.Value, out var replacement)) return replacement;
            var prefix = match.Groups["prefix"].Value;
            var hex = Convert.ToHexString(Guid.NewGuid().ToByteArray()).ToLowerInvariant() + Convert.ToHexString(Guid.NewGuid().ToByteArray()).ToLowerInvariant();
            replacement = match.Value.Length switch
            {
                64 => hex,
                36 when prefix.Length == 0 => Guid.NewGuid().ToString(),
                _ when prefix.Length > 0 => prefix + hex.Substring(0, match.Value.Length - prefix.Length),
                _ => "a" + hex.Substring(0, 16),
            };
            return fresh[match.Value] = replacement;
        });
}
