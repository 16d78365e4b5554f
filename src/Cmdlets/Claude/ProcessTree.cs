using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;

namespace LocalModels.Claude;

/// <summary>
/// Kills a process and everything it started. Claude Code runs each Bash tool call in a child shell (and those can
/// start their own children), so killing only the claude process would leave them running.
/// <para>
/// <c>Process.Kill(entireProcessTree: true)</c> walks the tree at the moment of the kill, so descendants are also
/// listed BEFORE it (from /proc on Linux, <c>pgrep -P</c> elsewhere on Unix) and killed one by one afterwards: a
/// grandchild whose parent died first is re-parented to init and no longer found by a tree walk. CliWrap's
/// cancellation is not relied on for this, as it cannot see re-parented grandchildren either. Killing here is explicit
/// and tested (ProcessTreeTests, the runner's timeout test).
/// </para>
/// </summary>
public static class ProcessTree
{
    /// <summary>Kills <paramref name="process"/> and its descendants; returns the ids that were targeted.</summary>
    public static IReadOnlyList<int> Kill(Process process)
    {
        int rootId;
        try
        {
            rootId = process.Id;
            if (process.HasExited) return Array.Empty<int>();
        }
        catch (InvalidOperationException)
        {
            return Array.Empty<int>();
        }

        var descendants = Descendants(rootId);
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already exited between the check and the kill.
        }
        foreach (var id in descendants) KillById(id);
        return new[] { rootId }.Concat(descendants).ToList();
    }

    /// <summary>Every live descendant of <paramref name="processId"/>, children first.</summary>
    public static IReadOnlyList<int> Descendants(int processId)
    {
        var result = new List<int>();
        var pending = new Queue<int>();
        pending.Enqueue(processId);
        while (pending.Count > 0)
        {
            foreach (var child in Children(pending.Dequeue()))
            {
                if (result.Contains(child) || child == processId) continue;
                result.Add(child);
                pending.Enqueue(child);
            }
        }
        return result;
    }

    /// <summary>True while a process with this id exists and is not a zombie waiting to be reaped.</summary>
    public static bool IsAlive(int processId)
    {
        var stat = $"/proc/{processId}/stat";
        if (Directory.Exists("/proc/self"))
        {
            try
            {
                var text = File.ReadAllText(stat);
                var state = text.Substring(text.LastIndexOf(')') + 2, 1);
                return state != "Z" && state != "X";
            }
            catch (IOException)
            {
                return false;
            }
            catch (UnauthorizedAccessException)
            {
                return true;
            }
        }
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static IEnumerable<int> Children(int processId)
    {
        var tasks = $"/proc/{processId}/task";
        if (Directory.Exists("/proc/self/task"))
        {
            if (!Directory.Exists(tasks)) return Array.Empty<int>();
            var children = new List<int>();
            try
            {
                foreach (var task in Directory.GetDirectories(tasks))
                {
                    var file = Path.Combine(task, "children");
                    if (File.Exists(file)) children.AddRange(ParseIds(File.ReadAllText(file)));
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
            return children;
        }
        return Environment.OSVersion.Platform == PlatformID.Unix || Environment.OSVersion.Platform == PlatformID.MacOSX
            ? PgrepChildren(processId)
            : Array.Empty<int>();
    }

    private static IEnumerable<int> PgrepChildren(int processId) =>
        ProcessOutput.Read("pgrep", "-P " + processId.ToString(CultureInfo.InvariantCulture), TimeSpan.FromSeconds(2)) is { } output
            ? ParseIds(output).ToList()
            : Array.Empty<int>();

    private static IEnumerable<int> ParseIds(string text) =>
        text.Split(new[] { ' ', '\n', '\r', '\t' }, StringSplitOptions.RemoveEmptyEntries)
            .Select(part => int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : 0)
            .Where(id => id > 0);

    /// <summary>Kills one process by id (SIGKILL on Unix); a process already gone is ignored.</summary>
    public static void KillById(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            process.Kill();
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Gone already.
        }
    }
}
