namespace LocalModels.Classification;

/// <summary>The overall verdict on a run; FailureMode says why when it is not Success.</summary>
public enum RunOutcome
{
    /// <summary>Deliverable produced, no interventions, no hallucinations found.</summary>
    Success,
    /// <summary>Deliverable produced, but only after one or more "Continue" nudges.</summary>
    CompletedAfterIntervention,
    /// <summary>Deliverable produced, but it names files or commands that do not exist.</summary>
    CompletedWithHallucinations,
    /// <summary>No usable deliverable.</summary>
    Failed,
    /// <summary>Stopped at the time limit (or by -StopOnFailure) with what was measured so far.</summary>
    Stopped,
}
