using System.Diagnostics;
using System.Management.Automation;

namespace LocalModels.Commands;

/// <summary>
/// Import-ModelRun's progress over a large folder (a ~/.claude/projects of thousands of sessions): files read of the
/// folder's total, shown at most a few times a second, since drawing a progress bar costs more than reading a file.
/// </summary>
internal sealed class ImportProgressReporter
{
    private const string Activity = "Import-ModelRun";
    private static readonly long Interval = Stopwatch.Frequency / 4;

    private readonly Cmdlet _cmdlet;
    private long _lastShown = Stopwatch.GetTimestamp();
    private bool _shown;

    public ImportProgressReporter(Cmdlet cmdlet) => _cmdlet = cmdlet;

    public void Report(string folder, int done, int total)
    {
        var now = Stopwatch.GetTimestamp();
        if (now - _lastShown < Interval) return;
        _lastShown = now;
        _shown = true;
        _cmdlet.WriteProgress(new ProgressRecord(1, Activity, $"{done} of {total} traces read in {folder}")
        {
            PercentComplete = total == 0 ? 0 : (int)(100L * done / total),
        });
    }

    public void Complete()
    {
        if (_shown) _cmdlet.WriteProgress(new ProgressRecord(1, Activity, "done") { RecordType = ProgressRecordType.Completed });
    }
}
