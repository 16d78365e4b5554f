namespace LocalModels.Claude;

/// <summary>
/// Exit codes recorded for a run stopped by Ctrl+C, following the shell's 128 + signal convention. Claude Code itself
/// exits 0 on the interrupt a terminal sends it, which would read as a clean exit.
/// </summary>
public static class ExitCodes
{
    /// <summary>Claude Code ended on the interrupt (SIGINT, 2).</summary>
    public const int Interrupted = 130;

    /// <summary>Claude Code was still running and the module killed it (SIGKILL, 9).</summary>
    public const int Killed = 137;
}
