using System;
using System.Collections.Generic;
using System.Diagnostics;
using CliWrap.Builders;
using LocalModels.Errors;

namespace LocalModels.Claude;

/// <summary>
/// Claude Code started on the caller's console (Invoke-ClaudeLocal without -Prompt): no redirection, so claude owns
/// the terminal until it exits. Its headless counterpart is <see cref="HeadlessClaudeProcess"/>.
/// </summary>
internal static class InteractiveClaudeProcess
{
    /// <summary>Starts claude, waits for it and returns its exit code; <paramref name="starting"/> hears the command line first.</summary>
    public static int Run(string claudePath, IReadOnlyList<string> arguments, string workingDirectory, ClaudeEnvironment environment,
        Action<string> starting)
    {
        var startInfo = new ProcessStartInfo(claudePath)
        {
            Arguments = new ArgumentsBuilder().Add(arguments).Build(),
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
        };
        environment.ApplyTo(startInfo);
        starting($"Starting {claudePath} {startInfo.Arguments} in {workingDirectory}.");
        using var process = Process.Start(startInfo)
            ?? throw new LocalModelsException("ClaudeStartFailed", ErrorKind.InvalidOperation, $"Could not start {claudePath}.", claudePath);
        // Ctrl+C belongs to claude here (it interrupts a turn; twice exits), so the wait is not cut short by it.
        process.WaitForExit();
        return process.ExitCode;
    }
}
