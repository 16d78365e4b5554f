using System;
using System.Diagnostics;

namespace LocalModels.Claude;

/// <summary>
/// The standard output of a system tool the module relies on: ps and pgrep to find a run's processes, find to spot
/// pipes and devices in a repository. Synchronous on purpose: it runs while a run is set up or torn down, where no
/// pipeline or async context can be assumed.
/// </summary>
internal static class ProcessOutput
{
    /// <summary>
    /// What <paramref name="fileName"/> printed; null when the tool is missing, could not start, or did not finish
    /// within <paramref name="wait"/> (it is killed then). Its standard error is read and dropped, so a tool that
    /// complains at length never blocks on a full pipe.
    /// </summary>
    public static string? Read(string fileName, string arguments, TimeSpan wait)
    {
        try
        {
            var start = new ProcessStartInfo(fileName, arguments)
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                CreateNoWindow = true,
            };
            using var process = Process.Start(start);
            if (process is null) return null;
            process.ErrorDataReceived += (_, _) => { };
            process.BeginErrorReadLine();
            var output = process.StandardOutput.ReadToEndAsync();
            // One budget for reading and exiting, within what a wait can be given (about 24 days).
            var clock = Stopwatch.StartNew();
            int Left() => (int)Math.Max(0, Math.Min(int.MaxValue, (wait - clock.Elapsed).TotalMilliseconds));
            if (!output.Wait(Left()) || !process.WaitForExit(Left()))
            {
                try { process.Kill(); } catch (InvalidOperationException) { }
                return null;
            }
            return output.Result;
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return null;
        }
    }
}
