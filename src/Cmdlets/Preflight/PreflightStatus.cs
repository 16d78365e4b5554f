namespace LocalModels;

/// <summary>Outcome of one preflight check. Fail means Claude Code will not work; Warn means it may work badly.</summary>
public enum PreflightStatus
{
    Pass,
    Warn,
    Fail,
}
