using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;

namespace LocalModels.Measurement;

/// <summary>
/// Hands the planned runs of a sweep to the hosts of a pool, for the real cost of a run: loading a model takes
/// seconds to minutes, so a host keeps the group (model and its aliases) it last ran while that group has runs
/// left, then takes a group no other host is on, and only when that leaves it idle takes over runs of a group
/// another host is on. A run goes only to a host that has its model. Thread-safe; workers block in
/// <see cref="Take"/>.
/// </summary>
internal sealed class SweepScheduler
{
    private readonly object _gate = new();
    private readonly List<SweepJob> _queue = new();
    private readonly HashSet<string> _available;
    private readonly Dictionary<string, string> _currentGroup = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _running = new(StringComparer.Ordinal);
    private readonly TimeSpan _stealAfter;
    private readonly Stopwatch _sinceLastAdded = Stopwatch.StartNew();
    private bool _complete;

    /// <param name="hosts">The hosts that answer, by their address.</param>
    /// <param name="stealAfter">
    /// How long an idle host waits after the last planned run arrived before it takes over another host's model:
    /// models piped in one after another arrive milliseconds apart, and the next one may be its own.
    /// </param>
    public SweepScheduler(IEnumerable<string> hosts, TimeSpan stealAfter)
    {
        _available = new HashSet<string>(hosts, StringComparer.Ordinal);
        _stealAfter = stealAfter;
    }

    /// <summary>The hosts still taking runs.</summary>
    public IReadOnlyList<string> Available
    {
        get { lock (_gate) return _available.OrderBy(host => host, StringComparer.Ordinal).ToList(); }
    }

    public bool IsAvailable(string host)
    {
        lock (_gate) return _available.Contains(host);
    }

    /// <summary>Planned runs not yet handed to a host.</summary>
    public IReadOnlyList<SweepJob> Pending
    {
        get { lock (_gate) return _queue.ToList(); }
    }

    public void Add(SweepJob job)
    {
        lock (_gate)
        {
            _queue.Add(job);
            _sinceLastAdded.Restart();
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>No more runs will be planned: idle hosts may take over other hosts' models at once, and workers end when nothing is left.</summary>
    public void CompleteAdding()
    {
        lock (_gate)
        {
            _complete = true;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>
    /// The next run for this host, or null when the sweep has nothing more for it (or it was cancelled, or the host
    /// was marked unavailable). Blocks while runs may still arrive or come back from a host that goes down.
    /// </summary>
    public SweepJob? Take(string host, CancellationToken cancellationToken)
    {
        using var wake = cancellationToken.Register(() =>
        {
            lock (_gate) Monitor.PulseAll(_gate);
        });
        lock (_gate)
        {
            while (true)
            {
                if (cancellationToken.IsCancellationRequested || !_available.Contains(host)) return null;
                var job = Pick(host, out var stealableIn);
                if (job is not null)
                {
                    _queue.Remove(job);
                    _running[host] = _running.TryGetValue(host, out var count) ? count + 1 : 1;
                    _currentGroup[host] = job.Group;
                    return job;
                }
                var anyRunning = _running.Values.Any(count => count > 0);
                if (_complete && !anyRunning && !_queue.Any(queued => queued.Hosts.Contains(host))) return null;
                if (stealableIn is { } wait) Monitor.Wait(_gate, wait < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : wait);
                else Monitor.Wait(_gate);
            }
        }
    }

    /// <summary>The host finished the run <see cref="Take"/> gave it (measured, failed or cancelled).</summary>
    public void Done(string host)
    {
        lock (_gate)
        {
            if (_running.TryGetValue(host, out var count) && count > 0) _running[host] = count - 1;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>
    /// The host stopped answering: it takes no more runs. The run it was on (if any) goes back to the front of the
    /// queue for another host that has its model. Returns the runs no remaining host can do, removed from the queue.
    /// </summary>
    public IReadOnlyList<SweepJob> MarkUnavailable(string host, SweepJob? interrupted) => MarkUnavailable(host, interrupted, out _);

    // wasAvailable: false when the host had already been marked (another of its runs failed first).
    public IReadOnlyList<SweepJob> MarkUnavailable(string host, SweepJob? interrupted, out bool wasAvailable)
    {
        lock (_gate)
        {
            wasAvailable = _available.Remove(host);
            _currentGroup.Remove(host);
            if (interrupted is not null) _queue.Insert(0, interrupted);
            var orphaned = _queue.Where(job => !job.Hosts.Any(_available.Contains)).ToList();
            foreach (var job in orphaned) _queue.Remove(job);
            Monitor.PulseAll(_gate);
            return orphaned;
        }
    }

    /// <summary>Takes every run still queued (the sweep stops): nothing is handed out after this.</summary>
    public IReadOnlyList<SweepJob> Drain()
    {
        lock (_gate)
        {
            var left = _queue.ToList();
            _queue.Clear();
            _complete = true;
            Monitor.PulseAll(_gate);
            return left;
        }
    }

    private SweepJob? Pick(string host, out TimeSpan? stealableIn)
    {
        stealableIn = null;
        var mine = _queue.Where(job => job.Hosts.Contains(host)).ToList();
        if (mine.Count == 0) return null;
        // 1. More of the model this host already has loaded.
        if (_currentGroup.TryGetValue(host, out var current) && mine.FirstOrDefault(job => job.Group == current) is { } same) return same;
        // 2. A model no other host is on, in the order it was planned.
        var taken = new HashSet<string>(_currentGroup.Where(pair => pair.Key != host && _available.Contains(pair.Key)).Select(pair => pair.Value), StringComparer.Ordinal);
        if (mine.FirstOrDefault(job => !taken.Contains(job.Group)) is { } fresh) return fresh;
        // 3. Idle otherwise: help with the model that has the most runs left, once no model of its own is likely to arrive.
        var wait = _complete ? TimeSpan.Zero : _stealAfter - _sinceLastAdded.Elapsed;
        if (wait > TimeSpan.Zero)
        {
            stealableIn = wait;
            return null;
        }
        var busiest = mine.GroupBy(job => job.Group).OrderByDescending(group => group.Count()).First();
        return busiest.First();
    }
}
