using System;
using System.IO;
using System.Linq;
using LocalModels.Platform;
using Xunit;

namespace LocalModels.Tests.Hostile;

/// <summary>
/// Text from a model or a folder is printed as it reads, never acted on by a terminal: control characters and
/// bidirectional controls become visible stand-ins in a run's properties and in reports; newlines and tabs stay.
/// </summary>
public sealed class TerminalTextTests
{
    [Theory]
    [InlineData("\u001b]0;title\u0007", "\u241b]0;title\u2407")]
    [InlineData("ok\rfake", "ok\u240dfake")]
    [InlineData("a\u0008b\u007fc", "a\u2408b\u2421c")]
    [InlineData("\u009b31m", "\ufffd31m")]
    [InlineData("user\u202Egnp.exe", "user\ufffdgnp.exe")]
    [InlineData("line one\n\tline two", "line one\n\tline two")]
    public void Unsafe_characters_become_stand_ins_and_newlines_and_tabs_stay(string text, string shown) =>
        Assert.Equal(shown, TerminalText.Safe(text));

    [Fact]
    public void Clean_text_is_returned_as_it_is()
    {
        var text = "declined in turn 1: \"I can't — ich kann nicht, 我不能\"";
        Assert.Same(text, TerminalText.Safe(text));
        Assert.Equal("", TerminalText.Safe(null));
    }

    [Fact]
    public void The_scan_finds_the_first_unsafe_character_wherever_it_stands()
    {
        // The unsafe set as the class documents it, searched plainly.
        var unsafeSet = Enumerable.Range(0, 0x20).Where(c => c != '\t' && c != '\n').Concat(Enumerable.Range(0x7F, 0x21))
            .Concat(new[] { 0x61C, 0x200E, 0x200F, 0x2066, 0x2067, 0x2068, 0x2069 }).Concat(Enumerable.Range(0x202A, 5))
            .Select(c => (char)c).ToArray();
        var alphabet = "abc XYZ 019 {}\"~".ToCharArray().Concat(new[] { '\n', '\t', 'é', '…', '我', '\u2028', '\u00A0', '\u0600', '\u202F' })
            .Concat(unsafeSet.Take(4)).Concat(new[] { '\u001b', '\u007f', '\u009b', '\u202e', '\u2069', '\u061c' }).ToArray();
        var random = new Random(12);
        for (var n = 0; n < 20_000; n++)
        {
            var chars = new char[random.Next(0, 70)];
            // Mostly plain text, so unsafe characters fall at every offset of a block and past it.
            for (var i = 0; i < chars.Length; i++) chars[i] = random.Next(8) == 0 ? alphabet[random.Next(alphabet.Length)] : (char)random.Next(' ', '~' + 1);
            var text = new string(chars);

            Assert.Equal(text.AsSpan().IndexOfAny(unsafeSet), TerminalText.FirstUnsafe(text));
        }
    }

    [Fact]
    public void Every_text_property_of_a_run_is_safe_however_it_is_set()
    {
        var run = new ModelRun();
        var properties = typeof(ModelRun).GetProperties().Where(p => p.PropertyType == typeof(string) && p.CanWrite).ToList();
        Assert.NotEmpty(properties);
        foreach (var property in properties) property.SetValue(run, "x\u001b[2Jy");

        foreach (var property in properties) Assert.Equal("x\u241b[2Jy", property.GetValue(run));
        // runs.jsonl, read back (-Resume, a copied results folder), goes through the same setters.
        var copy = System.Text.Json.JsonSerializer.Deserialize<ModelRun>("{\"Evidence\":\"a\\u001b]52;c;eA==\\u0007b\"}")!;
        Assert.Equal("a\u241b]52;c;eA==\u2407b", copy.Evidence);
    }

    [Fact]
    public void A_report_shows_what_a_deliverable_says_without_its_control_characters()
    {
        var folder = Directory.CreateTempSubdirectory("localmodels-terminal-report-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "r1.CLAUDE.md"), "# Notes\n\u001b]0;pwned\u0007Run `make`.\n");
            var run = new ModelRun
            {
                RunId = "r1", Model = "m", Task = "Init", Outcome = LocalModels.Classification.RunOutcome.Success, DeliverableExists = true,
                DeliverableLines = 2, DeliverablePath = Path.Combine(folder, "CLAUDE.md"), TracePath = Path.Combine(folder, "r1.stream.jsonl"),
            };
            var report = Path.Combine(folder, "report.md");
            using var session = new LocalModels.Tests.Hosting.PowerShellSession();

            session.RunOk("$args[0] | Export-ModelRunReport $args[1]", new[] { run }, report);

            var text = File.ReadAllText(report);
            Assert.Contains("\u241b]0;pwned\u2407Run `make`.", text, StringComparison.Ordinal);
            Assert.DoesNotContain(text, c => c == '\u001b' || c == '\u0007');
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
