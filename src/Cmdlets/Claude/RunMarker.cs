using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace LocalModels.Claude;

/// <summary>
/// A variable put into the environment of a run's Claude Code process, which every process it starts inherits
/// (Bash calls, <c>setsid</c> or <c>( … &amp;)</c> daemons re-parented to init, subagents). A tree walk cannot find a
/// process that left the tree; searching every process's environment for the marker can. Linux reads
/// /proc/&lt;pid&gt;/environ, macOS <c>ps -Eww</c>. A process that clears its own environment (<c>env -i</c>) escapes it.
/// </summary>
public sealed class RunMarker
{
    /// <summary>The variable's name; its value is unique per run.</summary>
    public const string VariableName = "LOCALMODELS_RUN";

    /// <summary>A marker on any variable with a value unique to one run (the run's CLAUDE_CONFIG_DIR is one too).</summary>
    public RunMarker(string name, string value)
    {
        Name = name;
        Value = value;
    }

    /// <summary>A new unique marker.</summary>
    public static RunMarker New() => new(VariableName, Guid.NewGuid().ToString("N"));

    public string Name { get; }

    public string Value { get; }

    /// <summary>The environment entry as processes carry it.</summary>
    public string Entry => Name + "=" + Value;

    /// <summary>Live processes that carry this marker (never the calling process).</summary>
    public IReadOnlyList<int> FindProcesses()
    {
        if (Directory.Exists("/proc/self")) return FromProc();
        if (Environment.OSVersion.Platform == PlatformID.Unix || Environment.OSVersion.Platform == PlatformID.MacOSX) return FromPs();
        return Array.Empty<int>();
    }

    /// <summary>Kills every process carrying the marker, looking again until none is left (a dying shell may still fork); returns the ids killed.</summary>
    public IReadOnlyList<int> KillAll()
    {
        var killed = new List<int>();
        for (var round = 0; round < 10; round++)
        {
            var found = FindProcesses().Where(ProcessTree.IsAlive).ToList();
            if (found.Count == 0) break;
            foreach (var id in found)
            {
                ProcessTree.KillById(id);
                if (!killed.Contains(id)) killed.Add(id);
            }
            System.Threading.Thread.Sleep(50);
        }
        return killed;
    }

    private IReadOnlyList<int> FromProc()
    {
        var marker = Encoding.UTF8.GetBytes(Entry + "\0");
        var self = Process.GetCurrentProcess().Id;
        var found = new List<int>();
        foreach (var directory in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) || id == self) continue;
            try
            {
                if (IndexOf(File.ReadAllBytes(Path.Combine(directory, "environ")), marker) >= 0) found.Add(id);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
        return found;
    }

    private IReadOnlyList<int> FromPs()
    {
        if (ProcessOutput.Read("ps", "-Eww -axo pid=,command=", TimeSpan.FromSeconds(5)) is not { } output) return Array.Empty<int>();
        var self = Process.GetCurrentProcess().Id;
        return output.Split('\n').Where(line => line.Contains(Entry))
            .Select(line => int.TryParse(line.Trim().Split(' ')[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : 0)
            .Where(id => id > 0 && id != self).ToList();
    }

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        for (var i = 0; i <= haystack.Length - needle.Length; i++)
        {
            // An entry starts the block or follows the previous entry's terminating NUL.
            if (i > 0 && haystack[i - 1] != 0) continue;
            var match = true;
            for (var j = 0; j < needle.Length && match; j++) match = haystack[i + j] == needle[j];
            if (match) return i;
        }
        return -1;
    }
}
