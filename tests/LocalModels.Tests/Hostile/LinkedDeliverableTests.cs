using System;
using System.IO;
using System.Linq;
using LocalModels.Traces;
using LocalModels.Verification;
using Xunit;

namespace LocalModels.Tests.Hostile;

/// <summary>
/// A transcript that only edited CLAUDE.md has it read from the repository; a repository whose CLAUDE.md is a link
/// (to a credentials file, say) has the file counted as there but never read, so nothing of the target reaches a run;
/// and a report never shows a deliverable through a link.
/// </summary>
public sealed class LinkedDeliverableTests : IDisposable
{
    private readonly string _repository = Directory.CreateTempSubdirectory("localmodels-linked-deliverable-").FullName;
    private readonly string _outside = Directory.CreateTempSubdirectory("localmodels-linked-secret-").FullName;

    public void Dispose()
    {
        Directory.Delete(_repository, recursive: true);
        Directory.Delete(_outside, recursive: true);
    }

    private static RunTrace EditedInitTrace() => TraceReader.Read(new[]
    {
        """{"parentUuid":null,"isSidechain":false,"type":"user","sessionId":"s1","cwd":"/r","timestamp":"2026-11-30T10:00:00Z","message":{"role":"user","content":"<command-name>/init</command-name>"}}""",
        """{"parentUuid":"u1","isSidechain":false,"type":"assistant","sessionId":"s1","timestamp":"2026-11-30T10:00:05Z","message":{"id":"m1","model":"m","content":[{"type":"tool_use","id":"t1","name":"Edit","input":{"file_path":"/r/CLAUDE.md","old_string":"a","new_string":"b"}}],"stop_reason":"tool_use","usage":{"input_tokens":10,"output_tokens":5}}}""",
        """{"parentUuid":"u2","isSidechain":false,"type":"user","sessionId":"s1","timestamp":"2026-11-30T10:00:06Z","message":{"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":"The file /r/CLAUDE.md has been updated."}]}}""",
    });

    [Fact]
    public void A_kept_deliverable_that_is_a_link_is_not_shown_in_a_report()
    {
        // A copied results folder whose r1.CLAUDE.md points at a key file, and a run that names both places.
        var secret = Path.Combine(_outside, "id_key");
        File.WriteAllText(secret, "-----BEGIN KEY----- canary-in-the-key -----END KEY-----");
        File.CreateSymbolicLink(Path.Combine(_repository, "r1.CLAUDE.md"), secret);
        File.CreateSymbolicLink(Path.Combine(_repository, "CLAUDE.md"), secret);
        var run = new ModelRun
        {
            RunId = "r1", Model = "m", Task = "Init", Outcome = LocalModels.Classification.RunOutcome.Success, DeliverableExists = true,
            DeliverablePath = Path.Combine(_repository, "CLAUDE.md"), TracePath = Path.Combine(_repository, "r1.stream.jsonl"),
        };
        var report = Path.Combine(_repository, "report.md");
        using var session = new LocalModels.Tests.Hosting.PowerShellSession();

        session.RunOk("$args[0] | Export-ModelRunReport $args[1]", new[] { run }, report);

        Assert.DoesNotContain("canary-in-the-key", File.ReadAllText(report), StringComparison.Ordinal);
    }

    [Fact]
    public void An_edited_deliverable_is_read_from_the_repository()
    {
        File.WriteAllText(Path.Combine(_repository, "CLAUDE.md"), "# Notes\n\nRun `src/missing-tool.sh` first.\n");

        var verification = DeliverableCheck.FromTrace(EditedInitTrace(), _repository)!;

        Assert.True(verification.Exists);
        Assert.Equal(3, verification.Lines);
        Assert.Contains(verification.Hallucinations, h => h.Contains("src/missing-tool.sh", StringComparison.Ordinal));
    }

    [Fact]
    public void An_edited_deliverable_that_is_a_link_is_never_read()
    {
        var secret = Path.Combine(_outside, "credentials");
        File.WriteAllText(secret, "aws_secret_access_key = `wJalrXUtnFEMI/K7MDENG/bPxRfiCYSECRET`\n");
        File.CreateSymbolicLink(Path.Combine(_repository, "CLAUDE.md"), secret);

        var verification = DeliverableCheck.FromTrace(EditedInitTrace(), _repository)!;

        Assert.True(verification.Exists);
        Assert.Equal(0, verification.Lines);
        Assert.Empty(verification.Hallucinations);
        Assert.DoesNotContain(verification.Hallucinations.Concat(new[] { verification.Path }), text => text.Contains("SECRET", StringComparison.Ordinal));
    }
}
