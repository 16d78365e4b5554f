using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace LocalModels.Tests.Hosting;

/// <summary>
/// A real PowerShell engine (System.Management.Automation 7.6) with the BUILT module imported from out/LocalModels,
/// so tests go through the parser, the parameter binder, the pipeline, the manifest, views and help.
/// </summary>
public sealed class PowerShellSession : IDisposable
{
    private readonly Runspace _runspace;

    public PowerShellSession(IDictionary<string, string?>? environment = null)
    {
        var state = InitialSessionState.CreateDefault2();
        _runspace = RunspaceFactory.CreateRunspace(state);
        _runspace.Open();
        var import = Run("Import-Module -Name $args[0] -Force -PassThru -ErrorAction Stop", RepositoryPaths.ModuleManifest);
        if (import.Errors.Count > 0)
            throw new InvalidOperationException("Import-Module failed: " + import.Errors[0]);
        Module = (PSModuleInfo)import.Output.Single().BaseObject;
    }

    public PSModuleInfo Module { get; }

    /// <summary>Runs a script with positional $args and returns its output, errors and warnings.</summary>
    public PowerShellResult Run(string script, params object?[] args)
    {
        using var shell = PowerShell.Create();
        shell.Runspace = _runspace;
        shell.AddScript(script);
        foreach (var arg in args) shell.AddArgument(arg);
        var output = new List<PSObject>();
        Exception? terminating = null;
        try
        {
            output.AddRange(shell.Invoke());
        }
        catch (RuntimeException ex)
        {
            terminating = ex;
        }
        var errors = shell.Streams.Error.ToList();
        if (terminating is RuntimeException runtime && runtime.ErrorRecord is { } record && !errors.Contains(record))
            errors.Add(record);
        return new PowerShellResult(output, errors, shell.Streams.Warning.Select(w => w.Message).ToList(),
            shell.Streams.Verbose.Select(v => v.Message).ToList(), shell.Streams.Progress.ToList(), terminating);
    }

    /// <summary>Runs a script that must not fail; throws with PowerShell's own message if it does.</summary>
    public IReadOnlyList<PSObject> RunOk(string script, params object?[] args)
    {
        var result = Run(script, args);
        if (result.Errors.Count > 0)
            throw new InvalidOperationException($"Script failed: {result.Errors[0]} ({result.Errors[0].FullyQualifiedErrorId})");
        return result.Output;
    }

    public void Dispose() => _runspace.Dispose();
}

public sealed record PowerShellResult(
    IReadOnlyList<PSObject> Output,
    IReadOnlyList<ErrorRecord> Errors,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<string> Verbose,
    IReadOnlyList<ProgressRecord> Progress,
    Exception? Terminating)
{
    /// <summary>The FullyQualifiedErrorId of the first error, e.g. "OllamaNotRunning,LocalModels.Commands.GetOllamaModelCommand".</summary>
    public string? FirstErrorId => Errors.FirstOrDefault()?.FullyQualifiedErrorId;
}
