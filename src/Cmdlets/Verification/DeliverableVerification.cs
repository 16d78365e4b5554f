using System.Collections.Generic;

namespace LocalModels.Verification;

/// <summary>What the deliverable (CLAUDE.md for Init) says that the repository copy does not back up.</summary>
public sealed record DeliverableVerification(string Path, bool Exists, int Lines, IReadOnlyList<string> Hallucinations);
