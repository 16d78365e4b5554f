using System.Runtime.CompilerServices;

namespace LocalModels.Polyfills;

/// <summary>
/// MethodImplOptions.AggressiveOptimization (512), which netstandard2.0 does not name but every runtime pwsh 7 runs
/// on honours: the method is compiled fully optimized at once. The trace reader's per-line methods run millions of
/// times in one import; without it they start unoptimized and instrumented, which costs more than the import itself
/// in a fresh pwsh.
/// </summary>
internal static class Optimization
{
    public const MethodImplOptions Aggressive = (MethodImplOptions)512;
}
