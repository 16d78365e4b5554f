using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using LocalModels.Errors;
using LocalModels.Measurement;
using LocalModels.Ollama;
using LocalModels.Results;

namespace LocalModels.Commands;

/// <summary>
/// Measure-ModelRun across a host pool: runs are planned on the pipeline thread as models arrive and measured on
/// worker threads, one per host by default; everything they report is written here, on the pipeline thread.
/// </summary>
public sealed partial class MeasureModelRunCommand
{
    private const int SweepActivityId = 1;

    // An idle host waits this long after the last planned run before taking over another host's model.
    private static readonly TimeSpan StealAfter = TimeSpan.FromMilliseconds(250);

    private HostPoolSweep? _pool;
    private PipelineQueue? _queue;
    private readonly Dictionary<string, LocalEndpoint> _hosts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RunProgressReporter> _hostProgress = new(StringComparer.Ordinal);
    private readonly HashSet<RunKey> _planned = new();
    private int _finished;

    private void StartPool()
    {
        var addresses = OllamaHost is { Length: > 0 } given ? given : new[] { "" };
        foreach (var address in addresses)
        {
            OllamaClient client;
            try
            {
                client = OllamaClient.ForHost(address.Length == 0 ? null : address);
            }
            catch (LocalModelsException ex)
            {
                ThrowTerminating(ex);
                return;
            }
            if (_hosts.ContainsKey(client.HostText)) continue;
            try
            {
                var endpoint = LocalEndpoint.Connect(client, CancellationToken);
                _hosts[endpoint.HostText] = endpoint;
                WriteVerbose($"Ollama {endpoint.Version} at {endpoint.HostText}{(endpoint.Simulated ? " is the LocalModels simulator: its runs are marked Simulated" : "")}.");
            }
            catch (LocalModelsException ex) when (ex.ErrorId is ErrorIds.OllamaNotRunning or ErrorIds.OllamaTimeout)
            {
                WriteWarning($"{ex.Message} The sweep goes on without {client.HostText}.");
            }
        }
        if (_hosts.Count == 0)
            ThrowTerminating(ErrorIds.OllamaNotRunning, ErrorKind.ConnectionError,
                $"None of the Ollama hosts answers ({string.Join(", ", addresses)}). Start them ('ollama serve') or check the addresses, then run the command again.",
                string.Join(",", addresses));

        _queue = new PipelineQueue(() => Stopping);
        var events = new HostPoolEvents
        {
            Started = (host, job) => _queue.Post(() => Started(host, job)),
            Progress = (host, progress) => _queue.Post(() => _hostProgress[host].Report(progress)),
            Finished = (host, result) => _queue.Post(() => Finished(result)),
            HostLost = (host, what) => _queue.Post(() => WriteWarning($"Ollama at {host} stopped answering and is left out of the sweep; {what}.")),
            Abandoned = job => _queue.Post(() => WriteError(new LocalModelsException(ErrorIds.OllamaHostUnavailable, ErrorKind.ResourceUnavailable,
                $"No host left in the pool has '{job.Model}' ({string.Join(", ", job.Hosts)} stopped answering), so {job} was not run. Start that server again and run the same command with -Resume.",
                job.Model))),
        };
        var index = 0;
        foreach (var host in _hosts.Keys.OrderBy(host => host, StringComparer.Ordinal))
            _hostProgress[host] = new RunProgressReporter(this, "Ollama at " + host, SweepActivityId + ++index, SweepActivityId);
        _pool = new HostPoolSweep(_session!, _hosts.Values.ToList(), ThrottleLimit, events, StealAfter, CancellationToken);
        _pool.Start();
        WriteVerbose($"Runs are spread across {_hosts.Count} hosts, {ThrottleLimit} at a time on each; results of every host go to {_session!.Store.Directory}.");
    }

    /// <summary>Plans this pipeline object's runs on the hosts that have each model; the workers take them from there.</summary>
    private void PlanOnPool()
    {
        _queue!.RunPending();
        if (_pool!.Scheduler.Available.Count == 0) FinishPool();
        foreach (var model in Model)
        {
            var having = new List<string>();
            var context = ContextLength;
            var group = "";
            foreach (var host in _pool.Scheduler.Available)
            {
                try
                {
                    var shown = _hosts[host].Show(model, CancellationToken);
                    if (!shown.Exists) continue;
                    having.Add(host);
                    context ??= shown.ContextLength;
                    if (group.Length == 0) group = SweepJob.GroupOf(model, shown.ParentModel);
                }
                catch (LocalModelsException ex) when (ex.ErrorId is ErrorIds.OllamaNotRunning or ErrorIds.OllamaTimeout)
                {
                    _pool.Lose(host, null);
                }
                catch (LocalModelsException ex)
                {
                    Report(ex);
                }
            }
            _queue.RunPending();
            if (_pool.Scheduler.Available.Count == 0) FinishPool();
            if (having.Count == 0)
            {
                WriteError(new LocalModelsException(ErrorIds.OllamaModelNotFound, ErrorKind.ObjectNotFound,
                    $"None of the Ollama hosts ({string.Join(", ", _pool.Scheduler.Available)}) has a model '{model}'; going on with the next model. {OllamaErrors.MissingModelAdvice(model)}", model));
                continue;
            }
            for (var repetition = 1; repetition <= Repeat; repetition++)
            {
                if (_session!.AlreadyMeasured(model, context, repetition))
                {
                    WriteVerbose($"Skipping {model} run {repetition}: already in {_session.Store.JsonLinesPath} (-Resume).");
                    continue;
                }
                // New-DevstralModelfile -OllamaHost <pool> sends each alias once per host: it is one planned run.
                if (!_planned.Add(new RunKey(model, Task, Task == RunTasks.Prompt ? _session.Prompt : "", context, repetition))) continue;
                _pool.Add(new SweepJob(model, context, repetition, group, having));
            }
        }
        _queue.RunPending();
    }

    private void Started(string host, SweepJob job)
    {
        _runNumber++;
        _hostProgress[host].RunLabel = $"(run {job.Repetition} of {Repeat}, #{_runNumber} overall)";
        WriteVerbose($"Run {_runNumber}: {job} of {Repeat}, on {host}.");
        SweepProgress();
    }

    private void Finished(RunEngineResult result)
    {
        _finished++;
        WriteVerbose($"Run {result.Run.RunId} ended on {result.Run.OllamaHost}: {result.Run.ExitReason}; trace {result.Run.TracePath}.");
        WriteObject(result.Run);
        SweepProgress();
    }

    private void SweepProgress() =>
        WriteProgress(new ProgressRecord(SweepActivityId, "Measure-ModelRun",
            $"{_finished} of {_planned.Count} runs done, on {_pool!.Scheduler.Available.Count} hosts")
        {
            PercentComplete = _planned.Count == 0 ? -1 : Math.Min(100, 100 * _finished / _planned.Count),
        });

    /// <summary>Waits for every run to end (writing each as it does), then reports how the sweep stopped, if it did.</summary>
    private void FinishPool()
    {
        _pool!.CompleteAdding();
        _queue!.RunUntil(_pool.Ended);
        if (_pool.Fatal is { } fatal) ThrowTerminating(fatal);
        if (CancellationToken.IsCancellationRequested) throw new PipelineStoppedException();
        foreach (var reporter in _hostProgress.Values) reporter.Complete();
        WriteProgress(new ProgressRecord(SweepActivityId, "Measure-ModelRun", "Done") { RecordType = ProgressRecordType.Completed });
        if (_pool.Scheduler.Available.Count == 0)
            ThrowTerminating(ErrorIds.OllamaHostUnavailable, ErrorKind.ResourceUnavailable,
                $"Every Ollama host of the pool stopped answering ({string.Join(", ", _hosts.Keys)}), so {_pool.NotRun} planned runs were not made. What was measured is in {_session!.Store.Directory}: start the servers again and run the same command with -Resume to do the rest.",
                string.Join(",", _hosts.Keys));
    }

    /// <summary>However the command ended (Ctrl+C while another command ran, a terminating error), no run outlives it.</summary>
    private void ReleasePool()
    {
        if (_pool is null) return;
        if (!_pool.Ended.WaitOne(0))
        {
            _pool.Cancel();
            _pool.WaitForWorkers(TimeSpan.FromMinutes(2));
        }
        _pool.Dispose();
        _queue?.Dispose();
        _pool = null;
    }
}
