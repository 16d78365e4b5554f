using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace LocalModels.Claude;

/// <summary>
/// The settings the module passes on Claude Code's command line. Claude Code reads settings files after the child's
/// environment is set (user <c>~/.claude/settings.json</c>, project <c>.claude/settings.json</c>, local
/// <c>.claude/settings.local.json</c>); their <c>env</c>, <c>apiKeyHelper</c> and hooks would otherwise put a
/// credential back, add headers or send every request elsewhere. Command-line settings (<c>--settings</c>) take
/// precedence over all three (only an administrator's managed settings rank higher), so the endpoint, the token and
/// the headers are the module's whatever the files say.
/// <para>
/// Verified with Claude Code 2.1.328: <c>"apiKeyHelper": ""</c> stops a helper from any file from running; an
/// <c>env</c> entry set to "" blanks the same entry from any file. A settings value that fails Claude Code's
/// validation makes it ignore the whole <c>--settings</c> silently, so only plain strings and booleans go here.
/// </para>
/// </summary>
public static class CommandLineSettings
{
    /// <summary>The only setting source of an unattended run: "user", which is the run's own empty config folder.</summary>
    public const string UnattendedSources = "user";

    /// <summary>What <c>apiKeySource</c> in the stream's init line says when no key from a file or helper was used.</summary>
    public const string ExpectedApiKeySource = "none";

    /// <summary>
    /// The arguments: <c>--settings &lt;json&gt;</c>, and for an unattended run <c>--setting-sources user</c> so no
    /// settings file of the repository under measurement (project or local) is loaded at all.
    /// </summary>
    public static IReadOnlyList<string> Arguments(ClaudeEnvironment environment, bool unattended)
    {
        var arguments = new List<string> { "--settings", Json(environment, unattended) };
        if (unattended) arguments.AddRange(new[] { "--setting-sources", UnattendedSources });
        return arguments;
    }

    /// <summary>
    /// <c>env</c>: every variable the module sets, and "" for every removed one a file might set; <c>apiKeyHelper</c>
    /// blanked; unattended runs also turn off all hooks.
    /// </summary>
    public static string Json(ClaudeEnvironment environment, bool unattended)
    {
        var env = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in ClaudeEnvironment.RemovedVariables) env[name] = "";
        foreach (var pair in environment.Variables) env[pair.Key] = pair.Value;
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("env");
            foreach (var pair in env) writer.WriteString(pair.Key, pair.Value);
            writer.WriteEndObject();
            writer.WriteString("apiKeyHelper", "");
            if (unattended) writer.WriteBoolean("disableAllHooks", true);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
