using LocalModels.Claude;

namespace LocalModels.Results;

/// <summary>The task names Measure-ModelRun accepts.</summary>
internal static class RunTasks
{
    public const string Init = "Init";
    public const string Prompt = "Prompt";

    /// <summary>The deliverable of /init.</summary>
    public const string InitDeliverable = ClaudeMemoryFile.Name;
}
