using System.Management.Automation;

namespace LocalModels.ParseFloor;

/// <summary>Runs <see cref="CorpusParse"/> on a folder and writes how many lines it tokenized.</summary>
[Cmdlet(VerbsDiagnostic.Measure, "CorpusParse")]
[OutputType(typeof(long))]
public sealed class MeasureCorpusParseCommand : PSCmdlet
{
    [Parameter(Mandatory = true, Position = 0)]
    public string LiteralPath { get; set; } = "";

    protected override void EndProcessing() => WriteObject(CorpusParse.TokenizedLines(LiteralPath));
}
