namespace LocalModels;

/// <summary>
/// The field report's grades for a deliverable, worst to best so that sorting orders runs by quality.
/// None: there was no deliverable to grade.
/// </summary>
public enum QualityGrade
{
    None = 0,
    Poor = 1,
    Low = 2,
    Good = 3,
    Excellent = 4,
}
