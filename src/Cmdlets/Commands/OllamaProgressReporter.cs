using System.Management.Automation;
using LocalModels.Ollama;

namespace LocalModels.Commands;

/// <summary>Turns create/pull status lines into one progress bar per operation, percent from total/completed.</summary>
internal sealed class OllamaProgressReporter
{
    private readonly Cmdlet _cmdlet;
    private readonly ProgressRecord _record;

    public OllamaProgressReporter(Cmdlet cmdlet, int activityId, string activity)
    {
        _cmdlet = cmdlet;
        _record = new ProgressRecord(activityId, activity, "starting");
    }

    public void Report(OllamaProgress progress)
    {
        _record.StatusDescription = progress.Status;
        _record.PercentComplete = progress.PercentComplete ?? -1;
        _cmdlet.WriteProgress(_record);
    }

    public void Complete()
    {
        _record.RecordType = ProgressRecordType.Completed;
        _cmdlet.WriteProgress(_record);
    }
}
