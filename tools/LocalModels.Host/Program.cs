using System;
using System.IO;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using LocalModels.Host;

// Runs a PowerShell script on the PowerShell engine from NuGet, for machines without pwsh: `dotnet run --project
// tools/LocalModels.Host -- script.ps1 [args]`. Output goes through Out-Host, so the module's table views apply.
if (args.Length == 0 || !File.Exists(args[0]))
{
    Console.Error.WriteLine("usage: LocalModels.Host <script.ps1> [arguments...]");
    return 2;
}

var host = new ConsoleHost();
var state = InitialSessionState.CreateDefault2();
// The engine package lacks Microsoft.PowerShell.Utility; these stand-ins cover what the examples use.
foreach (var (name, body) in UtilityStandIns.Functions)
    state.Commands.Add(new SessionStateFunctionEntry(name, body));
using var runspace = RunspaceFactory.CreateRunspace(host, state);
runspace.Open();
using var shell = PowerShell.Create();
shell.Runspace = runspace;
shell.AddCommand(Path.GetFullPath(args[0]));
for (var i = 1; i < args.Length; i++) shell.AddArgument(args[i]);
shell.AddCommand("Out-Host");
Console.CancelKeyPress += (_, e) => { e.Cancel = true; shell.BeginStop(null, null); };
try
{
    shell.Invoke();
}
catch (RuntimeException ex)
{
    Console.Error.WriteLine(ex.ErrorRecord?.ToString() ?? ex.Message);
    return 1;
}
foreach (var error in shell.Streams.Error) Console.Error.WriteLine($"ERROR: {error} ({error.FullyQualifiedErrorId})");
// Errors the script caught itself set HadErrors too; only ones it let through fail the run, as with pwsh -File.
return shell.Streams.Error.Count > 0 ? 1 : host.ExitCode;
