using System;
using System.Management.Automation;
using LocalModels.Classification;
using LocalModels.Compilation;
using LocalModels.Platform;
using LocalModels.Results;
using LocalModels.Traces;

namespace LocalModels.Commands;

/// <summary>Runs when pwsh imports the module: starts compiling the import's hot methods in the background.</summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer
{
    /// <summary>
    /// The types whose methods are marked to be compiled optimized at once (see <see cref="OptimizedMethods"/>):
    /// the trace reader's per-line paths and the classifier's character scans. OptimizedMethodsTests holds this list
    /// to every marked method of the module.
    /// </summary>
    internal static readonly Type[] OptimizedTypes =
    {
        typeof(AsciiText), typeof(IsoTimestamp), typeof(JsonLine), typeof(JsonNode), typeof(JsonSyntax), typeof(ShortStrings),
        typeof(TraceFile), typeof(TraceLineHead), typeof(TraceReader), typeof(TraceImport), typeof(HandleReadStream),
        typeof(TerminalText), typeof(TextPatterns), typeof(ToolNarration),
    };

    public void OnImport() => OptimizedMethods.CompileInBackground(OptimizedTypes);
}
