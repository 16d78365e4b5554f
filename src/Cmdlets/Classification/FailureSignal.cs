namespace LocalModels.Classification;

/// <summary>
/// One failure mode found in a run: the evidence people read (quoted from the trace) and the structured
/// <see cref="Facts"/> behind it, which scripts and tests compare.
/// </summary>
public sealed record FailureSignal(FailureMode Mode, string Evidence)
{
    public SignalFacts Facts { get; init; } = SignalFacts.None;
}
