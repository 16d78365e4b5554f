using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using CliWrap.Builders;

namespace LocalModels.Claude;

/// <summary>
/// Ends a run whose owner died. A timeout cannot fire once the PowerShell process that owns the run is killed
/// (<c>kill -9</c>, a crash, a closed terminal); Claude Code would live on, still talking to the endpoint. The
/// watchdog is a small <c>sh</c> process whose stdin is a pipe from the owner: the owner never writes to it, and when
/// the owner dies the kernel closes it, <c>read</c> returns at once, and the watchdog kills every process that
/// carries the run's <see cref="RunMarker"/> and deletes the run's scratch folder. Unix only (Linux and macOS);
/// the watchdog itself does not carry the marker, and its own command line holds only the marker's value.
/// </summary>
public sealed class RunWatchdog : IDisposable
{
    // Ctrl+C and a closed terminal reach the whole foreground group: the watchdog ignores both, so it is still there
    // to sweep if the owner dies of them. $1 marker name and '=', $2 its value, $3 folder to delete ("" = none). Linux: /proc/<pid>/environ; macOS: ps -Eww.
    private const string Script = @"exec >/dev/null 2>&1
trap '' INT HUP QUIT
while read -r _; do :; done
n=0
while [ $n -lt 10 ]; do
  if [ -d /proc/self ]; then
    pids=$(grep -l -a -F ""$1$2"" /proc/[0-9]*/environ 2>/dev/null | sed -e 's|^/proc/||' -e 's|/environ$||' | grep -v ""^$$\$"")
  else
    pids=$(ps -Eww -axo pid=,command= | awk -v a=""$1"" -v b=""$2"" -v self=$$ 'index($0, a b) && $1 != self { print $1 }')
  fi
  [ -z ""$pids"" ] && break
  kill -9 $pids 2>/dev/null
  n=$((n+1))
  sleep 1
done
[ -n ""$3"" ] && rm -rf ""$3""
exit 0";

    private readonly Process? _process;

    private RunWatchdog(Process? process) => _process = process;

    /// <summary>The watchdog's process id; null where there is none (Windows, or no sh).</summary>
    public int? ProcessId => _process?.Id;

    /// <summary>Starts a watchdog for <paramref name="marker"/>; <paramref name="scratchDirectory"/> is deleted when the owner dies.</summary>
    public static RunWatchdog Start(RunMarker marker, string? scratchDirectory)
    {
        if (Environment.OSVersion.Platform != PlatformID.Unix && Environment.OSVersion.Platform != PlatformID.MacOSX) return new RunWatchdog(null);
        var startInfo = new ProcessStartInfo("/bin/sh")
        {
            Arguments = new ArgumentsBuilder().Add(new List<string> { "-c", Script, "localmodels-watchdog", marker.Name + "=" , marker.Value, scratchDirectory ?? "" }).Build(),
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            CreateNoWindow = true,
        };
        // It must not carry the marker, or it would find and kill itself first.
        startInfo.Environment.Remove(RunMarker.VariableName);
        try
        {
            return new RunWatchdog(Process.Start(startInfo));
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or IOException)
        {
            return new RunWatchdog(null);
        }
    }

    /// <summary>The run ended with its owner alive: the owner has swept already, so the watchdog just goes.</summary>
    public void Dispose()
    {
        if (_process is null) return;
        try
        {
            if (!_process.HasExited) _process.Kill();
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
        }
        _process.Dispose();
    }
}
