using System;
using System.Collections.Generic;
using System.Linq;

namespace LocalModels.Traces;

/// <summary>
/// What the tool names in a trace mean. Names differ between Claude Code versions (init says Task where the API
/// says Agent), and some real tools are switched off by default in 2.1.328 (Glob, Grep, TodoWrite): calling one
/// of those is a model trained on another version, not an invented tool.
/// </summary>
public static class ToolNames
{
    /// <summary>Tools Claude Code has shipped under these names in some version: a model may know them from training.</summary>
    public static IReadOnlyCollection<string> KnownClaudeCodeTools { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "Agent", "Task", "Bash", "BashOutput", "KillShell", "KillBash", "Glob", "Grep", "LS", "Read", "Edit", "MultiEdit",
        "Write", "NotebookRead", "NotebookEdit", "WebFetch", "WebSearch", "TodoWrite", "TodoRead", "ExitPlanMode",
        "EnterPlanMode", "SlashCommand", "Skill", "ToolSearch", "ListAgents", "ReportFindings", "ScheduleWakeup",
        "Workflow", "DeferredToolPlaceholder", "CronCreate", "CronDelete", "CronList", "EnterWorktree", "ExitWorktree",
        "Monitor", "SendMessage", "TaskCreate", "TaskGet", "TaskList", "TaskStop", "TaskUpdate", "TaskOutput",
        "AskUserQuestion",
    };

    private static readonly HashSet<string> Exploring = new(StringComparer.Ordinal)
    {
        "Read", "Bash", "Glob", "Grep", "LS", "NotebookRead", "WebFetch", "BashOutput",
    };

    /// <summary>How Claude Code's error for a tool it does not know begins ("No such tool available: X").</summary>
    public const string UnknownToolSentence = "No such tool available:";

    /// <summary><see cref="UnknownToolSentence"/> as UTF-8, for a look at a result's bytes.</summary>
    internal static ReadOnlySpan<byte> UnknownToolSentenceUtf8 => "No such tool available:"u8;

    /// <summary>The subagent launcher: Agent in the API, Task in init lists and older versions.</summary>
    public static bool IsSubagent(string name) => name is "Agent" or "Task";

    /// <summary>Tools that look at the repository: what "exploring before writing" counts.</summary>
    public static bool IsExploring(string name) => Exploring.Contains(name);

    /// <summary>One name per tool across versions (Task and Agent are the same tool).</summary>
    public static string Canonical(string name) => name == "Task" ? "Agent" : name;

    /// <summary>Whether <paramref name="name"/> is in the run's tool list, treating Task and Agent as one tool.</summary>
    public static bool IsOffered(string name, IReadOnlyCollection<string> runTools) =>
        runTools.Contains(name) || runTools.Any(tool => Canonical(tool) == Canonical(name));
}
