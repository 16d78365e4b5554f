using System;
using System.Collections.Generic;
using System.Linq;

namespace LocalModels.Claude;

/// <summary>
/// What an unattended run inherits from the user's environment: only what a shell, node and Claude Code need to start
/// and run commands (search path, home, user, shell, locale, terminal, time zone, temp folders, and on Windows the
/// system folders). Everything else (GH_TOKEN, OPENAI_API_KEY, proxies, IS_SANDBOX...) is left out, so a model the
/// user does not trust yet never sees it in a Bash call. A task that needs more names it with -Environment.
/// </summary>
public static class EnvironmentAllowlist
{
    /// <summary>Names kept as they are (compared without case, as Windows does).</summary>
    public static IReadOnlyList<string> Names { get; } = new[]
    {
        "PATH", "HOME", "USER", "LOGNAME", "SHELL", "LANG", "LANGUAGE", "TERM", "COLORTERM", "TZ",
        "TMPDIR", "TMP", "TEMP",
        // Windows: without these node and cmd cannot find the system or the user's profile.
        "PATHEXT", "SYSTEMROOT", "SYSTEMDRIVE", "WINDIR", "COMSPEC", "USERPROFILE", "USERNAME", "APPDATA", "LOCALAPPDATA",
        "PROGRAMDATA", "PROGRAMFILES", "PROGRAMFILES(X86)", "PROGRAMW6432", "COMMONPROGRAMFILES", "HOMEDRIVE", "HOMEPATH",
        "NUMBER_OF_PROCESSORS", "PROCESSOR_ARCHITECTURE", "OS",
    };

    /// <summary>Families kept by prefix: the locale categories.</summary>
    public static IReadOnlyList<string> Prefixes { get; } = new[] { "LC_" };

    /// <summary>True when an unattended run inherits this variable.</summary>
    public static bool Allows(string name) =>
        Names.Contains(name, StringComparer.OrdinalIgnoreCase)
        || Prefixes.Any(prefix => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));
}
