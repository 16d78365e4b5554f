using System;
using System.Collections.Concurrent;
using System.Threading;

namespace LocalModels.Commands;

/// <summary>
/// What worker threads want written to PowerShell (objects, progress, verbose lines), run later on the pipeline
/// thread, the only one allowed to call Write*. Unlike <see cref="PipelineThread"/>, the work outlives one call:
/// a host pool's runs go on across ProcessRecord calls, which drain what has arrived so far.
/// </summary>
internal sealed class PipelineQueue : IDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);
    private readonly BlockingCollection<Action> _actions = new();
    private readonly Func<bool> _stopping;

    /// <param name="stopping">True once the pipeline is stopping: writing then throws, so queued writes are dropped.</param>
    public PipelineQueue(Func<bool> stopping) => _stopping = stopping;

    /// <summary>From any thread.</summary>
    public void Post(Action write) => _actions.Add(write);

    /// <summary>On the pipeline thread: runs what has arrived, without waiting.</summary>
    public void RunPending()
    {
        while (_actions.TryTake(out var write)) Run(write);
    }

    /// <summary>On the pipeline thread: runs what arrives until <paramref name="done"/> is signalled, then the rest.</summary>
    public void RunUntil(WaitHandle done)
    {
        while (!done.WaitOne(0))
            if (_actions.TryTake(out var write, Poll)) Run(write);
        RunPending();
    }

    private void Run(Action write)
    {
        if (!_stopping()) write();
    }

    public void Dispose() => _actions.Dispose();
}
