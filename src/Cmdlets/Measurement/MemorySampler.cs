using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using LocalModels.Ollama;

namespace LocalModels.Measurement;

/// <summary>
/// Reads /api/ps for the model under test about once a second while a run goes on, on a background thread that only
/// queues samples; the run's own thread drains them. A failed read is skipped: the run matters more than one sample.
/// The read is synchronous, so it gets a thread of its own rather than blocking a thread-pool thread for every
/// run (several runs at once would starve the pool that HTTP completions, and an in-process simulator, run on).
/// </summary>
internal sealed class MemorySampler : IDisposable
{
    /// <summary>How often /api/ps is read.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly Func<CancellationToken, MemorySample?> _read;
    private readonly ConcurrentQueue<MemorySample> _pending = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<MemorySample> _samples = new();
    private Thread? _loop;

    /// <param name="read">One /api/ps reading for the model: null when it is not loaded (or the read failed).</param>
    public MemorySampler(Func<CancellationToken, MemorySample?> read) => _read = read;

    /// <summary>Samples drained so far, oldest first.</summary>
    public IReadOnlyList<MemorySample> Samples => _samples;

    /// <summary>True when the first reading (taken by <see cref="Start"/>) found the model already loaded.</summary>
    public bool LoadedAtStart { get; private set; }

    /// <summary>When the model was first seen loaded, if it was not loaded at the start.</summary>
    public DateTimeOffset? FirstSeenLoadedAt { get; private set; }

    /// <summary>Takes one reading now (was the model already loaded?), then keeps sampling in the background.</summary>
    public void Start()
    {
        var first = SafeRead(_stop.Token);
        if (first is not null)
        {
            LoadedAtStart = true;
            _samples.Add(first);
        }
        var token = _stop.Token;
        _loop = new Thread(() =>
        {
            try
            {
                // WaitOne returns true as soon as Stop cancels, false after a full interval.
                while (!token.WaitHandle.WaitOne(Interval))
                    if (SafeRead(token) is { } sample) _pending.Enqueue(sample);
            }
            catch (ObjectDisposedException)
            {
                // Disposed while a slow read was still out (Stop waits 2 s): the run is over, nothing to keep.
            }
        })
        { IsBackground = true, Name = "/api/ps sampler" };
        _loop.Start();
    }

    /// <summary>Moves queued samples to <see cref="Samples"/>; call from the run's thread.</summary>
    public void Drain()
    {
        while (_pending.TryDequeue(out var sample))
        {
            if (!LoadedAtStart && FirstSeenLoadedAt is null) FirstSeenLoadedAt = sample.At;
            _samples.Add(sample);
        }
    }

    public void Stop()
    {
        if (_stop.IsCancellationRequested) return;
        _stop.Cancel();
        _loop?.Join(TimeSpan.FromSeconds(2));
        Drain();
        // A run shorter than one interval would have no reading at all. The model stays loaded after the run, so one
        // last reading still shows its context and memory; it says nothing about when it loaded, so it is not a
        // first sighting.
        using var last = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        if (SafeRead(last.Token) is { } sample) _samples.Add(sample);
    }

    public void Dispose()
    {
        Stop();
        _stop.Dispose();
    }

    private MemorySample? SafeRead(CancellationToken cancellationToken)
    {
        try
        {
            return _read(cancellationToken);
        }
        catch (Exception)
        {
            return null;
        }
    }
}
