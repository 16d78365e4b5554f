using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using LocalModels.Tests.Hosting;
using Xunit;

namespace LocalModels.Tests.Runner;

/// <summary>
/// Invoke-ClaudeLocal in a real terminal (tmux, on its own socket) with the real Claude Code CLI on a 64K alias of
/// the simulator: the session opens without a context warning, and /context shows the alias's num_ctx as the window.
/// The terminal host is the module's own console host (tools/LocalModels.Host), so no pwsh is needed.
/// </summary>
public sealed class InteractiveContextWindowTests : IDisposable
{
    private readonly string _directory = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "lm-tty-" + Guid.NewGuid().ToString("N").Substring(0, 8))).FullName;
    private string _started = "";
    private readonly string _socket = "lm-ctx-" + Guid.NewGuid().ToString("N").Substring(0, 8);

    [Fact]
    public void Invoke_ClaudeLocal_on_a_64K_alias_opens_without_a_warning_and_context_shows_65_5k()
    {
        var home = Directory.CreateDirectory(Path.Combine(_directory, "home")).FullName;
        var script = Path.Combine(_directory, "interactive.ps1");
        File.WriteAllText(script, $$"""
            Import-Module '{{RepositoryPaths.ModuleManifest}}'
            $sim = Start-OllamaSimulator -DelayScale 0.05
            try {
                $null = New-DevstralModelfile -ContextLength 65536 -OllamaHost $sim.BaseUri
                # The engine-only host has no Set-Location cmdlet; the session's location is where claude starts.
                $null = $ExecutionContext.SessionState.Path.SetLocation($sim.SampleRepository)
                # Claude Code's first-run screens (onboarding, trust) would stop the session before its prompt.
                $seed = '{"hasCompletedOnboarding":true,"theme":"dark","projects":{"' + $sim.SampleRepository + '":{"hasTrustDialogAccepted":true,"hasCompletedProjectOnboarding":true}' + '}' + '}'
                [System.IO.File]::WriteAllText([System.IO.Path]::Combine($env:HOME, '.claude.json'), $seed)
                Invoke-ClaudeLocal -Model devstral-64k -OllamaHost $sim.BaseUri -ClaudePath '{{RepositoryPaths.ClaudeExecutable}}' -Force
            }
            finally { Stop-OllamaSimulator -Port $sim.Port }
            """);
        var command = $"env -u CLAUDE_CONFIG_DIR -u ANTHROPIC_API_KEY HOME='{home}' '{ConsoleHost()}' '{script}' 2>&1; sleep 60";
        _started = Tmux("new-session", "-d", "-s", "ctx", "-x", "160", "-y", "50", command);

        var opened = WaitForScreen(screen => screen.Contains("devstral-64k ·") && screen.Contains("❯"), TimeSpan.FromSeconds(90));
        Assert.DoesNotContain("⚠", opened);
        Assert.DoesNotContain("CLAUDE_CODE_AUTO_COMPACT_WINDOW", opened);
        Assert.DoesNotContain("context assumed", opened);

        Tmux("send-keys", "-t", "ctx", "/context");
        Thread.Sleep(1000);
        Tmux("send-keys", "-t", "ctx", "Enter");
        var context = WaitForScreen(screen => screen.Contains("Autocompact buffer"), TimeSpan.FromSeconds(30));
        Assert.Matches(@"\d+(\.\d)?k/65\.5k tokens", context);
        Assert.Contains("Auto-compact window:  65.5k tokens", context);
        Tmux("send-keys", "-t", "ctx", "/exit", "Enter");
    }

    private static string ConsoleHost()
    {
        foreach (var configuration in new[] { "Release", "Debug" })
        {
            var host = Path.Combine(RepositoryPaths.Root, "tools", "LocalModels.Host", "bin", configuration, "net10.0", "LocalModels.Host");
            if (File.Exists(host)) return host;
        }
        throw new InvalidOperationException("Build the solution first: tools/LocalModels.Host is the terminal's PowerShell host.");
    }

    private string WaitForScreen(Func<string, bool> ready, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        var screen = "";
        while (clock.Elapsed < timeout)
        {
            var now = Tmux("capture-pane", "-p", "-t", "ctx");
            if (now.Trim().Length > 0 && !now.StartsWith("no server", StringComparison.Ordinal)) screen = now;
            if (ready(screen)) return screen;
            Thread.Sleep(500);
        }
        throw new TimeoutException($"The terminal did not show what was expected within {timeout}. tmux: {_started}. Screen:\n{screen}");
    }

    private string Tmux(params string[] arguments)
    {
        var start = new ProcessStartInfo("tmux") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        // A test runner has no terminal of its own; tmux needs to know what to emulate.
        start.Environment["TERM"] = "xterm-256color";
        start.Environment.Remove("TMUX");
        start.ArgumentList.Add("-L");
        start.ArgumentList.Add(_socket);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("tmux did not start (it is required for the interactive tests).");
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit(10_000);
        return output.Length > 0 ? output : error;
    }

    public void Dispose()
    {
        // The whole tmux server on this test's socket goes, with Claude Code and the host in it.
        try { Tmux("kill-server"); } catch (InvalidOperationException) { } catch (System.ComponentModel.Win32Exception) { }
        // Claude Code may still be exiting after kill-server returns, and it writes its state into HOME as it goes,
        // which would make the folder again after a delete: every process that has this HOME is stopped first.
        new LocalModels.Claude.RunMarker("HOME", Path.Combine(_directory, "home")).KillAll();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
