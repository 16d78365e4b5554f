using System.Collections.Generic;

namespace LocalModels.Classification;

/// <summary>The classifier's answer: the winning mode by precedence, and every signal found.</summary>
public sealed record RunVerdict(RunOutcome Outcome, FailureMode FailureMode, IReadOnlyList<FailureSignal> Signals, string Evidence);
