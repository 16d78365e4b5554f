using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace LocalModels.Verification.Commands;

/// <summary>
/// Gradle and Maven: the wrapper a command runs (<c>./gradlew</c>, <c>./mvnw</c>) must exist; the build must
/// exist (settings/build.gradle[.kts], pom.xml); the subprojects it names (<c>:app:test</c>, <c>-pl core</c>) and
/// Maven profiles (<c>-P</c>) must be declared. Task and goal names come from plugins and are not judged.
/// </summary>
internal sealed class JvmBuildRule : ICommandRule
{
    private static readonly string[] GradleFiles = { "settings.gradle", "settings.gradle.kts", "build.gradle", "build.gradle.kts" };

    public ClaimCheck? Check(CommandLine command, RepositoryIndex repository)
    {
        if (command.Words.Count < 2) return null;
        var runner = command.Runner;
        var wrapper = runner.StartsWith("./", StringComparison.Ordinal) ? runner.Substring(2) : runner.StartsWith("gradlew", StringComparison.Ordinal) || runner.StartsWith("mvnw", StringComparison.Ordinal) ? runner : null;
        var tool = RepositoryIndex.FileName(runner.Replace('\\', '/'));
        var isGradle = tool is "gradle" or "gradlew" or "gradlew.bat";
        var isMaven = tool is "mvn" or "mvnw" or "mvnw.cmd";
        if (!isGradle && !isMaven) return null;
        var directory = command.Directory;
        if (isGradle && command.Values("-p", "--project-dir").FirstOrDefault() is { } projectDir)
            directory = RepositoryIndex.Resolve(directory, projectDir) ?? directory;
        var goals = command.Positionals(1, "-p", "--project-dir", "-x", "--exclude-task", "-pl", "--projects", "-P", "--activate-profiles", "-f", "--file", "-s", "--settings", "-D", "-T", "--threads", "-b").ToList();
        var text = string.Join(" ", command.Words);
        if (wrapper is not null && RepositoryIndex.Resolve(command.Directory, wrapper) is { } wrapperPath && !repository.Exists(wrapperPath))
            return ClaimCheck.Fails(text, $"missing file {wrapperPath} ({text})");
        return isGradle ? Gradle(repository, directory, text, goals) : Maven(command, repository, directory, text);
    }

    private static ClaimCheck Gradle(RepositoryIndex repository, string directory, string text, List<string> tasks)
    {
        var build = repository.FirstIn(directory, GradleFiles) ?? (directory.Length == 0 ? repository.Manifests(2, GradleFiles).FirstOrDefault() : null);
        if (build is null) return ClaimCheck.Fails(text, $"{text} without a Gradle build");
        var settings = string.Join("\n", repository.Manifests(2, "settings.gradle", "settings.gradle.kts").Select(repository.Read));
        var undefined = new List<string>();
        foreach (var task in tasks.Where(t => t.StartsWith(":", StringComparison.Ordinal) && t.LastIndexOf(':') > 0))
        {
            var project = task.Substring(0, task.LastIndexOf(':'));
            var folder = project.Trim(':').Replace(':', '/');
            var declared = Regex.IsMatch(settings, $@"[""']:?{Regex.Escape(project.TrimStart(':'))}[""']") || GradleFiles.Any(f => repository.Exists(RepositoryIndex.Combine(folder, f)));
            if (!declared) undefined.Add(project);
        }
        return ClaimCheck.When(undefined.Count == 0, text, $"undefined Gradle project {string.Join(", ", undefined)} ({text})");
    }

    private static ClaimCheck Maven(CommandLine command, RepositoryIndex repository, string directory, string text)
    {
        var pom = repository.FirstIn(directory, "pom.xml") ?? (directory.Length == 0 ? repository.Manifests(2, "pom.xml").FirstOrDefault() : null);
        if (pom is null) return ClaimCheck.Fails(text, $"{text} without a pom.xml");
        var poms = string.Join("\n", repository.Manifests(3, "pom.xml").Select(repository.Read));
        var problems = new List<string>();
        foreach (var module in command.Values("-pl", "--projects").SelectMany(v => v.Split(',')).Select(m => m.TrimStart('!', '-')).Where(m => m.Length > 0))
        {
            var declared = module.StartsWith(":", StringComparison.Ordinal)
                ? poms.Contains($"<artifactId>{module.Substring(1)}</artifactId>")
                : poms.Contains($"<module>{module}</module>") || repository.Exists(RepositoryIndex.Combine(module.TrimEnd('/'), "pom.xml"));
            if (!declared) problems.Add($"undefined Maven module {module}");
        }
        foreach (var profile in command.Values("-P", "--activate-profiles").SelectMany(v => v.Split(',')).Select(p => p.TrimStart('!', '-')).Where(p => p.Length > 0))
            if (!poms.Contains($"<id>{profile}</id>")) problems.Add($"undefined Maven profile {profile}");
        return ClaimCheck.When(problems.Count == 0, text, $"{string.Join(", ", problems)} ({text})");
    }
}
