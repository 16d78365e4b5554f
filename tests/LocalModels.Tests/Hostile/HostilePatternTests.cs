using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using LocalModels.Tests.Hosting;
using LocalModels.Traces;
using Xunit;

namespace LocalModels.Tests.Hostile;

/// <summary>
/// Every regex the module keeps (a static field of any of its types) reads model text, transcripts, repository files or
/// a machine's settings, all of which can be written to make a backtracking regex take time growing with the square of
/// their length. Each is run over long texts of its own words and of blanks, with a match timeout, so a pattern that
/// does so fails here in seconds instead of stalling a verdict for hours.
/// </summary>
public sealed class HostilePatternTests
{
    /// <summary>A quarter of a million characters: a linear search takes milliseconds, a quadratic one minutes.</summary>
    private const int TextLength = 256 * 1024;

    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(5);

    private static readonly string[] Blanks = { "\n", " ", "\t", "\n ", "\n\n", "\r\n", ". ", ".\n", "! " };

    private static readonly string[] Marks = { "a", "a ", "a.", "a/", "a-", "a:", "a=", "0", "0.", "`", "\"", "'", ":", "=", "-", "/", "./", "<", "[" };

    public static TheoryData<string> Patterns()
    {
        var data = new TheoryData<string>();
        foreach (var name in ModulePatterns().Keys.OrderBy(name => name, StringComparer.Ordinal)) data.Add(name);
        return data;
    }

    [Fact]
    public void The_module_keeps_its_patterns_where_this_test_finds_them()
    {
        // The reflection below finds the module's patterns (64 when this was written), not an empty list that passes.
        var names = ModulePatterns().Keys;
        Assert.True(names.Count >= 60, $"only {names.Count} patterns found");
        Assert.Contains("ExpectedFacts.MavenBuild", names);
        Assert.Contains("TextPatterns.Announces", names);
        Assert.Contains("ServerContextStore.DropInSetting", names);
    }

    [Fact]
    public void A_fixed_pattern_is_kept_in_a_static_field_where_this_test_finds_it()
    {
        // A pattern written into a call (Regex.IsMatch(text, @"...")) or built in a method from literals alone escapes
        // the test below; patterns built from a repository's names (with Regex.Escape) are searched for those names only.
        const string literalAlone = @"@?""(?:[^""\\]|""""|\\.)*""\s*[,)]";
        var inCall = new Regex(@"Regex\.(IsMatch|Match|Matches|Replace|Split)\([^;]*?,\s*" + literalAlone);
        var builtInMethod = new Regex(@"new Regex\(\s*" + literalAlone);
        var found = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "src"), "*.cs", SearchOption.AllDirectories)
                     .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}")))
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
                if (inCall.IsMatch(lines[i]) || builtInMethod.IsMatch(lines[i]) && !lines[i].Contains("static readonly"))
                    found.Add($"{Path.GetRelativePath(RepositoryPaths.Root, file)}:{i + 1}");
        }
        Assert.Empty(found);
    }

    [Theory]
    [MemberData(nameof(Patterns))]
    public void A_pattern_reads_long_runs_of_its_own_words_and_of_blanks_in_linear_time(string name)
    {
        var kept = ModulePatterns()[name];
        var bounded = new Regex(kept.ToString(), kept.Options, Limit);
        foreach (var unit in Units(kept.ToString()))
        {
            var text = string.Concat(Enumerable.Repeat(unit, TextLength / unit.Length));
            try
            {
                for (var match = bounded.Match(text); match.Success; match = match.NextMatch())
                {
                    // Every match, as a caller reading them all would: an empty match moves on one character.
                }
            }
            catch (RegexMatchTimeoutException)
            {
                Assert.Fail($"{name} took more than {Limit.TotalSeconds:N0} s over {text.Length:N0} characters of \"{Escape(unit)}\".");
            }
        }
    }

    /// <summary>The texts to repeat: blanks, marks, and each run of letters, digits and marks the pattern itself holds, alone and followed by a blank.</summary>
    private static IEnumerable<string> Units(string pattern)
    {
        var literal = pattern.Replace(@"\s", " ").Replace(@"\n", "\n").Replace(@"\t", "\t").Replace(@"\.", ".").Replace(@"\/", "/").Replace("\\", "");
        var words = Regex.Matches(literal, @"[A-Za-z0-9<>:=_/.\- ]{2,}").Select(match => match.Value).Distinct(StringComparer.Ordinal);
        return Blanks.Concat(Marks).Concat(words.SelectMany(word => new[] { word, word + " ", word + "\n" })).Distinct(StringComparer.Ordinal);
    }

    private static Dictionary<string, Regex> ModulePatterns()
    {
        var patterns = new Dictionary<string, Regex>(StringComparer.Ordinal);
        foreach (var type in typeof(RunTrace).Assembly.GetTypes().Where(type => !type.ContainsGenericParameters))
            foreach (var field in type.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic))
                if (field.FieldType == typeof(Regex) && field.GetValue(null) is Regex regex)
                    patterns[$"{type.Name}.{field.Name}"] = regex;
        return patterns;
    }

    private static string Escape(string unit) => unit.Replace("\n", "\\n").Replace("\r", "\\r").Replace("\t", "\\t");
}
