namespace LocalModels.Verification;

/// <summary>
/// One concrete claim of the deliverable, checked: <see cref="Claim"/> names it ("npm run lint", "src/app.ts");
/// <see cref="Problem"/> says what the repository lacks ("undefined script npm run lint"), null when it holds.
/// </summary>
internal sealed record ClaimCheck(string Claim, string? Problem)
{
    public static ClaimCheck Holds(string claim) => new(claim, null);

    public static ClaimCheck Fails(string claim, string problem) => new(claim, problem);

    /// <summary>Holds when <paramref name="holds"/>, else fails with <paramref name="problem"/>.</summary>
    public static ClaimCheck When(bool holds, string claim, string problem) => new(claim, holds ? null : problem);
}
