using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using LocalModels.Classification;
using LocalModels.Traces;
using Xunit;

namespace LocalModels.Tests.Classification;

/// <summary>
/// Narrated tool calls: the ordinal pre-checks that spare most texts the regexes must never drop a narration, at
/// the start, the end or the middle of a text, for any vocabulary.
/// </summary>
public sealed class ToolNarrationTests
{
    private static readonly ToolNarration Known = ToolNarration.For(ToolNames.KnownClaudeCodeTools);

    [Theory]
    [InlineData("Let me use the Glob tool to find the sources.", "Glob")]
    [InlineData("Read(file_path=\"src/index.ts\")", "Read")]
    [InlineData("Now I will run the tests.\n- Bash command: npm test", "Bash")]
    [InlineData("First I'll look around, then call `Grep`", "Grep")]
    [InlineData("To see the layout I am invoking Read", "Read")]
    [InlineData("{\"name\": \"Write\", \"input\": {}}", "Write")]
    public void A_text_that_writes_a_tool_call_out_names_the_tool(string text, string tool) =>
        Assert.Equal(new[] { tool }, Known.Find(text));

    [Fact]
    public void Every_narrated_tool_is_named_once_in_order_of_first_mention()
    {
        var text = "I'll use the Glob tool first.\nGrep pattern: TODO\nThen the Glob tool again.\nRead(file_path=\"a\")";
        Assert.Equal(new[] { "Glob", "Grep", "Read" }, Known.Find(text));
    }

    [Theory]
    [InlineData("I will read the files and write a summary.")]
    [InlineData("The build reads its configuration from the environment.")]
    [InlineData("Rea")]
    [InlineData("")]
    public void Plain_words_and_texts_without_a_tool_name_narrate_nothing(string text) =>
        Assert.Empty(Known.Find(text));

    [Theory]
    [InlineData("<tool_call>{\"pattern\": \"**/*.ts\"}</tool_call>", "tool-call markup")]
    [InlineData("[TOOL_CALLS] [{\"arguments\": {}}]", "tool-call markup")]
    [InlineData("<FUNCTION=lookup>{}</function>", "tool-call markup")]
    [InlineData("{\"function\": \"search_code\", \"arguments\": {\"q\": \"x\"}}", "search_code")]
    public void Tool_call_markup_without_a_known_tool_name_counts_as_narration(string text, string tool) =>
        Assert.Equal(new[] { tool }, Known.Find(text));

    [Fact]
    public void Markup_is_not_reported_when_a_named_tool_was_narrated()
    {
        Assert.Equal(new[] { "Bash" }, Known.Find("I'm running Bash now: <tool_call>{\"cmd\": \"ls\"}</tool_call>"));
    }

    [Fact]
    public void A_run_tool_outside_the_known_list_is_found_wherever_it_stands()
    {
        var narration = ToolNarration.For(new[] { "mcp__docs__search", "Überprüfe" });
        Assert.Equal(new[] { "mcp__docs__search" }, narration.Find("Next I am calling mcp__docs__search"));
        Assert.Equal(new[] { "Überprüfe" }, narration.Find("Jetzt: use Überprüfe"));
        Assert.Empty(narration.Find("Let me use the Glob tool"));
    }

    [Fact]
    public void Vocabularies_that_join_to_the_same_text_stay_apart()
    {
        Assert.Equal(new[] { "Foo" }, ToolNarration.For(new[] { "Foo", "Bar" }).Find("use Foo"));
        Assert.Empty(ToolNarration.For(new[] { "Foo\nBar" }).Find("use Foo"));
        Assert.Empty(ToolNarration.For(Array.Empty<string>()).Find("use Foo"));
    }

    [Fact]
    public void Names_shorter_than_two_characters_are_never_narrations()
    {
        Assert.Empty(ToolNarration.For(new[] { "X" }).Find("use the X tool"));
    }

    private static readonly string[] LeadInPieces =
    {
        "the", "use", "using", "call", "calling", "invoke", "invoking", "run", "running", "name", "tool", "tool_name",
        "Tool", "pattern", "command", "file_path", "Let", "me", "I'll", "now", "x9", "supercalifragilistic", "é",
        " ", "  ", "\n", "\t", "\u00A0", "`", "-", "*", ":", "\"", "(", ")", ".", ",", "{", "}", "_",
        // Whole lead-ins and endings, so that many texts narrate.
        "use ", "calling the `", "running  ", "\n- `", "\n  * ", "\"tool_name\": \"", "\"name\":\"", "the ", " tool",
        "` (", ": ", " pattern", "\"",
    };

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Searching_only_at_the_mentions_of_a_name_finds_what_scanning_the_whole_text_finds(int vocabulary)
    {
        // The reference is the narration pattern as first written, run over the whole text, with a line's opening blanks
        // read by two loops that may split them any way; the finder takes them whole and tries only a few places.
        var names = vocabulary switch
        {
            0 => ToolNames.KnownClaudeCodeTools.ToArray(),
            1 => new[] { "mcp__docs__search", "Überprüfe", "Read", "ReadMany", "web-fetch", "x2" },
            _ => new[] { "Bash", "Ba", "Grep", "GrepTool", "Task" },
        };
        var narration = ToolNarration.For(names);
        Assert.True(narration.SearchesAtMentions);
        var vocabularyAsSearched = names.Where(name => name.Length >= 2).Distinct().OrderByDescending(name => name.Length).ToList();
        var reference = new Regex(ToolNarration.NarrationPattern(vocabularyAsSearched, atomic: false), RegexOptions.CultureInvariant);
        var random = new Random(20261202 + vocabulary);
        var narrating = 0;
        for (var i = 0; i < 4000; i++)
        {
            var text = RandomText(random, names);
            var expected = ScanWhole(reference, text);
            Assert.Equal(expected, narration.FindAtMentions(text));
            Assert.Equal(expected, narration.FindByScanning(text));
            if (expected is not null) narrating++;
        }
        // The texts must exercise the search: many narrate, many do not.
        Assert.InRange(narrating, 400, 3600);
    }

    [Theory]
    [InlineData("tool")]
    [InlineData("us")]
    [InlineData("-x")]
    [InlineData("a b")]
    [InlineData("Read\"")]
    public void A_name_that_could_stand_inside_a_lead_in_has_its_texts_scanned_whole(string odd)
    {
        var narration = ToolNarration.For(new[] { "Read", odd });
        Assert.False(narration.SearchesAtMentions);
        Assert.Equal(new[] { "Read" }, narration.Find("Next I am calling the `Read"));
    }

    /// <summary>Every tool <paramref name="pattern"/> captures in <paramref name="text"/>, once each, in order; null for none.</summary>
    private static List<string>? ScanWhole(Regex pattern, string text)
    {
        List<string>? found = null;
        for (var match = pattern.Match(text); match.Success; match = match.NextMatch())
        {
            var tool = match.Groups["t"].Value;
            if (!match.Groups["t"].Success) continue;
            found ??= new List<string>();
            if (!found.Contains(tool)) found.Add(tool);
        }
        return found;
    }

    [Theory]
    [InlineData("\n", "Read x")]
    [InlineData("\n", "Read(")]
    [InlineData("\n \t", "- Read x")]
    [InlineData(" ", "Read x")]
    public async Task A_text_of_thousands_of_blank_lines_is_searched_at_once(string blank, string ending)
    {
        // A model's text, cut to the 4,000 characters a trace keeps: with the line's opening blanks read by two loops,
        // each of its line breaks split the run below it every way, and this took half a minute.
        var text = "\n" + string.Concat(Enumerable.Repeat(blank, (TraceLimits.MaxTextChars - 10) / blank.Length)) + ending;
        var narration = ToolNarration.For(ToolNames.KnownClaudeCodeTools);
        var found = await TimeBound.Within(TimeSpan.FromSeconds(10), "The search of a text of blank lines", () => narration.Find(text));
        Assert.Equal(ending.Contains('(') ? new[] { "Read" } : Array.Empty<string>(), found);
    }

    [Fact]
    public async Task A_vocabulary_whose_names_open_with_a_mark_gives_up_on_a_text_that_would_take_too_long()
    {
        // Such names keep the two loops, so their search of a text is bounded by time instead.
        var narration = ToolNarration.For(new[] { "Read", "-x" });
        Assert.False(narration.SearchesAtMentions);
        var text = new string('\n', TraceLimits.MaxTextChars - 10) + "Read x";
        Assert.Empty(await TimeBound.Within(TimeSpan.FromSeconds(20), "The search with an odd tool list", () => narration.Find(text)));
        Assert.Equal(new[] { "Read" }, narration.Find("\n- `Read(file_path=\"a\")"));
    }

    private static string RandomText(Random random, string[] names)
    {
        var text = new StringBuilder();
        var pieces = random.Next(1, 20);
        for (var p = 0; p < pieces; p++)
        {
            var roll = random.Next(10);
            if (roll < 4)
            {
                var name = names[random.Next(names.Length)];
                text.Append(random.Next(6) == 0 ? name.Substring(0, Math.Max(1, name.Length - 1)) : name);
            }
            else
            {
                text.Append(LeadInPieces[random.Next(LeadInPieces.Length)]);
            }
            if (random.Next(3) == 0) text.Append(' ');
        }
        return text.ToString();
    }
}
