using System;
using LocalModels.Platform;
using System.Diagnostics;
using System.Management.Automation;
using LocalModels.Measurement;

namespace LocalModels.Commands;

/// <summary>
/// Turns run snapshots into WriteProgress records, at most four times a second. Called only on the pipeline
/// thread: the run engine invokes its progress callback there (background readers only queue), and a host pool's
/// workers post theirs to it (see <see cref="PipelineQueue"/>).
/// </summary>
internal sealed class RunProgressReporter
{
    private static readonly TimeSpan MinimumInterval = TimeSpan.FromMilliseconds(250);
    private readonly Cmdlet _cmdlet;
    private readonly string _activity;
    private readonly int _activityId;
    private readonly int _parentActivityId;
    private readonly Stopwatch _sinceLast = Stopwatch.StartNew();
    private bool _written;

    // parentActivityId: the sweep's record when this one shows one host of a pool (-1: none).
    public RunProgressReporter(Cmdlet cmdlet, string activity, int activityId = 1, int parentActivityId = -1)
    {
        _cmdlet = cmdlet;
        _activity = activity;
        _activityId = activityId;
        _parentActivityId = parentActivityId;
    }

    /// <summary>Run i of n (n may be unknown while models still arrive from the pipeline).</summary>
    public string RunLabel { get; set; } = "";

    public int PercentComplete { get; set; } = -1;

    public void Report(RunProgress progress)
    {
        // Once the pipeline is stopping, writing throws: the run still has to be wound down and recorded.
        if (_cmdlet.Stopping) return;
        if (_written && _sinceLast.Elapsed < MinimumInterval) return;
        _sinceLast.Restart();
        _written = true;
        var status = $"{progress.Model} {RunLabel}: {progress.Elapsed:hh\\:mm\\:ss}, {progress.Turns} turns, {progress.ToolCalls} tool calls"
            + (progress.Interventions > 0 ? $", {progress.Interventions} interventions" : "");
        _cmdlet.WriteProgress(new ProgressRecord(_activityId, _activity, status)
        {
            CurrentOperation = progress.LastTool is null ? "waiting for the model" : "last tool: " + TerminalText.Safe(progress.LastTool),
            PercentComplete = PercentComplete,
            ParentActivityId = _parentActivityId,
        });
    }

    public void Complete()
    {
        if (!_written) return;
        _cmdlet.WriteProgress(new ProgressRecord(_activityId, _activity, "Done") { RecordType = ProgressRecordType.Completed, ParentActivityId = _parentActivityId });
    }
}
