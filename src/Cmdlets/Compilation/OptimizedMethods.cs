using System;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Threading;

namespace LocalModels.Compilation;

/// <summary>
/// Compiles an assembly's <see cref="MethodImplOptions.AggressiveOptimization"/> methods ahead of their first call, on
/// a background thread. They are the trace reader's per-line methods, which run on every byte of a gigabyte: the
/// module's other code ships compiled ahead of time (tools/LocalModels.ReadyToRun), but such code can be swapped for
/// an instrumented copy as it gets hot, and these must stay fully optimized for the whole import. Each costs the JIT a
/// millisecond or more, and in a fresh pwsh an import would otherwise compile them on the threads that read the traces.
/// Started as the module is imported, the work falls in the time pwsh spends on one core (loading the module, binding
/// the command, walking the folders), as pwsh's own start warms its engine.
/// </summary>
internal static class OptimizedMethods
{
    private static int _started;

    /// <summary>Once per process: a module imported again (another runspace, Import-Module -Force) finds the code compiled.</summary>
    public static void CompileInBackground(Assembly assembly)
    {
        if (Interlocked.Exchange(ref _started, 1) == 1) return;
        var thread = new Thread(() => Compile(assembly)) { IsBackground = true, Name = "LocalModels warm-up", Priority = ThreadPriority.BelowNormal };
        thread.Start();
    }

    /// <summary>How many methods were compiled (for tests).</summary>
    public static int Compile(Assembly assembly)
    {
        var compiled = 0;
        try
        {
            foreach (var type in assembly.GetTypes().Where(type => !type.ContainsGenericParameters))
            {
                const BindingFlags declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
                // Methods and instance constructors (a per-line value such as JsonNode is built by one); never a type initializer.
                foreach (var method in type.GetMethods(declared | BindingFlags.Instance | BindingFlags.Static).Cast<MethodBase>().Concat(type.GetConstructors(declared | BindingFlags.Instance)))
                {
                    if ((method.MethodImplementationFlags & MethodImplAttributes.AggressiveOptimization) == 0 || method.IsAbstract || method.ContainsGenericParameters) continue;
                    RuntimeHelpers.PrepareMethod(method.MethodHandle);
                    compiled++;
                }
            }
        }
        catch (Exception)
        {
            // Only a head start: whatever could not be compiled here is compiled at its first call, as usual.
        }
        return compiled;
    }
}
