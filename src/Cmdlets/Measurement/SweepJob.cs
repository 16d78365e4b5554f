using System.Collections.Generic;

namespace LocalModels.Measurement;

/// <summary>
/// One planned run of a sweep across a host pool: the model, its context and repetition, the group whose runs
/// share loaded weights (a model and the aliases made from it), and the hosts that have the model.
/// </summary>
internal sealed record SweepJob(string Model, int? ContextLength, int Repetition, string Group, IReadOnlyCollection<string> Hosts)
{
    public override string ToString() =>
        $"{Model}{(ContextLength is null ? "" : $" at {ContextLength} tokens")}, repetition {Repetition}";
}
