using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace LocalModels.Platform;

/// <summary>The real machine: OS detection, RAM from sysctl / /proc/meminfo / GlobalMemoryStatusEx, processes, env.</summary>
internal sealed class SystemPlatformFacts : IPlatformFacts
{
    private static readonly Regex MemTotal = new(@"^MemTotal:\s+(\d+)\s*kB", RegexOptions.Multiline);

    private readonly Lazy<long?> _totalMemory;

    public SystemPlatformFacts()
    {
        _totalMemory = new Lazy<long?>(ReadTotalMemory);
    }

    public PlatformOS OS =>
        RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? PlatformOS.Windows
        : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? PlatformOS.MacOS
        : PlatformOS.Linux;

    public string HomeDirectory => Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

    public string SystemRoot => Path.GetPathRoot(Environment.CurrentDirectory) ?? "/";

    public string LocalApplicationData => Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);

    public long? TotalMemoryBytes => _totalMemory.Value;

    public ICommandRunner Commands { get; } = new CliWrapCommandRunner();

    public bool IsProcessRunning(string processName)
    {
        var processes = Process.GetProcesses();
        try
        {
            return processes.Any(p => SafeName(p) == processName);
        }
        finally
        {
            foreach (var process in processes) process.Dispose();
        }
    }

    public string? GetEnvironmentVariable(string name) => Environment.GetEnvironmentVariable(name);

    public string? GetUserEnvironmentVariable(string name) =>
        OS == PlatformOS.Windows ? Environment.GetEnvironmentVariable(name, EnvironmentVariableTarget.User) : null;

    public void SetUserEnvironmentVariable(string name, string? value)
    {
        if (OS != PlatformOS.Windows)
            throw new PlatformNotSupportedException("User environment variables are only persistent on Windows.");
        Environment.SetEnvironmentVariable(name, value, EnvironmentVariableTarget.User);
    }

    private static string SafeName(Process process)
    {
        try { return process.ProcessName; }
        catch (InvalidOperationException) { return ""; }
    }

    private long? ReadTotalMemory()
    {
        try
        {
            switch (OS)
            {
                case PlatformOS.MacOS:
                    var sysctl = Commands.RunAsync("sysctl", new[] { "-n", "hw.memsize" }, TimeSpan.FromSeconds(5), default).GetAwaiter().GetResult();
                    return sysctl.Succeeded && long.TryParse(sysctl.StandardOutput.Trim(), out var bytes) ? bytes : null;
                case PlatformOS.Linux:
                    return ParseMemInfo(File.ReadAllText("/proc/meminfo"));
                default:
                    var status = new MemoryStatusEx();
                    return GlobalMemoryStatusEx(status) ? (long)status.TotalPhys : null;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    /// <summary>MemTotal from /proc/meminfo, which reports kB.</summary>
    internal static long? ParseMemInfo(string meminfo)
    {
        var match = MemTotal.Match(meminfo);
        return match.Success ? long.Parse(match.Groups[1].Value) * 1024 : null;
    }

    [StructLayout(LayoutKind.Sequential, CharSet = CharSet.Auto)]
    private sealed class MemoryStatusEx
    {
        public uint Length = (uint)Marshal.SizeOf(typeof(MemoryStatusEx));
        public uint MemoryLoad;
        public ulong TotalPhys;
        public ulong AvailPhys;
        public ulong TotalPageFile;
        public ulong AvailPageFile;
        public ulong TotalVirtual;
        public ulong AvailVirtual;
        public ulong AvailExtendedVirtual;
    }

    [DllImport("kernel32.dll", CharSet = CharSet.Auto, SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static extern bool GlobalMemoryStatusEx([In, Out] MemoryStatusEx buffer);
}
