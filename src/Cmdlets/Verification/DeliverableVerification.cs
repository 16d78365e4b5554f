using System.Collections.Generic;

namespace LocalModels.Verification;

/// <summary>
/// What the deliverable (CLAUDE.md for Init) says that the repository copy does not back up. ClaimsChecked: the
/// distinct concrete claims (paths, commands, scripts, targets, package names) checked against the repository, of
/// which Hallucinations are the ones that failed; 0 when nothing was checked.
/// </summary>
public sealed record DeliverableVerification(string Path, bool Exists, int Lines, IReadOnlyList<string> Hallucinations, int ClaimsChecked = 0);
