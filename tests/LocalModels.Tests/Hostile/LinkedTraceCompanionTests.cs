using System;
using System.IO;
using System.Linq;
using LocalModels.Results;
using LocalModels.Tests.Hosting;
using LocalModels.Traces;
using Xunit;

namespace LocalModels.Tests.Hostile;

/// <summary>
/// The walk of an imported folder follows no link; what is looked up beside a trace follows none either. A copied
/// ~/.claude/projects folder whose session has a folder, subagents folder, subagent transcript or sidecar that is a link
/// (to anywhere on the machine) is read as if that entry were not there.
/// </summary>
public sealed class LinkedTraceCompanionTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("localmodels-links-").FullName;
    private readonly string _outside = Directory.CreateTempSubdirectory("localmodels-links-outside-").FullName;

    public void Dispose()
    {
        Directory.Delete(_root, recursive: true);
        Directory.Delete(_outside, recursive: true);
    }

    private static string Sample => Directory.GetFiles(Path.Combine(RepositoryPaths.Samples, "transcripts", "stuck-on-subagent"), "*.jsonl").Single();

    private static string SampleSubagents => Path.Combine(Path.GetDirectoryName(Sample)!, Path.GetFileNameWithoutExtension(Sample), "subagents");

    private string Session(string name)
    {
        var path = Path.Combine(_root, "project", name + ".jsonl");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Copy(Sample, path);
        return path;
    }

    private static string SubagentsOf(string session) =>
        Path.Combine(Path.GetDirectoryName(session)!, Path.GetFileNameWithoutExtension(session), "subagents");

    [Fact]
    public void A_subagents_folder_or_subagent_transcript_that_is_a_link_is_not_read()
    {
        var subagentCount = Directory.GetFiles(SampleSubagents, "*.jsonl").Length;
        Assert.True(subagentCount > 0);
        var kept = Session("kept");
        Directory.CreateDirectory(SubagentsOf(kept));
        foreach (var file in Directory.GetFiles(SampleSubagents)) File.Copy(file, Path.Combine(SubagentsOf(kept), Path.GetFileName(file)));
        var linkedFolder = Session("linked-folder");
        Directory.CreateDirectory(Path.GetDirectoryName(SubagentsOf(linkedFolder))!);
        Directory.CreateSymbolicLink(SubagentsOf(linkedFolder), SampleSubagents);
        var linkedFiles = Session("linked-files");
        Directory.CreateDirectory(SubagentsOf(linkedFiles));
        foreach (var file in Directory.GetFiles(SampleSubagents, "*.jsonl")) File.CreateSymbolicLink(Path.Combine(SubagentsOf(linkedFiles), Path.GetFileName(file)), file);

        Assert.Equal(subagentCount, TraceFile.SubagentFiles(kept).Count());
        Assert.Empty(TraceFile.SubagentFiles(linkedFolder));
        Assert.Empty(TraceFile.SubagentFiles(linkedFiles));
        var attempts = TraceImport.ImportAll(TraceImport.TraceFiles(_root), null).ToDictionary(attempt => attempt.Path);
        var withSubagents = TraceImport.Import(Sample, null).Trace.TotalLines;
        Assert.Equal(withSubagents, attempts[kept].Trace!.TotalLines);
        Assert.True(attempts[linkedFolder].Trace!.TotalLines < withSubagents, "The linked subagents folder was read.");
        Assert.Equal(attempts[linkedFolder].Trace!.TotalLines, attempts[linkedFiles].Trace!.TotalLines);
    }

    [Fact]
    public void A_session_folder_that_is_a_link_is_not_read()
    {
        var elsewhere = Path.Combine(_outside, "elsewhere");
        Directory.CreateDirectory(Path.Combine(elsewhere, "subagents"));
        foreach (var file in Directory.GetFiles(SampleSubagents, "*.jsonl")) File.Copy(file, Path.Combine(elsewhere, "subagents", Path.GetFileName(file)));
        var linkedSession = Session("linked-session");
        Directory.CreateSymbolicLink(Path.Combine(Path.GetDirectoryName(linkedSession)!, "linked-session"), elsewhere);
        var plain = Session("plain");

        Assert.Empty(TraceFile.SubagentFiles(linkedSession));
        var attempts = TraceImport.ImportAll(TraceImport.TraceFiles(_root), null).ToDictionary(attempt => attempt.Path);
        Assert.Equal(attempts[plain].Trace!.TotalLines, attempts[linkedSession].Trace!.TotalLines);
        Assert.True(attempts[linkedSession].Trace!.TotalLines < TraceImport.Import(Sample, null).Trace.TotalLines, "The linked session folder was read.");
    }

    [Fact]
    public void A_sidecar_that_is_a_link_is_not_used()
    {
        var session = Session("session");
        var outsideSidecar = Path.Combine(_outside, "run.meta.json");
        File.WriteAllText(outsideSidecar, """{"runId":"from-a-link","model":"linked-model","simulated":true}""");
        var plain = Session("plain");
        File.Copy(outsideSidecar, plain + RunSidecar.FileSuffix);
        File.CreateSymbolicLink(session + RunSidecar.FileSuffix, outsideSidecar);

        Assert.Equal("linked-model", TraceImport.Import(plain, null).Run.Model);
        Assert.NotEqual("linked-model", TraceImport.Import(session, null).Run.Model);
        Assert.Null(RunSidecar.ForTrace(session));
        // A folder import looks at its folders' listings first: the same answers.
        var attempts = TraceImport.ImportAll(TraceImport.TraceFiles(_root), null).ToDictionary(attempt => attempt.Path);
        Assert.Equal("linked-model", attempts[plain].Run!.Model);
        Assert.NotEqual("linked-model", attempts[session].Run!.Model);
    }
}
