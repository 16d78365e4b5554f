using System.Threading;

namespace LocalModels.Platform;

/// <summary>
/// The module's single access point to <see cref="IPlatformFacts"/>. Tests replace <see cref="Current"/> (internal)
/// with a fake rooted in a temporary directory; nothing else in the module reaches the machine directly.
/// </summary>
public static class PlatformFacts
{
    private static IPlatformFacts? _current;

    public static IPlatformFacts Current
    {
        get => Volatile.Read(ref _current) ?? Interlocked.CompareExchange(ref _current, new SystemPlatformFacts(), null) ?? _current!;
        internal set => Volatile.Write(ref _current, value);
    }

    /// <summary>Back to the real machine (tests call this when they are done).</summary>
    internal static void Reset() => Volatile.Write(ref _current, null);
}
