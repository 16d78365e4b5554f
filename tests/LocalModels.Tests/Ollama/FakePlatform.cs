using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using LocalModels.Platform;

namespace LocalModels.Tests.Ollama;

/// <summary>A machine made of a temporary directory and scripted commands: nothing real is read or changed.</summary>
public sealed class FakePlatform : IPlatformFacts, IDisposable
{
    public FakePlatform(PlatformOS os = PlatformOS.MacOS)
    {
        OS = os;
        Root = Directory.CreateTempSubdirectory("localmodels-platform-").FullName;
        HomeDirectory = Path.Combine(Root, "home");
        SystemRoot = Path.Combine(Root, "sysroot");
        LocalApplicationData = Path.Combine(Root, "localappdata");
        Directory.CreateDirectory(HomeDirectory);
    }

    public string Root { get; }
    public PlatformOS OS { get; set; }
    public string HomeDirectory { get; }
    public string SystemRoot { get; }
    public string LocalApplicationData { get; }
    public long? TotalMemoryBytes { get; set; } = 48L * 1024 * 1024 * 1024;
    public HashSet<string> RunningProcesses { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, string?> Environment { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, string?> UserEnvironment { get; } = new(StringComparer.Ordinal);
    public FakeCommandRunner Runner { get; } = new();
    public ICommandRunner Commands => Runner;

    public bool IsProcessRunning(string processName) => RunningProcesses.Contains(processName);
    public string? GetEnvironmentVariable(string name) => Environment.TryGetValue(name, out var v) ? v : null;
    public string? GetUserEnvironmentVariable(string name) => UserEnvironment.TryGetValue(name, out var v) ? v : null;
    public void SetUserEnvironmentVariable(string name, string? value) => UserEnvironment[name] = value;

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}

/// <summary>Answers commands by a handler keyed on the executable's file name; records every call.</summary>
public sealed class FakeCommandRunner : ICommandRunner
{
    private readonly ConcurrentDictionary<string, Func<IReadOnlyList<string>, CommandResult>> _handlers = new(StringComparer.Ordinal);

    public ConcurrentQueue<(string Executable, IReadOnlyList<string> Arguments)> Calls { get; } = new();

    public void On(string executableName, Func<IReadOnlyList<string>, CommandResult> handler) => _handlers[executableName] = handler;

    public Task<CommandResult> RunAsync(string executable, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Calls.Enqueue((executable, arguments));
        var key = Path.GetFileName(executable);
        return Task.FromResult(_handlers.TryGetValue(key, out var handler) ? handler(arguments) : CommandResult.NotStarted($"{key} not found"));
    }

    public static CommandResult Ok(string output) => new(true, 0, output, "");
    public static CommandResult Fail(string error) => new(true, 1, "", error);
}
