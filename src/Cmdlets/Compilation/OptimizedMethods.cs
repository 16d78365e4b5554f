using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Threading;

namespace LocalModels.Compilation;

/// <summary>
/// Compiles the module's <see cref="MethodImplOptions.AggressiveOptimization"/> methods ahead of their first call, on
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

    /// <summary>
    /// Once per process: a module imported again (another runspace, Import-Module -Force) finds the code compiled.
    /// <paramref name="declaringTypes"/> are the types that declare such methods; the types nested in them (a lambda's
    /// closure) are searched too. Named by the caller rather than found: finding them among the 4,600 methods of the
    /// module's 660 types took 15 ms and 2.5 MB at each import, against 8 ms and 0.1 MB for the named ones.
    /// </summary>
    public static void CompileInBackground(IReadOnlyList<Type> declaringTypes)
    {
        if (Interlocked.Exchange(ref _started, 1) == 1) return;
        var thread = new Thread(() => Compile(declaringTypes)) { IsBackground = true, Name = "LocalModels warm-up", Priority = ThreadPriority.BelowNormal };
        thread.Start();
    }

    /// <summary>How many methods were compiled (for tests).</summary>
    public static int Compile(IReadOnlyList<Type> declaringTypes)
    {
        var compiled = 0;
        try
        {
            foreach (var type in WithNestedTypes(declaringTypes).Where(type => !type.ContainsGenericParameters))
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

    private static IEnumerable<Type> WithNestedTypes(IEnumerable<Type> types)
    {
        foreach (var type in types)
        {
            yield return type;
            foreach (var nested in WithNestedTypes(type.GetNestedTypes(BindingFlags.Public | BindingFlags.NonPublic))) yield return nested;
        }
    }
}
