using System.Management.Automation;
using LocalModels.Compilation;

namespace LocalModels.Commands;

/// <summary>Runs when pwsh imports the module: starts compiling the import's hot methods in the background.</summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer
{
    public void OnImport() => OptimizedMethods.CompileInBackground();
}
