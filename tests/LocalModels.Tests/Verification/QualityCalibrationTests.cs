using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using LocalModels.Simulation;
using LocalModels.Tests.Hosting;
using LocalModels.Verification;
using Xunit;

namespace LocalModels.Tests.Verification;

/// <summary>
/// The quality grade against hand-graded CLAUDE.md files (tests/Calibration/&lt;set&gt;/*.md) for five real-shaped
/// repositories of different ecosystems: the bundled TypeScript sample, this C#/PowerShell repository, a Python
/// package, a Go module and a Rust workspace. The file name is the hand grade's kind: good (explored, right and
/// complete: Excellent), minor (right but with a slip or gaps: Good), thin (true but says almost nothing: Low),
/// fabricated (describes a project that is not there: Poor).
/// </summary>
public sealed class QualityCalibrationTests : IDisposable
{
    private static readonly IReadOnlyDictionary<string, QualityGrade> HandGrades = new Dictionary<string, QualityGrade>
    {
        ["good"] = QualityGrade.Excellent,
        ["minor"] = QualityGrade.Good,
        ["thin"] = QualityGrade.Low,
        ["fabricated"] = QualityGrade.Poor,
    };

    private static string Calibration => Path.Combine(RepositoryPaths.Root, "tests", "Calibration");

    private readonly string _sample = Directory.CreateTempSubdirectory("lm-quality-").FullName;

    public QualityCalibrationTests() => SampleRepository.ExtractTo(_sample);

    public void Dispose() => Directory.Delete(_sample, recursive: true);

    public static IEnumerable<object[]> Sets() => new[] { "wordtally", "localmodels", "slugkit", "linkcheck", "tallyho" }.Select(s => new object[] { s });

    private string RepositoryOf(string set) => set switch
    {
        "wordtally" => _sample,
        "localmodels" => RepositoryPaths.Root,
        _ => Path.Combine(Calibration, set, "repository"),
    };

    private DeliverableVerification Grade(string set, string kind) =>
        DeliverableVerifier.Verify(Path.Combine(Calibration, set, kind + ".md"), RepositoryOf(set));

    [Theory]
    [MemberData(nameof(Sets))]
    public void Each_hand_graded_file_gets_its_grade_and_the_grades_order_them_as_a_person_would(string set)
    {
        var kinds = HandGrades.Keys.Where(kind => File.Exists(Path.Combine(Calibration, set, kind + ".md"))).ToList();
        Assert.Contains("good", kinds);
        Assert.Contains("thin", kinds);
        Assert.Contains("fabricated", kinds);
        var graded = kinds.ToDictionary(kind => kind, kind => Grade(set, kind));
        foreach (var (kind, verification) in graded)
        {
            var quality = verification.Quality!;
            Assert.True(HandGrades[kind] == quality.Grade,
                $"{set}/{kind}.md: {quality.Grade}, expected {HandGrades[kind]} (grounding {quality.Grounding}, coverage {quality.Coverage}; false: {string.Join("; ", verification.Hallucinations)}; missing: {string.Join("; ", quality.MissingFacts)})");
        }
        // The two measurements order them too: the good file is best grounded and covers most.
        var good = graded["good"].Quality!;
        Assert.True(good.Grounding > graded["fabricated"].Quality!.Grounding);
        Assert.True(good.Coverage > graded["thin"].Quality!.Coverage);
        Assert.True(good.Coverage > graded["fabricated"].Quality!.Coverage);
    }

    [Theory]
    [MemberData(nameof(Sets))]
    public void A_good_file_flags_nothing_and_a_fabricated_one_mostly_false_names(string set)
    {
        var good = Grade(set, "good");
        Assert.Empty(good.Hallucinations);
        Assert.True(good.ClaimsChecked >= 10, $"{set}: only {good.ClaimsChecked} claims checked in the good file");
        var fabricated = Grade(set, "fabricated");
        Assert.True(fabricated.Hallucinations.Count * 2 > fabricated.ClaimsChecked, $"{set}: {fabricated.Hallucinations.Count} of {fabricated.ClaimsChecked} claims false");
    }

    [Theory]
    [MemberData(nameof(Sets))]
    public void The_facts_come_from_the_repository_build_test_folders_and_entry_points(string set)
    {
        var quality = Grade(set, "good").Quality!;
        var facts = quality.CoveredFacts.Concat(quality.MissingFacts).ToList();
        Assert.Contains(facts, f => f.StartsWith("build command: ", StringComparison.Ordinal));
        Assert.Contains(facts, f => f.StartsWith("test command: ", StringComparison.Ordinal));
        Assert.Contains(facts, f => f.StartsWith("source folder ", StringComparison.Ordinal));
        Assert.Contains(facts, f => f.StartsWith("entry point ", StringComparison.Ordinal));
        // Each fact names something that exists: a command's tool or script, or a path of the repository.
        foreach (var fact in facts.Where(f => f.StartsWith("entry point ", StringComparison.Ordinal) || f.StartsWith("source folder ", StringComparison.Ordinal)))
        {
            var path = fact.Substring(fact.LastIndexOf(' ') + 1).TrimEnd('/');
            Assert.True(File.Exists(Path.Combine(RepositoryOf(set), path)) || Directory.Exists(Path.Combine(RepositoryOf(set), path)), $"{set}: {fact}");
        }
    }

    [Fact]
    public void Each_ecosystem_yields_its_own_commands_as_facts()
    {
        string Facts(string set) => string.Join(" | ", Grade(set, "good").Quality!.CoveredFacts.Concat(Grade(set, "good").Quality!.MissingFacts));
        Assert.Contains("test command: npm test", Facts("wordtally"));
        Assert.Contains("dotnet build", Facts("localmodels"));
        Assert.Contains("entry point module/LocalModels.psd1", Facts("localmodels"));
        Assert.Contains("pytest", Facts("slugkit"));
        Assert.Contains("entry point src/slugkit/cli.py", Facts("slugkit"));
        Assert.Contains("make test", Facts("linkcheck"));
        Assert.Contains("entry point cmd/linkcheck/main.go", Facts("linkcheck"));
        Assert.Contains("cargo lint", Facts("tallyho"));
        Assert.Contains("source folder crates/", Facts("tallyho"));
    }
}
