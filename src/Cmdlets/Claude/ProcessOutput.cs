using System;
using System.Diagnostics;

namespace LocalModels.Claude;

/// <summary>
/// The standard output of a short system tool (ps, pgrep) that finding a run's processes relies on. Synchronous on
/// purpose: it runs while a run is being torn down, where no pipeline or async context can be assumed.
/// </summary>
internal static class ProcessOutput
{
    /// <summary>What <paramref name="fileName"/> printed; null when the tool is missing or could not start.</summary>
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
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit((int)wait.TotalMilliseconds);
            return output;
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return null;
        }
    }
}
