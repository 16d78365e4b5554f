namespace LocalModels.Platform;

/// <summary>
/// Everything the module needs to know or change about this machine, behind one seam: which OS, where home is,
/// how much RAM, whether the Ollama app runs, environment variables, files under the system root, child commands.
/// Configuration, memory estimates and the Claude locator only talk to the machine through it, so tests use a
/// temporary home and fake commands and never the real system.
/// </summary>
public interface IPlatformFacts
{
    PlatformOS OS { get; }

    /// <summary>The user's home directory (~).</summary>
    string HomeDirectory { get; }

    /// <summary>Root under which system paths such as /etc/systemd live ("/" on a real machine).</summary>
    string SystemRoot { get; }

    /// <summary>%LOCALAPPDATA% on Windows; unused elsewhere.</summary>
    string LocalApplicationData { get; }

    /// <summary>Physical memory in bytes, or null when it cannot be read.</summary>
    long? TotalMemoryBytes { get; }

    /// <summary>True when a process with exactly this name (no extension) runs, e.g. the "Ollama" desktop app.</summary>
    bool IsProcessRunning(string processName);

    /// <summary>This process's environment variable.</summary>
    string? GetEnvironmentVariable(string name);

    /// <summary>The user-level persistent environment variable (Windows registry); null elsewhere.</summary>
    string? GetUserEnvironmentVariable(string name);

    void SetUserEnvironmentVariable(string name, string? value);

    ICommandRunner Commands { get; }
}
