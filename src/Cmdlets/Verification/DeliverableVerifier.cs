using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using LocalModels.Verification.Commands;
using LocalModels.Platform;

namespace LocalModels.Verification;

/// <summary>
/// Checks a deliverable (CLAUDE.md) against the repository copy the model worked on: file and directory paths it
/// mentions that do not exist, and commands it names that the repository does not define (npm/pnpm/yarn scripts,
/// make/just/task targets, Python tools and project scripts, .NET projects, Go packages, Cargo packages and
/// features, Gradle/Maven builds). Errs toward silence: a token is only checked when it clearly is a path or a
/// command, so URLs, globs, versions, installed tools and abbreviations are never reported. Then grades it
/// (<see cref="QualityMeasure"/>).
/// </summary>
public static class DeliverableVerifier
{
    private static readonly ICommandRule[] Rules =
    {
        new NodeScriptRule(), new TaskRunnerRule(), new PythonRule(), new DotNetRule(), new GoRule(), new CargoRule(), new JvmBuildRule(),
    };

    /// <summary>
    /// A model can write a deliverable of any size; a CLAUDE.md never has this many paths or commands, and checking
    /// each costs a look through the repository.
    /// </summary>
    private const int MaxClaimsOfEachKind = 2000;

    /// <summary>As much of a deliverable on disk as is verified; a CLAUDE.md is kilobytes.</summary>
    internal const int MaxDeliverableBytes = 16 * 1024 * 1024;

    /// <summary>
    /// Verifies the file at <paramref name="deliverablePath"/>; a missing file gives Exists = false, and so does a link
    /// that leads out of the repository (a model can point CLAUDE.md at a credentials file: it is never read, nor kept).
    /// </summary>
    public static DeliverableVerification Verify(string deliverablePath, string repositoryRoot) => Verify(deliverablePath, repositoryRoot, null);

    /// <summary>As <see cref="Verify(string, string)"/>, with the index of the repository taken from an import's <paramref name="indexes"/>.</summary>
    internal static DeliverableVerification Verify(string deliverablePath, string repositoryRoot, RepositoryIndexes? indexes)
    {
        if (ContentFile.ResolveInside(deliverablePath, repositoryRoot) is not { } readable)
            return new DeliverableVerification(deliverablePath, false, 0, Array.Empty<string>()) { Quality = QualityMeasure.NoDeliverable };
        // A model can leave a FIFO or a file of gigabytes by the deliverable's name: read what a CLAUDE.md could hold.
        return VerifyContent(ContentFile.ReadText(readable, MaxDeliverableBytes, out _), repositoryRoot, deliverablePath, indexes);
    }

    /// <summary>
    /// Verifies deliverable text that is not on disk (e.g. the content a trace's Write call carried) against
    /// <paramref name="repositoryRoot"/>; with a null root, only lines are counted.
    /// </summary>
    public static DeliverableVerification VerifyContent(string content, string? repositoryRoot, string displayPath) =>
        VerifyContent(content, repositoryRoot, displayPath, null);

    /// <summary>As <see cref="VerifyContent(string, string?, string)"/>, with the index taken from an import's <paramref name="indexes"/>.</summary>
    internal static DeliverableVerification VerifyContent(string content, string? repositoryRoot, string displayPath, RepositoryIndexes? indexes)
    {
        var lines = CountLines(content);
        if (repositoryRoot is null || !Directory.Exists(repositoryRoot))
            return new DeliverableVerification(displayPath, true, lines, Array.Empty<string>());
        var repository = indexes?.For(repositoryRoot) ?? new RepositoryIndex(repositoryRoot);
        var claims = Claims(content, repository);
        var problems = claims.Where(c => c.Problem is not null).Select(c => c.Problem!).Distinct().ToList();
        return new DeliverableVerification(displayPath, true, lines, problems, claims.Count)
        {
            // What the repository should be known for is the same for every session checked against it.
            Quality = QualityMeasure.Measure(content, claims, repository.Parsed("expected facts", () => ExpectedFacts.Discover(repository))),
        };
    }

    /// <summary>
    /// Every checkable claim of <paramref name="content"/>, once each, paths first. A path that is a command's
    /// argument ("go run ./cmd/worker", "pnpm -C apps/api") is judged with its command, not again on its own.
    /// </summary>
    internal static IReadOnlyList<ClaimCheck> Claims(string content, RepositoryIndex repository)
    {
        var commands = new List<ClaimCheck>();
        var seenCommands = new HashSet<string>(StringComparer.Ordinal);
        foreach (var command in ReferenceExtraction.Commands(content).Take(MaxClaimsOfEachKind))
            if (Rules.Select(rule => rule.Check(command, repository)).FirstOrDefault(check => check is not null) is { } check && seenCommands.Add(check.Claim))
                commands.Add(check);
        var claims = new List<ClaimCheck>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Add(ClaimCheck claim)
        {
            if (commands.Any(c => c.Claim.Contains(claim.Claim.TrimEnd('/')))) return;
            if (seen.Add(claim.Claim)) claims.Add(claim);
        }
        var goModule = repository.Manifests(2, "go.mod", "go.work").Count > 0;
        foreach (var path in ReferenceExtraction.Paths(content).Take(MaxClaimsOfEachKind))
        {
            if (repository.HasPath(path.Text)) Add(ClaimCheck.Holds(path.Text));
            // An ambiguous token ("text/plain", or "net/http" in a Go module) is only a claim about the repository
            // when it starts in a folder the repository has.
            else if (!(path.RequiresKnownRoot || path.Bare && goModule) || repository.HasPath(path.Text.Split('/')[0]))
                Add(ClaimCheck.Fails(path.Text, path.IsDirectory ? $"missing directory {path.Text}" : $"missing file {path.Text}"));
        }
        claims.AddRange(commands);
        return claims;
    }

    private static int CountLines(string content)
    {
        if (content.Length == 0) return 0;
        // A loop, not Count(predicate): every imported run that wrote its deliverable counts its lines here.
        var count = 0;
        foreach (var c in content)
            if (c == '\n') count++;
        return content.EndsWith("\n", StringComparison.Ordinal) ? count : count + 1;
    }
}
