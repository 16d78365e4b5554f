using LocalModels.Verification;
using Xunit;

namespace LocalModels.Tests.Verification;

/// <summary>The documented thresholds, at and around each boundary.</summary>
public sealed class QualityGradeTests
{
    [Theory]
    [InlineData(0.0, 1.0, QualityGrade.Poor)]
    [InlineData(0.49, 1.0, QualityGrade.Poor)]
    [InlineData(0.5, 1.0, QualityGrade.Low)]
    [InlineData(0.79, 1.0, QualityGrade.Low)]
    [InlineData(0.8, 0.49, QualityGrade.Low)]
    [InlineData(0.8, 0.5, QualityGrade.Good)]
    [InlineData(0.94, 1.0, QualityGrade.Good)]
    [InlineData(0.95, 0.74, QualityGrade.Good)]
    [InlineData(0.95, 0.75, QualityGrade.Excellent)]
    [InlineData(1.0, 1.0, QualityGrade.Excellent)]
    public void Grounding_and_coverage_give_the_documented_grade(double grounding, double coverage, QualityGrade expected) =>
        Assert.Equal(expected, QualityMeasure.Grade(grounding, coverage));

    [Fact]
    public void A_deliverable_with_nothing_checkable_is_at_most_Low()
    {
        Assert.Equal(QualityGrade.Low, QualityMeasure.Grade(null, 1.0));
        Assert.Equal(QualityGrade.Low, QualityMeasure.Grade(null, null));
    }

    [Fact]
    public void Fabrication_is_Poor_whatever_it_covers() => Assert.Equal(QualityGrade.Poor, QualityMeasure.Grade(0.3, 1.0));
}
