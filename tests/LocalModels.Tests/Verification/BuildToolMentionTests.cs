using System;
using System.Linq;
using System.Threading.Tasks;
using LocalModels.Verification;
using Xunit;

namespace LocalModels.Tests.Verification;

/// <summary>
/// A CLAUDE.md covers a Gradle or Maven repository's build and test facts when it gives their commands, with whatever
/// flags and modules come before the task; and a model's text of endless "mvn mvn mvn ..." is checked in moments.
/// </summary>
public sealed class BuildToolMentionTests
{
    private static string[] Covered(ScratchRepository repository, string markdown) =>
        repository.Check(markdown).Quality!.CoveredFacts.Where(fact => fact.StartsWith("build command", StringComparison.Ordinal) || fact.StartsWith("test command", StringComparison.Ordinal)).ToArray();

    private static ScratchRepository Maven() => new(("pom.xml", "<project><artifactId>billing</artifactId></project>"));

    private static ScratchRepository Gradle() => new(("build.gradle.kts", "plugins { java }\n"), ("gradlew", "#!/bin/sh\n"));

    [Theory]
    [InlineData("mvn package", "build")]
    [InlineData("`mvn -B -q clean install`", "build")]
    [InlineData("mvn -pl core -am verify", "build,test")]
    [InlineData("./mvnw test", "test")]
    [InlineData("run mvn\n  -U test", "test")]
    [InlineData("mvn dependency:tree", "")]
    [InlineData("mvnd package", "")]
    public void Maven_commands_cover_the_facts_their_goal_names(string markdown, string purposes)
    {
        using var repository = Maven();
        Assert.Equal(Expected(purposes), Covered(repository, markdown).Select(Purpose).ToArray());
    }

    [Theory]
    [InlineData("./gradlew build", "build")]
    [InlineData("gradle --no-daemon --offline assemble", "build")]
    [InlineData("./gradlew :app:test", "test")]
    [InlineData("./gradlew.bat clean check", "test")]
    [InlineData("gradle tasks", "")]
    public void Gradle_commands_cover_the_facts_their_task_names(string markdown, string purposes)
    {
        using var repository = Gradle();
        Assert.Equal(Expected(purposes), Covered(repository, markdown).Select(Purpose).ToArray());
    }

    [Fact]
    public void A_command_line_covers_its_fact_with_up_to_the_bounded_number_of_words_before_its_goal()
    {
        using var repository = Maven();
        var flags = string.Join(" ", Enumerable.Range(1, ExpectedFacts.MaxWordsBeforeTask).Select(i => $"-Dp{i}"));
        Assert.Equal(new[] { "build" }, Covered(repository, $"mvn {flags} package").Select(Purpose).ToArray());
        Assert.Empty(Covered(repository, $"mvn {flags} -Dmore package"));
    }

    [Theory]
    [InlineData("mvn ")]
    [InlineData("mvnw\n")]
    [InlineData("gradlew ")]
    [InlineData("gradle\n")]
    public async Task A_deliverable_repeating_a_build_tool_without_a_task_is_checked_in_moments(string unit)
    {
        using var maven = Maven();
        using var gradle = Gradle();
        // 800 KB: each of its 100,000 mentions read every word after it before the bound, hours of work.
        var markdown = string.Concat(Enumerable.Repeat(unit, 800_000 / unit.Length));
        var covered = await TimeBound.Within(TimeSpan.FromSeconds(30), $"Checking {markdown.Length:N0} characters of \"{unit.Trim()}\"",
            () => Covered(maven, markdown).Concat(Covered(gradle, markdown)).ToArray());
        Assert.Empty(covered);
    }

    private static string Purpose(string fact) => fact.Substring(0, fact.IndexOf(' '));

    private static string[] Expected(string purposes) => purposes.Split(',', StringSplitOptions.RemoveEmptyEntries);
}
