using LocalModels.Classification;

namespace LocalModels;

/// <summary>One entry of the failure taxonomy, as Get-ModelFailureMode lists it.</summary>
public sealed class FailureModeInfo
{
    public FailureModeInfo(FailureMode name, int precedence, string description, string typicalCause, string fix, string example)
    {
        Name = name;
        Precedence = precedence;
        Description = description;
        TypicalCause = typicalCause;
        Fix = fix;
        Example = example;
    }

    /// <summary>The mode, as ModelRun.FailureMode shows it.</summary>
    public FailureMode Name { get; }

    /// <summary>1 for the mode that wins when several apply.</summary>
    public int Precedence { get; }

    public string Description { get; }
    public string TypicalCause { get; }
    public string Fix { get; }

    /// <summary>Evidence as a run's Evidence column shows it for this mode.</summary>
    public string Example { get; }

    public override string ToString() => Name.ToString();
}
