using System;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Threading.Tasks;
using LocalModels.Tests.Hosting;

namespace LocalModels.Tests.Runner;

/// <summary>
/// A pipeline on its own runspace with the built module, started asynchronously so another thread can Stop() it
/// (what Ctrl+C does in a console).
/// </summary>
internal sealed class StoppablePipeline : IDisposable
{
    private readonly Runspace _runspace;
    private readonly PowerShell _shell;

    public StoppablePipeline()
    {
        _runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
        _runspace.Open();
        _shell = PowerShell.Create();
        _shell.Runspace = _runspace;
        _shell.AddCommand("Import-Module").AddParameter("Name", RepositoryPaths.ModuleManifest).Invoke();
        _shell.Commands.Clear();
    }

    public Task<PSDataCollection<PSObject>> Start(string script, params object[] args)
    {
        _shell.AddScript(script);
        foreach (var arg in args) _shell.AddArgument(arg);
        return Task.Factory.FromAsync(_shell.BeginInvoke(), _shell.EndInvoke);
    }

    /// <summary>Starts <paramref name="script"/> writing into <paramref name="output"/>, which keeps what came out before a stop.</summary>
    public Task Start(string script, PSDataCollection<PSObject> output, params object[] args)
    {
        _shell.AddScript(script);
        foreach (var arg in args) _shell.AddArgument(arg);
        return Task.Factory.FromAsync(_shell.BeginInvoke<PSObject, PSObject>(null, output), _shell.EndInvoke);
    }

    public void Stop() => _shell.Stop();

    public void Dispose()
    {
        _shell.Dispose();
        _runspace.Dispose();
    }
}
