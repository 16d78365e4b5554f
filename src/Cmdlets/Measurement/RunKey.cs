using System;

namespace LocalModels.Measurement;

/// <summary>What makes two runs the same measurement: -Resume skips a run whose key is already in runs.jsonl.</summary>
internal readonly record struct RunKey(string Model, string Task, string Prompt, int? ContextLength, int Repetition)
{
    public static RunKey Of(ModelRun run) => new(run.Model, run.Task, run.Prompt, run.ContextLength, run.Repetition);

    public bool Equals(RunKey other) =>
        string.Equals(Model, other.Model, StringComparison.OrdinalIgnoreCase)
        && string.Equals(Task, other.Task, StringComparison.OrdinalIgnoreCase)
        && string.Equals(Prompt, other.Prompt, StringComparison.Ordinal)
        && ContextLength == other.ContextLength
        && Repetition == other.Repetition;

    public override int GetHashCode() =>
        (Model.ToLowerInvariant(), Task.ToLowerInvariant(), Prompt, ContextLength, Repetition).GetHashCode();
}
