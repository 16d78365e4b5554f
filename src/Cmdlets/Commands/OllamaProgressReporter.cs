using System.Management.Automation;
using LocalModels.Ollama;

namespace LocalModels.Commands;

/// <summary>Turns create/pull status lines into one progress bar per operation, percent from total/completed.</summary>
internal sealed class OllamaProgressReporter
{
    private readonly Cmdlet _cmdlet;
    private readonly int _activityId;
    private readonly string _activity;

    public OllamaProgressReporter(Cmdlet cmdlet, int activityId, string activity)
    {
        _cmdlet = cmdlet;
        _activityId = activityId;
        _activity = activity;
    }

    // A new record each time: hosts may keep the records they receive.
    public void Report(OllamaProgress progress) =>
        _cmdlet.WriteProgress(new ProgressRecord(_activityId, _activity, progress.Status) { PercentComplete = progress.PercentComplete ?? -1 });

    public void Complete() =>
        _cmdlet.WriteProgress(new ProgressRecord(_activityId, _activity, "done") { RecordType = ProgressRecordType.Completed });
}
