using System.Collections.Generic;

namespace LocalModels.Verification;

/// <summary>
/// How good a deliverable is, measured against the repository: <see cref="Grounding"/> (the share of its checkable
/// claims that hold; null when it makes none), <see cref="Coverage"/> (the share of the repository's essential facts
/// it mentions; null when the repository yields none), the facts behind the coverage, and the grade they give.
/// </summary>
public sealed record DeliverableQuality(QualityGrade Grade, double? Grounding, double? Coverage, IReadOnlyList<string> CoveredFacts, IReadOnlyList<string> MissingFacts);
