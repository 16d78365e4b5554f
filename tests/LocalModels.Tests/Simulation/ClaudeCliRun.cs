using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using LocalModels.Simulation;
using LocalModels.Tests.Hosting;

namespace LocalModels.Tests.Simulation;

/// <summary>
/// Runs the REAL pinned Claude Code CLI against a local endpoint (the simulator) in a throw-away sandbox: its own
/// HOME / CLAUDE_CONFIG_DIR / TMPDIR / CLAUDE_CODE_TMPDIR and a fresh copy of the bundled sample repository as the
/// working directory. Tools run headless as root without IS_SANDBOX via
/// <c>--permission-mode dontAsk --allowedTools Bash,Read,Write,Edit --tools Bash,Read,Edit,Write,Agent</c>.
/// The process tree is killed on timeout; the sandbox is deleted on Dispose.
/// </summary>
public sealed class ClaudeCliRun : IDisposable
{
    /// <summary>The tools the runs offer the model, and those that run without asking.</summary>
    public const string Tools = "Bash,Read,Edit,Write,Agent";
    public const string AllowedTools = "Bash,Read,Write,Edit";

    private ClaudeCliRun(string root)
    {
        Root = root;
        Home = Directory.CreateDirectory(Path.Combine(root, "home")).FullName;
        Temp = Directory.CreateDirectory(Path.Combine(root, "tmp")).FullName;
        Repository = Directory.CreateDirectory(Path.Combine(root, "repo")).FullName;
        SampleRepository.ExtractTo(Repository);
    }

    public string Root { get; }
    public string Home { get; }
    public string Temp { get; }

    /// <summary>The working directory: a fresh copy of the sample repository.</summary>
    public string Repository { get; }

    public static ClaudeCliRun Create() =>
        new(Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "lm-claude-" + Guid.NewGuid().ToString("N").Substring(0, 10))).FullName);

    /// <summary>The environment a headless run against a local endpoint needs (and nothing that could hold a real key).</summary>
    public IReadOnlyDictionary<string, string> Environment(Uri endpoint, int maxRetries) => new Dictionary<string, string>
    {
        ["ANTHROPIC_BASE_URL"] = endpoint.ToString().TrimEnd('/'),
        ["ANTHROPIC_API_KEY"] = "",
        ["ANTHROPIC_AUTH_TOKEN"] = "ollama",
        ["CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC"] = "1",
        ["DISABLE_TELEMETRY"] = "1",
        ["DISABLE_AUTOUPDATER"] = "1",
        ["DISABLE_ERROR_REPORTING"] = "1",
        ["CLAUDE_CODE_MAX_RETRIES"] = maxRetries.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["HOME"] = Home,
        ["CLAUDE_CONFIG_DIR"] = Path.Combine(Home, ".claude"),
        ["TMPDIR"] = Temp,
        ["CLAUDE_CODE_TMPDIR"] = Temp,
    };

    public static IReadOnlyList<string> Arguments(string prompt, string model, bool continueSession)
    {
        var args = new List<string> { "-p", prompt, "--model", model, "--output-format", "stream-json", "--verbose",
            "--permission-mode", "dontAsk", "--allowedTools", AllowedTools, "--tools", Tools };
        if (continueSession) args.Add("--continue");
        return args;
    }

    public async Task<ClaudeCliResult> RunAsync(Uri endpoint, string model, string prompt = "/init", bool continueSession = false,
        int maxRetries = 0, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var start = new ProcessStartInfo(RepositoryPaths.ClaudeExecutable)
        {
            WorkingDirectory = Repository,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var arg in Arguments(prompt, model, continueSession)) start.ArgumentList.Add(arg);
        // Start from a clean slate: nothing of the caller's Anthropic/Claude configuration may leak into the child.
        foreach (var key in start.Environment.Keys.ToList())
        {
            if (key.StartsWith("ANTHROPIC_", StringComparison.Ordinal) || key.StartsWith("CLAUDE", StringComparison.Ordinal) || key == "IS_SANDBOX")
                start.Environment.Remove(key);
        }
        foreach (var pair in Environment(endpoint, maxRetries)) start.Environment[pair.Key] = pair.Value;

        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("claude did not start.");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout ?? TimeSpan.FromSeconds(60));
        var timedOut = false;
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            timedOut = true;
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            await process.WaitForExitAsync(CancellationToken.None);
        }
        var output = await stdout;
        var errors = await stderr;
        return new ClaudeCliResult(process.ExitCode, output, errors, timedOut, stopwatch.Elapsed, Repository);
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}

/// <summary>What a claude run printed, with helpers over its stream-json lines.</summary>
public sealed class ClaudeCliResult
{
    public ClaudeCliResult(int exitCode, string stdout, string stderr, bool timedOut, TimeSpan duration, string repository)
    {
        ExitCode = exitCode;
        Stdout = stdout;
        Stderr = stderr;
        TimedOut = timedOut;
        Duration = duration;
        Repository = repository;
        Lines = stdout.Split('\n').Where(l => l.TrimStart().StartsWith("{", StringComparison.Ordinal))
            .Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
    }

    public int ExitCode { get; }
    public string Stdout { get; }
    public string Stderr { get; }
    public bool TimedOut { get; }
    public TimeSpan Duration { get; }
    public string Repository { get; }
    public IReadOnlyList<JsonElement> Lines { get; }

    /// <summary>The last result line (there may be more than one when background subagents finish late).</summary>
    public JsonElement? Result => Lines.LastOrDefault(l => Type(l) == "result") is { ValueKind: JsonValueKind.Object } r ? r : null;

    /// <summary>Tool calls of the main thread (parent_tool_use_id null), in order.</summary>
    public IReadOnlyList<(string Name, JsonElement Input)> MainToolUses => Blocks("assistant", "tool_use", mainOnly: true)
        .Select(b => (b.GetProperty("name").GetString()!, b.GetProperty("input"))).ToList();

    public IReadOnlyList<(string Content, bool IsError)> MainToolResults => Blocks("user", "tool_result", mainOnly: true)
        .Select(b => (ContentText(b), b.TryGetProperty("is_error", out var e) && e.ValueKind == JsonValueKind.True)).ToList();

    public IReadOnlyList<string> MainTexts => Blocks("assistant", "text", mainOnly: true).Select(b => b.GetProperty("text").GetString() ?? "").ToList();

    public bool HasSubagentLines => Lines.Any(l => l.TryGetProperty("parent_tool_use_id", out var p) && p.ValueKind == JsonValueKind.String);

    public string? ReadRepositoryFile(string relative)
    {
        var path = Path.Combine(Repository, relative);
        return File.Exists(path) ? File.ReadAllText(path) : null;
    }

    public string Describe() => $"rc={ExitCode} timedOut={TimedOut} in {Duration.TotalSeconds:F1}s\nstderr: {Stderr}\nstdout:\n{Stdout}";

    private IEnumerable<JsonElement> Blocks(string lineType, string blockType, bool mainOnly) =>
        Lines.Where(l => Type(l) == lineType && (!mainOnly || !l.TryGetProperty("parent_tool_use_id", out var p) || p.ValueKind == JsonValueKind.Null))
            .Where(l => l.TryGetProperty("message", out var m) && m.TryGetProperty("content", out var c) && c.ValueKind == JsonValueKind.Array)
            .SelectMany(l => l.GetProperty("message").GetProperty("content").EnumerateArray())
            .Where(b => b.TryGetProperty("type", out var t) && t.GetString() == blockType);

    private static string? Type(JsonElement line) => line.TryGetProperty("type", out var t) ? t.GetString() : null;

    private static string ContentText(JsonElement block)
    {
        if (!block.TryGetProperty("content", out var content)) return "";
        if (content.ValueKind == JsonValueKind.String) return content.GetString() ?? "";
        if (content.ValueKind == JsonValueKind.Array)
            return string.Join("\n", content.EnumerateArray().Where(x => x.TryGetProperty("text", out _)).Select(x => x.GetProperty("text").GetString()));
        return "";
    }
}
