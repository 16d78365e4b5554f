using System;
using System.Collections.Generic;
using System.Linq;

namespace LocalModels.Verification;

/// <summary>
/// The deliverable's grade from two measurements a reader can check: Grounding, the share of its checkable claims
/// that hold in the repository, and Coverage, the share of the repository's essential facts (build, test and lint
/// commands, main folders, entry points, README steps) it mentions. The thresholds are the documented ones
/// (docs/quality.md, about_LocalModels): fabrication is Poor whatever else the file says; a correct but thin file
/// is Low; Good needs most facts and few errors; Excellent nearly all facts and no more than a slip.
/// </summary>
public static class QualityMeasure
{
    /// <summary>Below this grounding most claims are false: Poor.</summary>
    public const double PoorBelowGrounding = 0.5;
    public const double GoodGrounding = 0.8;
    public const double GoodCoverage = 0.5;
    public const double ExcellentGrounding = 0.95;
    public const double ExcellentCoverage = 0.75;

    /// <summary>Nothing to grade: the deliverable was not written.</summary>
    public static DeliverableQuality NoDeliverable { get; } = new(QualityGrade.None, null, null, Array.Empty<string>(), Array.Empty<string>());

    /// <summary>The grade for two measurements (null: nothing to measure). With no checkable claim a deliverable cannot be shown right: at most Low.</summary>
    public static QualityGrade Grade(double? grounding, double? coverage)
    {
        if (grounding is { } g && g < PoorBelowGrounding) return QualityGrade.Poor;
        if (grounding is null) return QualityGrade.Low;
        var c = coverage ?? 0;
        if (grounding >= ExcellentGrounding && c >= ExcellentCoverage) return QualityGrade.Excellent;
        if (grounding >= GoodGrounding && c >= GoodCoverage) return QualityGrade.Good;
        return QualityGrade.Low;
    }

    internal static DeliverableQuality Measure(string content, IReadOnlyList<ClaimCheck> claims, IReadOnlyList<ExpectedFact> facts)
    {
        if (content.Trim().Length == 0) return NoDeliverable;
        double? grounding = claims.Count == 0 ? null : Math.Round((double)claims.Count(c => c.Problem is null) / claims.Count, 3);
        var covered = facts.Where(f => f.IsMentionedIn(content)).Select(f => f.Label).ToList();
        var missing = facts.Select(f => f.Label).Except(covered).ToList();
        double? coverage = facts.Count == 0 ? null : Math.Round((double)covered.Count / facts.Count, 3);
        return new DeliverableQuality(Grade(grounding, coverage), grounding, coverage, covered, missing);
    }
}
