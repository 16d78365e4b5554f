namespace LocalModels.Verification.Commands;

/// <summary>
/// What one ecosystem's tools (npm, make, cargo...) need from the repository for a command to work. A rule answers
/// only for its own runners and only when it can tell; null means "not mine, or not knowable here" (an installed
/// tool, a plugin task), which is never reported.
/// </summary>
internal interface ICommandRule
{
    ClaimCheck? Check(CommandLine command, RepositoryIndex repository);
}
