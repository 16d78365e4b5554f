using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace LocalModels.Claude;

/// <summary>
/// The command line of an unattended (headless) Claude Code run. Verified against Claude Code 2.1.328 as root:
/// <c>--permission-mode dontAsk</c> with <c>--allowedTools</c> = the tool set lets exactly those tools run without a
/// prompt and denies everything else, without <c>--dangerously-skip-permissions</c> (refused as root unless
/// IS_SANDBOX=1, which the module never sets). <c>--tools</c> fixes what the model is offered, so every run of a
/// sweep sees the same tool list; <c>--strict-mcp-config</c> keeps MCP servers from a project's .mcp.json out.
/// </summary>
public static class HeadlessArguments
{
    /// <summary>The tool set offered by default: Claude Code's core file and shell tools plus subagents.</summary>
    public static IReadOnlyList<string> DefaultTools { get; } = new[] { "Bash", "Read", "Edit", "Write", "Glob", "Grep", "Agent" };

    /// <summary>The prompt of the Init task: Claude Code's own /init slash command, which works headless.</summary>
    public const string InitPrompt = "/init";

    /// <summary>The nudge sent when a run stopped mid-task (the field report's manual intervention).</summary>
    public const string ContinuePrompt = "Continue";

    /// <summary>Flags that, when the caller passes them, replace the module's own permission setup.</summary>
    private static readonly string[] PermissionFlags =
    {
        "--permission-mode", "--allowedTools", "--allowed-tools", "--dangerously-skip-permissions", "--tools",
    };

    /// <summary>Builds the arguments; <paramref name="resumeSessionId"/> continues an earlier session (an intervention).</summary>
    public static IReadOnlyList<string> Build(
        string prompt,
        string model,
        IReadOnlyList<string> tools,
        int? maxTurns,
        string? resumeSessionId = null,
        IReadOnlyList<string>? extraArguments = null)
    {
        var arguments = new List<string>();
        if (resumeSessionId is not null) arguments.AddRange(new[] { "--resume", resumeSessionId });
        arguments.AddRange(new[] { "-p", prompt, "--output-format", "stream-json", "--verbose", "--model", model });
        var extra = extraArguments ?? Array.Empty<string>();
        if (!extra.Any(argument => PermissionFlags.Contains(argument.Split('=')[0], StringComparer.Ordinal)))
        {
            var toolList = string.Join(",", tools);
            arguments.AddRange(new[] { "--tools", toolList, "--permission-mode", "dontAsk", "--allowedTools", toolList });
        }
        arguments.Add("--strict-mcp-config");
        if (maxTurns is > 0) arguments.AddRange(new[] { "--max-turns", maxTurns.Value.ToString(CultureInfo.InvariantCulture) });
        arguments.AddRange(extra);
        return arguments;
    }
}
