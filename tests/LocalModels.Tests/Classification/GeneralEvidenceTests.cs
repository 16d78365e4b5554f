using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using LocalModels.Classification;
using LocalModels.Traces;
using LocalModels.Verification;
using Xunit;

namespace LocalModels.Tests.Classification;

/// <summary>
/// Verdicts that rest on a trace's structure, not on any wording: a conversation's later questions are not nudges
/// (the ~/.claude/projects case), and a run that owed a deliverable and answered in words alone, in any language,
/// did not try the task.
/// </summary>
public sealed class GeneralEvidenceTests
{
    private int _uuid;

    private string Line(string type, object message, bool meta = false) => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["parentUuid"] = _uuid == 0 ? null : $"u{_uuid}",
        ["isSidechain"] = false,
        ["isMeta"] = meta ? true : null,
        ["type"] = type,
        ["sessionId"] = "s1",
        ["version"] = "2.1.328",
        ["cwd"] = "/nonexistent/repo",
        ["uuid"] = $"u{++_uuid}",
        ["timestamp"] = DateTimeOffset.Parse("2026-11-30T10:00:00Z").AddSeconds(_uuid).ToString("yyyy-MM-ddTHH:mm:ss.fffZ"),
        ["message"] = message,
    });

    private string Prompt(string text) => Line("user", new { role = "user", content = text });

    private string Says(string text) => Line("assistant", Assistant(new { type = "text", text }, "end_turn"));

    private string Calls(string id, string tool, object input) => Line("assistant", Assistant(new { type = "tool_use", id, name = tool, input }, "tool_use"));

    private string Result(string id, string content) => Line("user", new { role = "user", content = new[] { new { type = "tool_result", tool_use_id = id, content } } });

    private object Assistant(object block, string stop) => new
    {
        id = $"msg_{_uuid}",
        model = "some-local-model:8b",
        role = "assistant",
        content = new[] { block },
        stop_reason = stop,
        usage = new { input_tokens = 20_000, output_tokens = 40 },
    };

    /// <summary>Judged as an import judges a transcript with no sidecar: the deliverable is owed only when the prompt asks for it.</summary>
    private static RunVerdict Judge(IEnumerable<string> lines)
    {
        var trace = TraceReader.Read(lines);
        Assert.Equal(TraceFormat.Transcript, trace.Format);
        return RunClassifier.Classify(trace, new RunContext { Deliverable = DeliverableCheck.FromTrace(trace, null) });
    }

    [Fact]
    public void A_conversation_whose_follow_up_questions_were_answered_succeeded()
    {
        var verdict = Judge(new[]
        {
            Prompt("How does the word counter work?"),
            Calls("t1", "Read", new { file_path = "/nonexistent/repo/counter.py" }),
            Result("t1", "def count(line):\n    return len(line.split())"),
            Says("It splits each line on whitespace and counts the pieces."),
            Prompt("Thanks. Which tests cover it?"),
            Calls("t2", "Grep", new { pattern = "count" }),
            Result("t2", "tests/test_counter.py"),
            Says("tests/test_counter.py covers it."),
            Prompt("And how do I run them?"),
            Says("Run pytest from the repository root."),
        });

        Assert.Equal((RunOutcome.Success, FailureMode.None), (verdict.Outcome, verdict.FailureMode));
        Assert.Empty(verdict.Signals);
    }

    [Theory]
    [InlineData("tests/test_counter.py covers it. Let me know if you want me to add more tests.")]
    [InlineData("tests/test_counter.py covers it. I'll be happy to add more if you need them!")]
    [InlineData("tests/test_counter.py covers it.\n\nLet me know if you have any other questions.")]
    public void A_conversation_that_ends_by_offering_more_help_succeeded(string lastWords)
    {
        var verdict = Judge(new[]
        {
            Prompt("Which tests cover the counter?"),
            Calls("t1", "Grep", new { pattern = "count" }),
            Result("t1", "tests/test_counter.py"),
            Says(lastWords),
        });

        Assert.Equal((RunOutcome.Success, FailureMode.None), (verdict.Outcome, verdict.FailureMode));
    }

    [Fact]
    public void A_session_left_open_after_the_model_ended_its_turn_did_not_stall()
    {
        // Claude Code writes its bookkeeping lines when a session is resumed or closed, long after the last answer.
        var lines = new List<string>
        {
            Prompt("Which tests cover the counter?"),
            Calls("t1", "Grep", new { pattern = "count" }),
            Result("t1", "tests/test_counter.py"),
            Says("tests/test_counter.py covers it."),
        };
        lines.Add(JsonSerializer.Serialize(new { type = "last-prompt", sessionId = "s1", timestamp = "2026-11-30T13:00:00.000Z" }));

        var verdict = Judge(lines);

        Assert.Equal((RunOutcome.Success, FailureMode.None), (verdict.Outcome, verdict.FailureMode));
    }

    [Fact]
    public void A_conversation_that_announced_work_and_stopped_stalled_without_owing_a_deliverable()
    {
        var verdict = Judge(new[]
        {
            Prompt("Fix the failing test."),
            Calls("t1", "Read", new { file_path = "/nonexistent/repo/tests/test_counter.py" }),
            Result("t1", "def test_count(): assert count('a b') == 2"),
            Says("I'll run the test suite next."),
        });

        Assert.Equal((RunOutcome.Failed, FailureMode.ContextStall), (verdict.Outcome, verdict.FailureMode));
        Assert.DoesNotContain("CLAUDE.md", verdict.Evidence);
    }

    [Fact]
    public void A_session_that_Claude_Code_compacted_and_that_went_on_to_finish_succeeded()
    {
        var lines = new List<string>
        {
            Prompt("Refactor the counter module."),
            Calls("t1", "Read", new { file_path = "/nonexistent/repo/counter.py" }),
            Result("t1", "def count(line): ..."),
        };
        lines.Add(JsonSerializer.Serialize(new
        {
            parentUuid = $"u{_uuid}", isSidechain = false, type = "system", subtype = "compact_boundary", sessionId = "s1",
            timestamp = "2026-11-30T10:05:00.000Z", compactMetadata = new { trigger = "auto", preTokens = 167_000 },
        }));
        lines.Add(Line("user", new { role = "user", content = "This session is being continued from a previous conversation." }).Replace("\"isMeta\":null", "\"isCompactSummary\":true"));
        lines.Add(Calls("t2", "Edit", new { file_path = "/nonexistent/repo/counter.py", old_string = "a", new_string = "b" }));
        lines.Add(Result("t2", "The file has been updated."));
        lines.Add(Says("The refactor is done."));

        var verdict = Judge(lines);

        Assert.Equal((RunOutcome.Success, FailureMode.None), (verdict.Outcome, verdict.FailureMode));
        Assert.Contains(verdict.Signals, s => s.Mode == FailureMode.ContextOverflow);
    }

    /// <summary>Claude Code's answer to a call the person at the terminal turned down.</summary>
    private const string Rejected = "The user doesn't want to proceed with this tool use. The tool use was rejected (eg. if it was a file edit, the new_string was NOT written to the file). STOP what you are doing and wait for the user to tell you how to proceed.";

    private string Turned(string id) =>
        Line("user", new { role = "user", content = new[] { new { type = "tool_result", tool_use_id = id, content = Rejected, is_error = true } } });

    [Fact]
    public void A_model_that_stops_because_the_person_turned_its_call_down_did_not_refuse()
    {
        var verdict = Judge(new[]
        {
            Prompt("Delete the build folder."),
            Calls("t1", "Bash", new { command = "rm -rf build" }),
            Turned("t1"),
            Says("Understood. I cannot delete it without your permission, so I will leave it."),
        });

        Assert.DoesNotContain(verdict.Signals, s => s.Mode == FailureMode.Refuses);
        Assert.Equal((RunOutcome.Success, FailureMode.None), (verdict.Outcome, verdict.FailureMode));
    }

    [Fact]
    public void A_subagent_the_person_turned_down_is_not_a_failed_subagent()
    {
        var verdict = Judge(new[]
        {
            Prompt("Find where the counter is tested."),
            Calls("t1", "Agent", new { description = "find tests", prompt = "Find the counter's tests", subagent_type = "Explore" }),
            Turned("t1"),
            Calls("t2", "Grep", new { pattern = "count" }),
            Result("t2", "tests/test_counter.py"),
            Says("tests/test_counter.py tests it."),
        });

        Assert.DoesNotContain(verdict.Signals, s => s.Mode == FailureMode.StuckOnSubagent);
        Assert.Equal((RunOutcome.Success, FailureMode.None), (verdict.Outcome, verdict.FailureMode));
    }

    [Theory]
    [InlineData(false, RunOutcome.Success)]
    [InlineData(true, RunOutcome.Failed)]
    public void An_init_that_improved_the_existing_deliverable_produced_it(bool editFailed, RunOutcome outcome)
    {
        // /init asks to improve a CLAUDE.md that is already there: the model edits it instead of writing it whole.
        var verdict = Judge(new[]
        {
            Prompt("<command-name>/init</command-name>"),
            Calls("t1", "Glob", new { pattern = "**/*" }),
            Result("t1", "counter.py\nCLAUDE.md"),
            Calls("t2", "Read", new { file_path = "/nonexistent/repo/CLAUDE.md" }),
            Result("t2", "# CLAUDE.md\nold notes"),
            Calls("t3", "Edit", new { file_path = "/nonexistent/repo/CLAUDE.md", old_string = "old notes", new_string = "A word counter." }),
            editFailed
                ? Line("user", new { role = "user", content = new[] { new { type = "tool_result", tool_use_id = "t3", content = "<tool_use_error>String to replace not found in file.</tool_use_error>", is_error = true } } })
                : Result("t3", "The file /nonexistent/repo/CLAUDE.md has been updated."),
            Says("CLAUDE.md now describes the counter."),
        });

        Assert.Equal(outcome, verdict.Outcome);
        Assert.Equal(editFailed, verdict.FailureMode != FailureMode.None);
    }

    [Fact]
    public void Requests_after_the_deliverable_was_written_are_not_interventions()
    {
        var verdict = Judge(new[]
        {
            Prompt("<command-name>/init</command-name>"),
            Calls("t1", "Glob", new { pattern = "**/*" }),
            Result("t1", "counter.py\nREADME.md"),
            Calls("t2", "Write", new { file_path = "/nonexistent/repo/CLAUDE.md", content = "# CLAUDE.md\n\nA word counter.\n" }),
            Result("t2", "File created successfully at: /nonexistent/repo/CLAUDE.md"),
            Says("CLAUDE.md is written."),
            Prompt("Now add a --version flag."),
            Calls("t3", "Read", new { file_path = "/nonexistent/repo/counter.py" }),
            Result("t3", "def count(line): ..."),
            Says("Done: counter.py takes --version."),
        });

        Assert.Equal((RunOutcome.Success, FailureMode.None), (verdict.Outcome, verdict.FailureMode));
        Assert.DoesNotContain(verdict.Signals, s => s.Mode == FailureMode.ContextStall);
    }

    [Fact]
    public void A_nudge_before_the_deliverable_is_still_an_intervention()
    {
        var verdict = Judge(new[]
        {
            Prompt("<command-name>/init</command-name>"),
            Calls("t1", "Glob", new { pattern = "**/*" }),
            Result("t1", "counter.py\nREADME.md"),
            Says("I have looked around."),
            Prompt("Continue"),
            Calls("t2", "Write", new { file_path = "/nonexistent/repo/CLAUDE.md", content = "# CLAUDE.md\n\nA word counter.\n" }),
            Result("t2", "File created successfully at: /nonexistent/repo/CLAUDE.md"),
            Says("CLAUDE.md is written."),
            Prompt("Thanks!"),
            Says("You are welcome."),
        });

        Assert.Equal(RunOutcome.CompletedAfterIntervention, verdict.Outcome);
        Assert.Equal(1, verdict.Signals.Single(s => s.Mode == FailureMode.ContextStall).Facts.Count);
    }

    [Theory]
    [InlineData("Leider kann ich beim Erstellen dieser Datei nicht helfen.")]
    [InlineData("抱歉，我无法协助创建该文件。")]
    [InlineData("Lo siento, no puedo ayudar a crear ese archivo.")]
    [InlineData("Désolé, ce n'est pas quelque chose que je peux faire ici.")]
    [InlineData("That request does not fit what this assistant does. Perhaps a human maintainer can help.")]
    public void A_run_that_owed_its_deliverable_and_only_answered_in_words_did_not_try(string answer)
    {
        var verdict = Judge(new[] { Prompt("<command-name>/init</command-name>"), Says(answer), Prompt("Continue"), Says(answer) });

        Assert.Equal((RunOutcome.Failed, FailureMode.Refuses), (verdict.Outcome, verdict.FailureMode));
        Assert.DoesNotContain(verdict.Signals, s => s.Mode == FailureMode.ContextStall);
        Assert.Equal(0, verdict.Signals.Single(s => s.Mode == FailureMode.Refuses).Facts.Count);
    }

    [Fact]
    public void A_transcript_cut_off_while_the_model_was_still_writing_did_not_refuse()
    {
        // Killed at a time limit mid-answer: the last message never ended its turn (no stop reason).
        var verdict = Judge(new[] { Prompt("<command-name>/init</command-name>"), Line("assistant", Assistant(new { type = "text", text = "Considering where to begin" }, null!)) });

        Assert.DoesNotContain(verdict.Signals, s => s.Mode == FailureMode.Refuses);
    }

    [Fact]
    public void An_answer_in_words_that_describes_the_repository_unread_is_made_up_content()
    {
        var verdict = Judge(new[]
        {
            Prompt("<command-name>/init</command-name>"),
            Says("Das Projekt ist eine Flask-Anwendung; der Einstiegspunkt ist `app/main.py`, Tests laufen mit `pytest -q`."),
        });

        Assert.Equal((RunOutcome.Failed, FailureMode.HallucinatedContent), (verdict.Outcome, verdict.FailureMode));
        Assert.DoesNotContain(verdict.Signals, s => s.Mode == FailureMode.Refuses);
    }

    [Fact]
    public void A_question_answered_in_words_without_a_deliverable_owed_succeeded()
    {
        var verdict = Judge(new[] { Prompt("Was ist eine Monade?"), Says("Eine Monade ist ein Entwurfsmuster für verkettete Berechnungen.") });

        Assert.Equal((RunOutcome.Success, FailureMode.None), (verdict.Outcome, verdict.FailureMode));
    }
}
