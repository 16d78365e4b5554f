using System;
using System.Text;
using System.Text.RegularExpressions;
using LocalModels.Simulation.Behaviors;
using Xunit;

namespace LocalModels.Tests.Simulation;

/// <summary>What the simulated model keeps of a file Claude Code read for it: the file, without Claude Code's reminders.</summary>
public sealed class RepositoryFactsTests
{
    private static readonly string[] Pieces = { "<system-reminder>", "</system-reminder>", "<system-reminder", "system-reminder>", "x", "\n", " ", "<", ">", "/" };

    [Theory]
    [InlineData("a<system-reminder>b</system-reminder>c", "ac")]
    [InlineData("<system-reminder>a</system-reminder><system-reminder>b</system-reminder>", "")]
    [InlineData("a<system-reminder>b<system-reminder>c</system-reminder>d</system-reminder>", "ad</system-reminder>")]
    [InlineData("a<system-reminder>unclosed", "a<system-reminder>unclosed")]
    [InlineData("no reminder", "no reminder")]
    public void Reminders_are_cut_from_each_start_tag_to_the_first_end_tag_after_it(string text, string kept) =>
        Assert.Equal(kept, RepositoryFacts.WithoutSystemReminders(text));

    [Fact]
    public void Reminders_are_cut_where_the_lazy_pattern_first_used_cut_them()
    {
        var asFirstWritten = new Regex("<system-reminder>.*?</system-reminder>", RegexOptions.Singleline | RegexOptions.CultureInvariant);
        var random = new Random(2026_12_02);
        var cut = 0;
        for (var i = 0; i < 5000; i++)
        {
            var text = new StringBuilder();
            for (var p = random.Next(0, 12); p > 0; p--) text.Append(Pieces[random.Next(Pieces.Length)]);
            var expected = asFirstWritten.Replace(text.ToString(), "");
            Assert.Equal(expected, RepositoryFacts.WithoutSystemReminders(text.ToString()));
            if (expected.Length < text.Length) cut++;
        }
        Assert.InRange(cut, 200, 4800);
    }
}
