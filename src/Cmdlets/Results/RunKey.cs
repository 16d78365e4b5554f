using LocalModels.Ollama;

namespace LocalModels.Results;

/// <summary>
/// What makes two runs the same measurement: -Resume skips a run whose key is already in runs.jsonl. Keys are
/// normalised here, the one place they are built: the model by Ollama's rules (devstral-64k is
/// devstral-64k:latest, names are case-insensitive; see <see cref="OllamaModelName.Canonical"/>), the task
/// case-insensitively; the prompt is compared exactly.
/// </summary>
internal readonly record struct RunKey
{
    public RunKey(string model, string task, string prompt, int? contextLength, int repetition)
    {
        Model = OllamaModelName.Canonical(model);
        Task = task.ToLowerInvariant();
        Prompt = prompt;
        ContextLength = contextLength;
        Repetition = repetition;
    }

    public string Model { get; }
    public string Task { get; }
    public string Prompt { get; }
    public int? ContextLength { get; }
    public int Repetition { get; }

    public static RunKey Of(ModelRun run) => new(run.Model, run.Task, run.Prompt, run.ContextLength, run.Repetition);
}
