using System;
using System.Text;
using System.Text.RegularExpressions;
using LocalModels.Classification;
using Xunit;

namespace LocalModels.Tests.Classification;

/// <summary>Claude Code's "No such tool available" error, read from tool results.</summary>
public sealed class ToolErrorTextTests
{
    [Theory]
    [InlineData("<tool_use_error>Error: No such tool available: Bash2</tool_use_error>", "Bash2")]
    [InlineData("No such tool available:   read_file. Try another.", "read_file")]
    [InlineData("No such tool available:\nfetch", "fetch")]
    [InlineData("no such tool available: Bash2", null)]
    [InlineData("No such tool available Bash2", null)]
    [InlineData("No such tool available:", null)]
    [InlineData("No such tool available: .", null)]
    [InlineData("", null)]
    public void UnknownTool_reads_the_name_after_the_sentence(string text, string? expected) =>
        Assert.Equal(expected, ToolErrorText.UnknownTool(text));

    /// <summary>The ordinal search that rules texts out first changes no answer of the regex alone.</summary>
    [Fact]
    public void UnknownTool_answers_as_the_regex_alone_on_generated_texts()
    {
        var regex = new Regex(@"No such tool available:\s*([^\s.<]+)", RegexOptions.CultureInvariant);
        string[] pieces =
        [
            "No such tool available:", "No such tool available", "No such tool  available:", "no such tool available:",
            "No such tool available :", "No such tool availablE:", " ", "\n", "\t", ".", "<", "Bash", "read_file", "é",
            "tool_use_error", "Error: ", "available:", "No such", "\u00A0", "mcp__x__y",
        ];
        var random = new Random(2026_12_03);
        var found = 0;
        for (var i = 0; i < 20000; i++)
        {
            var text = new StringBuilder();
            for (var n = random.Next(0, 8); n > 0; n--) text.Append(pieces[random.Next(pieces.Length)]);
            var expected = regex.Match(text.ToString()) is { Success: true } m ? m.Groups[1].Value : null;
            if (expected is not null) found++;
            Assert.Equal(expected, ToolErrorText.UnknownTool(text.ToString()));
        }
        // Both answers occur often enough for the comparison to mean something.
        Assert.InRange(found, 1000, 19000);
    }
}
