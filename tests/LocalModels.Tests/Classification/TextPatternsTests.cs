using System;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
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

    [Fact]
    public void Short_flattens_only_what_it_shows_and_gives_what_flattening_all_of_the_text_gives()
    {
        // The reference flattens the whole text first, as Short did before it stopped at what it can show.
        static string Reference(string text, int max)
        {
            var flat = Regex.Replace(text, @"\s+", " ").Trim();
            return flat.Length <= max ? flat : flat.Substring(0, max - 1) + "…";
        }
        var random = new Random(20261203);
        var pieces = new[] { "a", "bc", " ", "  ", "\n", "\t ", "word", "é" };
        for (var i = 0; i < 3000; i++)
        {
            var text = new StringBuilder();
            for (var p = random.Next(0, 16); p > 0; p--) text.Append(pieces[random.Next(pieces.Length)]);
            var max = random.Next(2, 14);
            Assert.Equal(Reference(text.ToString(), max), TextPatterns.Short(text.ToString(), max));
        }
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

    private static readonly string[] RefusalPieces =
    {
        "I", "i", "I'm", "I’m", "I'd", "I'll", "I’ll", "can't", "can’t", "cant", "cannot", "can", "not", "could", "couldn't",
        "won't", "will", "decline", "refuse", "must", "have", "need", "to", "pass", "stop", "here", "would", "should",
        "rather", "prefer", "am", "able", "going", "in", "a", "position", "permitted", "allowed", "unable", "afraid",
        "don't", "do", "lack", "the", "ability", "access", "permission", "capability", "capabilities", "means", "n't",
        "something", "outside", "beyond", "of", "my", "what", "help", "assist", "with", "sorry", "apologies",
        "apologise", "apologize", "regrettably", "unfortunately", "no", "against", "guidelines", "policy", "as", "an",
        "AI", "ai", "Let", "me", "read", "the", "file", "x9", " ", "  ", "\n", "\t", ".", "!", "?", ",", "'", "’", "Kelvin\u212A",
    };

    /// <summary>The refusal pattern as first written: one regex, every apology tried.</summary>
    private static readonly Regex RefusalAsWritten = new(TextPatterns.RefusalPattern + "|" + TextPatterns.ApologyPattern, RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    [Fact]
    public void Refusals_are_found_where_the_pattern_as_first_written_finds_them_and_the_pre_check_rules_none_out()
    {
        var random = new Random(2026_12_02);
        int matched = 0, ruledOut = 0;
        for (var i = 0; i < 20000; i++)
        {
            var text = new StringBuilder();
            for (var p = random.Next(1, 12); p > 0; p--)
            {
                var piece = RefusalPieces[random.Next(RefusalPieces.Length)];
                text.Append(random.Next(4) == 0 ? piece.ToUpperInvariant() : piece);
                text.Append(random.Next(4) == 0 ? "" : " ");
            }
            var candidate = text.ToString();
            var expected = RefusalAsWritten.Match(candidate) is { Success: true } match ? match.Index : -1;
            Assert.Equal(expected, TextPatterns.RefusalAt(candidate));
            if (expected >= 0) matched++;
            if (!TextPatterns.MayRefuse(candidate)) ruledOut++;
            Assert.False(expected >= 0 && !TextPatterns.MayRefuse(candidate), $"ruled out a refusal: \"{candidate}\"");
        }
        // Both must happen often enough for the comparison to mean something.
        Assert.InRange(matched, 1000, 19000);
        Assert.InRange(ruledOut, 1000, 19000);
    }

    /// <summary>The pre-check as first written: an ordinal search per word, ignoring case.</summary>
    private static bool MayRefuseAsWritten(string text)
    {
        foreach (var c in text)
            if (c > '\u007F' && char.IsLetter(c)) return true;
        string[] words =
        [
            "not", "n't", "n’t", "cant", "decline", "refuse", "pass", "stop", "unable", "afraid", "abilit", "access",
            "permission", "capabilit", "means", "outside", "beyond", "sorry", "apolog", "regrettably", "unfortunately", "against",
        ];
        foreach (var word in words)
            if (text.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0) return true;
        for (var at = text.IndexOf("ai", StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf("ai", at + 1, StringComparison.OrdinalIgnoreCase))
            if (at > 0 && char.IsWhiteSpace(text[at - 1])) return true;
        return false;
    }

    [Fact]
    public void The_refusal_pre_check_answers_as_the_ordinal_searches_it_replaced()
    {
        string[] pieces = [.. RefusalPieces, "NOT", "No", "n'T", "N’T", "Ai", "aI", "\u2019", "\u2026", "\u00A0", "\U0001F600", "\u0301", "\u2170", "x", "Sor", "ry", "a", "i"];
        var random = new Random(2026_12_05);
        int mayRefuse = 0;
        for (var i = 0; i < 20000; i++)
        {
            var text = new StringBuilder();
            for (var p = random.Next(0, 10); p > 0; p--)
            {
                var piece = pieces[random.Next(pieces.Length)];
                text.Append(random.Next(5) == 0 ? piece.ToUpperInvariant() : piece);
                if (random.Next(3) == 0) text.Append(' ');
            }
            var candidate = text.ToString();
            var expected = MayRefuseAsWritten(candidate);
            if (expected) mayRefuse++;
            Assert.True(expected == TextPatterns.MayRefuse(candidate), $"\"{candidate}\": expected {expected}");
        }
        Assert.InRange(mayRefuse, 1000, 19000);
    }

    private static readonly string[] AnnouncePieces =
    {
        "Let me", "let", "me", "Let's", "let’s", "I'll", "I’ll", "I will", "I am going to", "I'm going to", "Next, I", "next I",
        "Now I'll", "now I will", "Now, let me", "I need to", "First, I'll", "first I’ll", "check", "the", "file", "done",
        "Lettuce", "I", "will", "going", "to", ".", "!", ":", "…", "?", ",", " ", "  ", "\n", "\n\n", "\t", "x.", "ok!",
        "know", "knowledge", "be", "happy", "here", "be glad", "bet",
    };

    [Fact]
    public void Announcements_are_found_in_the_texts_where_the_pattern_searched_from_the_start_finds_them()
    {
        // The pattern as first written (with its offers left out), searched from the start.
        const string noOffer = @"(?!\s+be\s+(?:happy|glad|here|around|available)\b)";
        var fromTheStart = new Regex(
            @"(?:^|[.!\n]\s*)(?:let\s+me(?!\s+know\b)|let(?:'|’)s|i(?:'|’)ll" + noOffer + @"|i\s+will" + noOffer + @"|i\s+am\s+going\s+to|i(?:'|’)m\s+going\s+to|next,?\s+i|now\s+i(?:'|’)ll|now\s+i\s+will|now,?\s+let\s+me|i\s+need\s+to|first,?\s+i(?:'|’)ll)\b[^.!\n]*[.!:…]*\s*$",
            RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);
        var random = new Random(2026_12_02);
        var announced = 0;
        for (var i = 0; i < 20000; i++)
        {
            var text = new StringBuilder();
            for (var p = random.Next(1, 14); p > 0; p--)
            {
                text.Append(AnnouncePieces[random.Next(AnnouncePieces.Length)]);
                text.Append(random.Next(3) == 0 ? "" : " ");
            }
            var candidate = text.ToString();
            var expected = fromTheStart.IsMatch(candidate.TrimEnd());
            Assert.True(expected == TextPatterns.AnnouncesMoreWork(candidate), $"\"{candidate}\": {expected} from the start");
            if (expected) announced++;
        }
        Assert.InRange(announced, 1000, 19000);
    }

    [Fact]
    public async Task A_run_of_texts_full_of_apologies_is_judged_at_once()
    {
        // 800 texts (as many as a run keeps) of "sorry " to the 4,000 characters kept: trying every apology against the
        // rest of its sentence took a fifth of a second a text, more than two minutes a run.
        var text = string.Concat(Enumerable.Repeat("sorry ", 660));
        var refusals = await TimeBound.Within(TimeSpan.FromSeconds(20), "Judging 800 texts of apologies",
            () => Enumerable.Range(0, 800).Count(_ => TextPatterns.FindRefusal(text) is not null));
        Assert.Equal(0, refusals);
        Assert.NotNull(TextPatterns.FindRefusal(text + "but I cannot."));
        Assert.Equal("Sorry, that is not something I do.", TextPatterns.FindRefusal("Sure. Sorry, that is not something I do. Bye"));
    }

    private static readonly string[] RepositoryPieces =
    {
        "I", "can't", "help", "with", "that", "sorry", "Sure", "the", "file", "folder", "src", "main", "Makefile", "README",
        "setup", "e.g", "i.e", "etc", "v1.2.3", "3.14", ".", "..", ". ", "./", "/", "//", "src/", "src/app", "/usr/bin",
        "app.py", "App.PY", "config.yaml", "notes.md", ".env", ".git", "x.json", "a.b.c", "`", "``", "```", "~", "~~~",
        "`make test`", "`npm ci`", "```\nmake build\n```", "cd src", "&&", "|", ";", "$", "PS>", "sudo", "make", "go",
        "test", "\n", "\\", "\\src\\app", " ", "  ", "\t", ",", ":", "(", ")", "[x]", "{y}", "ünïcode", "naïve.py",
    };

    [Fact]
    public void The_repository_pre_check_rules_out_no_text_the_extraction_finds_a_path_or_command_in()
    {
        var random = new Random(2026_12_03);
        int named = 0, ruledOut = 0;
        for (var i = 0; i < 20000; i++)
        {
            var text = new StringBuilder();
            for (var p = random.Next(1, 12); p > 0; p--)
            {
                text.Append(RepositoryPieces[random.Next(RepositoryPieces.Length)]);
                text.Append(random.Next(3) == 0 ? "" : random.Next(6) == 0 ? "\n" : " ");
            }
            var candidate = text.ToString();
            var extracted = LocalModels.Verification.ReferenceExtraction.Paths(candidate).Any() || LocalModels.Verification.ReferenceExtraction.Commands(candidate).Any();
            if (extracted) named++;
            if (!TextPatterns.MayNameRepositoryThings(candidate)) ruledOut++;
            Assert.False(extracted && !TextPatterns.MayNameRepositoryThings(candidate), $"ruled out a text that names repository things: \"{candidate}\"");
            Assert.Equal(extracted, TextPatterns.NamesRepositoryThings(candidate));
        }
        // Both must happen often enough for the comparison to mean something.
        Assert.InRange(named, 1000, 19000);
        Assert.InRange(ruledOut, 1000, 19000);
    }

    [Theory]
    [InlineData("I'm sorry, but I can't help with that.", false)]
    [InlineData("Sorry. I won't.", false)]
    [InlineData("See e.g. the docs.", true)]
    [InlineData("It lives in src/app.", true)]
    [InlineData("Run `make`.", true)]
    [InlineData("Edit app.py", true)]
    [InlineData("Version 3.14 is out", false)]
    [InlineData("", false)]
    [InlineData("end.", false)]
    public void The_repository_pre_check_lets_through_every_text_that_could_name_a_path_or_command(string text, bool mayName) =>
        Assert.Equal(mayName, TextPatterns.MayNameRepositoryThings(text));

    [Theory]
    [InlineData("Let me read the file and summarise the build.", false)]
    [InlineData("I cannot do that.", true)]
    [InlineData("As an AI, I prefer to help.", true)]
    [InlineData("Ich kann das nicht: Überprüfung fehlgeschlagen.", true)]
    [InlineData("I lack the means.", true)]
    [InlineData("I lack access.", true)]
    [InlineData("I lack permission.", true)]
    [InlineData("I lack the capabilities.", true)]
    [InlineData("I lack the ability.", true)]
    [InlineData("I CANT.", true)]
    public void The_refusal_pre_check_lets_through_every_text_that_could_refuse(string text, bool mayRefuse) =>
        Assert.Equal(mayRefuse, TextPatterns.MayRefuse(text));
}
