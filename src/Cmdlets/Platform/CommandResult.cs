namespace LocalModels.Platform;

/// <summary>
/// What a child process (launchctl, systemctl, sqlite3, claude --version, npm) printed and returned. Started is
/// false when the executable could not be started at all (not installed, not on PATH).
/// </summary>
public sealed record CommandResult(bool Started, int ExitCode, string StandardOutput, string StandardError)
{
    public bool Succeeded => Started && ExitCode == 0;

    public static CommandResult NotStarted(string reason) => new(false, -1, "", reason);
}
