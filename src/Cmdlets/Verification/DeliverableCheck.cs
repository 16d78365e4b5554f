using System;
using System.IO;
using LocalModels.Claude;
using LocalModels.Platform;
using LocalModels.Traces;

namespace LocalModels.Verification;

/// <summary>
/// The deliverable check for a run known only by its trace (Import-ModelRun): the trace says whether the model
/// wrote the deliverable and with what content; the repository copy, when given, says whether that content holds.
/// </summary>
public static class DeliverableCheck
{
    /// <summary>
    /// The verification of the deliverable the trace wrote (or edited), checked against <paramref name="repositoryRoot"/>
    /// when given. With no write in the trace: "missing" when a repository was given, the prompt asked for the
    /// deliverable (/init) or <paramref name="expected"/> says the task did (a stream trace does not repeat the
    /// prompt), else null (nothing to judge the run by).
    /// </summary>
    public static DeliverableVerification? FromTrace(RunTrace trace, string? repositoryRoot, string deliverableFileName = ClaudeMemoryFile.Name, bool expected = false) =>
        FromTrace(trace, repositoryRoot, null, deliverableFileName, expected);

    /// <summary>As the public overload, with repository indexes shared across an import (see <see cref="RepositoryIndexes"/>).</summary>
    internal static DeliverableVerification? FromTrace(RunTrace trace, string? repositoryRoot, RepositoryIndexes? indexes, string deliverableFileName = ClaudeMemoryFile.Name, bool expected = false)
    {
        if (trace.DeliverableWrite is { Succeeded: true } write)
            return DeliverableVerifier.VerifyContent(write.Content, repositoryRoot, write.FilePath, indexes);
        // An edit shows the file is there, not what it says: that is read from the repository when there is one, and
        // never through a link out of it, which a hostile repository could point at a credentials file.
        if (trace.DeliverableEdit is { Succeeded: true } edit)
        {
            var onDisk = repositoryRoot is null ? null : Path.Combine(repositoryRoot, deliverableFileName);
            return onDisk is not null && ContentFile.ResolveInside(onDisk, repositoryRoot!) is not null
                ? DeliverableVerifier.Verify(onDisk, repositoryRoot!, indexes)
                : new DeliverableVerification(onDisk ?? edit.FilePath, true, 0, Array.Empty<string>());
        }
        expected = expected || repositoryRoot is not null
            || trace.Prompt is { } prompt && (prompt.IndexOf(deliverableFileName, StringComparison.OrdinalIgnoreCase) >= 0 || prompt.Contains("/init"));
        if (!expected) return null;
        var path = repositoryRoot is not null ? Path.Combine(repositoryRoot, deliverableFileName) : deliverableFileName;
        return new DeliverableVerification(path, false, 0, Array.Empty<string>());
    }
}
