using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace LocalModels.Verification;

/// <summary>
/// Checks a deliverable (CLAUDE.md) against the repository copy the model worked on: file and directory paths it
/// mentions that do not exist, and commands it names that the repository does not define (package.json scripts,
/// Makefile targets, justfile recipes, tox envs, nox sessions, python -m modules). Errs toward silence: a token
/// is only checked when it clearly is a path or a command, so URLs, globs, versions, package names and
/// abbreviations are never reported.
/// </summary>
public static class DeliverableVerifier
{
    /// <summary>Verifies the file at <paramref name="deliverablePath"/>; a missing file gives Exists = false.</summary>
    public static DeliverableVerification Verify(string deliverablePath, string repositoryRoot)
    {
        if (!File.Exists(deliverablePath))
            return new DeliverableVerification(deliverablePath, false, 0, Array.Empty<string>());
        return VerifyContent(File.ReadAllText(deliverablePath), repositoryRoot, deliverablePath);
    }

    /// <summary>
    /// Verifies deliverable text that is not on disk (e.g. the content a trace's Write call carried) against
    /// <paramref name="repositoryRoot"/>; with a null root, only lines are counted.
    /// </summary>
    public static DeliverableVerification VerifyContent(string content, string? repositoryRoot, string displayPath)
    {
        var lines = CountLines(content);
        if (repositoryRoot is null || !Directory.Exists(repositoryRoot))
            return new DeliverableVerification(displayPath, true, lines, Array.Empty<string>());
        var repository = new RepositoryIndex(repositoryRoot);
        var problems = new List<string>();
        var claims = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in ReferenceExtraction.Paths(content))
        {
            // An ambiguous token ("owner/repo") is a claim about the repository only when its first folder exists.
            if (path.RequiresKnownRoot && !repository.HasPath(path.Text.Split('/')[0])) continue;
            claims.Add("path:" + path.Text);
            if (!repository.HasPath(path.Text))
                Add(problems, path.IsDirectory ? $"missing directory {path.Text}" : $"missing file {path.Text}");
        }
        foreach (var command in ReferenceExtraction.Commands(content))
        {
            claims.Add("command:" + command.Text);
            if (repository.Undefined(command) is { } problem)
                Add(problems, problem);
        }
        return new DeliverableVerification(displayPath, true, lines, problems, claims.Count);
    }

    private static void Add(List<string> problems, string problem)
    {
        if (!problems.Contains(problem)) problems.Add(problem);
    }

    private static int CountLines(string content)
    {
        if (content.Length == 0) return 0;
        var count = content.Count(c => c == '\n');
        return content.EndsWith("\n", StringComparison.Ordinal) ? count : count + 1;
    }
}
