using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Management.Automation.Runspaces;

namespace LocalModels.ModuleBuilder;

/// <summary>The cmdlets the manifest exports, as the PowerShell engine sees them once the module is imported.</summary>
internal static class ModuleCommands
{
    public static IReadOnlyList<CmdletInfo> Load(string assemblyPath, string manifestPath)
    {
        using var powershell = PowerShell.Create(InitialSessionState.CreateDefault2());
        var data = ReadDataFile(manifestPath);
        var exported = ((object[])data["CmdletsToExport"]!).Select(o => o.ToString()!).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var module = (PSModuleInfo)Invoke(powershell.AddCommand("Import-Module").AddParameter("Name", assemblyPath).AddParameter("PassThru")).Single().BaseObject;
        var missing = exported.Where(name => !module.ExportedCmdlets.ContainsKey(name)).ToList();
        if (missing.Count > 0)
            throw new InvalidDataException($"{manifestPath} exports {string.Join(", ", missing)}, which {assemblyPath} does not define.");
        return module.ExportedCmdlets.Values.Where(c => exported.Contains(c.Name)).OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
    }

    // What Import-PowerShellDataFile does (it is not in the NuGet-hosted engine): a data-only hashtable, never run.
    private static Hashtable ReadDataFile(string path)
    {
        var ast = Parser.ParseFile(path, out _, out var errors);
        if (errors.Length > 0) throw new InvalidDataException($"{path}: {errors[0].Message}");
        if (ast.Find(a => a is HashtableAst, false) is not HashtableAst table)
            throw new InvalidDataException($"{path} holds no hashtable.");
        return (Hashtable)table.SafeGetValue();
    }

    private static List<PSObject> Invoke(PowerShell powershell)
    {
        var results = powershell.Invoke().ToList();
        powershell.Commands.Clear();
        if (powershell.HadErrors)
            throw new InvalidDataException(string.Join("; ", powershell.Streams.Error.Select(e => e.ToString())));
        return results;
    }
}
