using System.Linq;
using LocalModels.Classification;
using Xunit;

namespace LocalModels.Tests.Classification;

/// <summary>The text helpers evidence and the document rule rest on, at their edges.</summary>
public sealed class TextPatternsTests
{
    [Theory]
    [InlineData("  a\t\r\n b  c\u00A0d\u2028 ", "a b c d")]
    [InlineData("\n\n", "")]
    [InlineData("one", "one")]
    [InlineData("x\u0085y\u000Bz\u3000w", "x y z w")]
    public void Short_puts_every_run_of_whitespace_as_one_space_and_trims_the_ends(string text, string expected) =>
        Assert.Equal(expected, TextPatterns.Short(text));

    [Fact]
    public void Short_cuts_after_flattening_and_marks_the_cut()
    {
        var text = string.Join("\n\n", Enumerable.Repeat("word", 60));
        var cut = TextPatterns.Short(text, 20);
        Assert.Equal(20, cut.Length);
        Assert.Equal("word word word word…", cut);
        Assert.Equal("word word", TextPatterns.Short("word \n\t word", 9));
    }

    private static string Lines(int count, params string[] headings) =>
        string.Join("\n", headings.Concat(Enumerable.Repeat("text", count - headings.Length)));

    [Fact]
    public void A_document_has_twelve_lines_or_more_and_three_headings()
    {
        Assert.True(TextPatterns.LooksLikeDocument(Lines(12, "# A", "## B", "   ### C"), "CLAUDE.md"));
        Assert.False(TextPatterns.LooksLikeDocument(Lines(11, "# A", "## B", "### C"), "CLAUDE.md"));
        // A trailing newline is one more (empty) line.
        Assert.True(TextPatterns.LooksLikeDocument(Lines(11, "# A", "## B", "### C") + "\n", "CLAUDE.md"));
    }

    [Fact]
    public void Only_hashes_followed_by_a_space_are_headings()
    {
        Assert.False(TextPatterns.LooksLikeDocument(Lines(14, "#A", "##\tB", "text # C", "#", "# D", "\t## E"), "CLAUDE.md"));
        Assert.True(TextPatterns.LooksLikeDocument(Lines(14, "#A", "# B", "\t## C", "\r### D"), "CLAUDE.md"));
    }

    [Fact]
    public void Two_headings_make_a_document_when_it_names_the_deliverable()
    {
        Assert.True(TextPatterns.LooksLikeDocument(Lines(12, "# claude.md", "## Commands"), "CLAUDE.md"));
        Assert.False(TextPatterns.LooksLikeDocument(Lines(12, "# Notes", "## Commands"), "CLAUDE.md"));
    }
}
