using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using LocalModels.Errors;
using LocalModels.Ollama;

namespace LocalModels.Measurement;

/// <summary>What a sweep across a host pool tells its owner, from the worker threads (the owner marshals it).</summary>
internal sealed class HostPoolEvents
{
    /// <summary>A host begins a run.</summary>
    public Action<string, SweepJob>? Started { get; init; }

    /// <summary>A snapshot of a host's current run.</summary>
    public Action<string, RunProgress>? Progress { get; init; }

    /// <summary>A run ended and was recorded (measured, failed, cancelled, or lost with its host).</summary>
    public Action<string, RunEngineResult>? Finished { get; init; }

    /// <summary>A host stopped answering and takes no more runs (host, what happens to its work).</summary>
    public Action<string, string>? HostLost { get; init; }

    /// <summary>A planned run that no remaining host can do (its model is only on hosts that went away).</summary>
    public Action<SweepJob>? Abandoned { get; init; }
}

/// <summary>
/// Runs the planned runs of one Measure-ModelRun across several Ollama servers at once: a few
/// worker threads per host (-ThrottleLimit), each taking runs from the <see cref="SweepScheduler"/> and measuring them through the
/// shared <see cref="MeasurementSession"/> (one results folder). A run whose host stopped answering is recorded,
/// the host is dropped, and that run and the host's queued work go to the hosts left. Cancellation stops every
/// run on every host; each is recorded as a cancelled run.
/// </summary>
internal sealed class HostPoolSweep : IDisposable
{
    private readonly MeasurementSession _session;
    private readonly IReadOnlyDictionary<string, LocalEndpoint> _endpoints;
    private readonly SweepScheduler _scheduler;
    private readonly HostPoolEvents _events;
    private readonly CancellationTokenSource _stop;
    private readonly List<Thread> _workers = new();
    private readonly CountdownEvent _running;
    private readonly int _throttle;
    private LocalModelsException? _fatal;

    public HostPoolSweep(MeasurementSession session, IReadOnlyList<LocalEndpoint> endpoints, int throttle, HostPoolEvents events,
        TimeSpan stealAfter, CancellationToken cancellationToken)
    {
        _session = session;
        _endpoints = endpoints.ToDictionary(endpoint => endpoint.HostText, StringComparer.Ordinal);
        _scheduler = new SweepScheduler(_endpoints.Keys, stealAfter);
        _events = events;
        _throttle = throttle;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _running = new CountdownEvent(1);
    }

    public SweepScheduler Scheduler => _scheduler;

    /// <summary>Signalled when every worker has ended (after <see cref="CompleteAdding"/>, a fatal error or cancellation).</summary>
    public WaitHandle Ended => _running.WaitHandle;

    /// <summary>Planned runs left undone because every host stopped answering.</summary>
    public int NotRun => Volatile.Read(ref _notRun);

    private int _notRun;

    /// <summary>A failure that stopped the whole sweep (the repository cannot be copied), if any.</summary>
    public LocalModelsException? Fatal => Volatile.Read(ref _fatal);

    /// <summary>Starts <c>throttle</c> workers per host; each runs until the sweep has nothing more for its host.</summary>
    public void Start()
    {
        foreach (var host in _endpoints.Keys.OrderBy(host => host, StringComparer.Ordinal))
        {
            for (var slot = 0; slot < _throttle; slot++)
            {
                _running.AddCount();
                // Dedicated threads: a run blocks its thread for minutes, which would starve the thread pool that
                // HTTP completions (and an in-process simulator) need.
                var worker = new Thread(() => Work(host)) { IsBackground = true, Name = "LocalModels run on " + host };
                _workers.Add(worker);
                worker.Start();
            }
        }
        // The initial count stands for the planner: the sweep has not ended while runs may still be added.
    }

    public void Add(SweepJob job) => _scheduler.Add(job);

    /// <summary>No more runs will be planned; <see cref="Ended"/> is signalled once the last one is done.</summary>
    public void CompleteAdding()
    {
        _scheduler.CompleteAdding();
        // Once only: the count the planner holds, never a worker's.
        if (Interlocked.Exchange(ref _addingComplete, 1) == 0) _running.Signal();
    }

    private int _addingComplete;

    /// <summary>Stops every run on every host (Ctrl+C reaches the runs through the token given at construction).</summary>
    public void Cancel() => _stop.Cancel();

    /// <summary>Waits for the workers to wind down their runs (each records what it measured).</summary>
    public bool WaitForWorkers(TimeSpan timeout) => _workers.All(worker => worker.Join(timeout));

    private void Work(string host)
    {
        var endpoint = _endpoints[host];
        try
        {
            while (_scheduler.Take(host, _stop.Token) is { } job)
            {
                try
                {
                    if (_session.AlreadyMeasured(job.Model, job.ContextLength, job.Repetition)) continue;
                    _events.Started?.Invoke(host, job);
                    var result = _session.Run(endpoint, job.Model, job.ContextLength, job.Repetition,
                        progress => _events.Progress?.Invoke(host, progress), _stop.Token);
                    _events.Finished?.Invoke(host, result);
                    if (result.HostUnavailable)
                    {
                        // A dead endpoint measured nothing about the model: the run is done again elsewhere.
                        Lose(host, job);
                        return;
                    }
                }
                finally
                {
                    _scheduler.Done(host);
                }
            }
        }
        catch (LocalModelsException ex)
        {
            // The repository cannot be copied (too large, too slow, unreadable): no run anywhere can go on.
            Stop(ex);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Ctrl+C between runs: nothing was started, nothing to record.
        }
        catch (Exception ex)
        {
            // On a worker thread an escaping exception would end the whole process: the sweep stops with it instead.
            Stop(new LocalModelsException("MeasurementFailed", ErrorKind.InvalidOperation,
                $"Measuring on {host} failed: {ex.Message} What was measured so far is recorded; fix the cause and run the same command with -Resume.", host, ex));
        }
        finally
        {
            _running.Signal();
        }
    }

    /// <summary>
    /// The host stopped answering (a run on it failed, or planning could not reach it): it takes no more runs, the
    /// run it was on goes back to the queue, and its queued runs go to the others.
    /// </summary>
    public void Lose(string host, SweepJob? interrupted)
    {
        var abandoned = _scheduler.MarkUnavailable(host, interrupted, out var wasAvailable);
        var left = _scheduler.Available;
        // A host with several runs at once (-ThrottleLimit) is reported lost once; each of its runs still goes back.
        if (wasAvailable)
            _events.HostLost?.Invoke(host, left.Count == 0
                ? "no host is left to take its runs"
                : $"its runs go to {string.Join(", ", left)}");
        // With no host left the sweep ends with one error that counts them; else each is reported.
        if (left.Count == 0) Interlocked.Add(ref _notRun, abandoned.Count);
        else foreach (var lost in abandoned) _events.Abandoned?.Invoke(lost);
    }

    private void Stop(LocalModelsException why)
    {
        Interlocked.CompareExchange(ref _fatal, why, null);
        _stop.Cancel();
        _scheduler.Drain();
    }

    public void Dispose()
    {
        _stop.Dispose();
        _running.Dispose();
    }
}
