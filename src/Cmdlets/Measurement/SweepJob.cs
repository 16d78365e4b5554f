using System.Collections.Generic;
using LocalModels.Ollama;

namespace LocalModels.Measurement;

/// <summary>
/// One planned run of a sweep across a host pool: the model, its context and repetition, the group whose runs
/// share loaded weights (a model and the aliases made from it), and the hosts that have the model.
/// </summary>
internal sealed record SweepJob(string Model, int? ContextLength, int Repetition, string Group, IReadOnlyCollection<string> Hosts)
{
    /// <summary>
    /// The group of a model: the model /api/show says it was created FROM (details.parent_model), else the model
    /// itself, so a context sweep's aliases and their base share one, however each is spelled.
    /// </summary>
    public static string GroupOf(string model, string parentModel) =>
        OllamaModelName.Canonical(parentModel.Length > 0 ? parentModel : model);

    public override string ToString() =>
        $"{Model}{(ContextLength is null ? "" : $" at {ContextLength} tokens")}, repetition {Repetition}";
}
