using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;

namespace LocalModels.Bench;

/// <summary>
/// One whole-process run: wall time, CPU time and peak resident memory of the process and everything it started
/// (GNU time's maximum resident set size covers the children it waited for), and what it printed.
/// </summary>
internal sealed record ProcessMeasurement(double WallSeconds, double CpuSeconds, double PeakMegabytes, int ExitCode, string Output)
{
    private const string GnuTime = "/usr/bin/time";

    public static bool CanMeasureMemory => OperatingSystem.IsLinux() && File.Exists(GnuTime);

    /// <param name="claudeConfigDirectory">Set as CLAUDE_CONFIG_DIR when not null (where ccusage looks for projects/).</param>
    public static ProcessMeasurement Run(string fileName, IEnumerable<string> arguments, string? claudeConfigDirectory)
    {
        var report = Path.GetTempFileName();
        try
        {
            var start = new ProcessStartInfo(CanMeasureMemory ? GnuTime : fileName)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            if (CanMeasureMemory)
                foreach (var argument in new[] { "-f", "%U %S %M", "-o", report, fileName }) start.ArgumentList.Add(argument);
            foreach (var argument in arguments) start.ArgumentList.Add(argument);
            if (claudeConfigDirectory is not null) start.Environment["CLAUDE_CONFIG_DIR"] = claudeConfigDirectory;
            var clock = Stopwatch.StartNew();
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            clock.Stop();
            double cpu = 0, peak = 0;
            if (CanMeasureMemory)
            {
                var fields = File.ReadAllText(report).Trim().Split('\n').Last().Split(' ');
                cpu = double.Parse(fields[0], CultureInfo.InvariantCulture) + double.Parse(fields[1], CultureInfo.InvariantCulture);
                peak = double.Parse(fields[2], CultureInfo.InvariantCulture) / 1024.0;
            }
            return new ProcessMeasurement(clock.Elapsed.TotalSeconds, cpu, peak, process.ExitCode, process.ExitCode == 0 ? output : output + error.Result);
        }
        finally
        {
            File.Delete(report);
        }
    }

    public override string ToString() =>
        string.Format(CultureInfo.InvariantCulture, "{0:N2} s, {1:N0} MB", WallSeconds, PeakMegabytes);
}
