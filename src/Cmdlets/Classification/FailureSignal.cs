namespace LocalModels.Classification;

/// <summary>One failure mode found in a run, with the evidence that shows it (quoted from the trace).</summary>
public sealed record FailureSignal(FailureMode Mode, string Evidence);
