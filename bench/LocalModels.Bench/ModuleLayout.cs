using System.IO;
using System.Reflection.PortableExecutable;

namespace LocalModels.Bench;

/// <summary>
/// Whether out/LocalModels holds the module compiled ahead of time (tools/LocalModels.ReadyToRun), as the solution's
/// build and this benchmark's own build lay it out. A build with LocalModelsReadyToRun=false, or of src/Cmdlets or the
/// tests alone, leaves the IL build there instead, which `dotnet run --no-build` would then time: in ten alternating
/// whole-process rounds here it took 1.305 s against 1.210 s.
/// </summary>
internal static class ModuleLayout
{
    /// <summary>True when <paramref name="assemblyPath"/> carries a ReadyToRun header (in the CLI header's managed native header directory).</summary>
    public static bool IsCompiledAheadOfTime(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var reader = new PEReader(stream);
        return reader.PEHeaders.CorHeader is { ManagedNativeHeaderDirectory.Size: > 0 };
    }
}
