using System.Collections.Generic;

namespace LocalModels.Reporting;

/// <summary>Two models compared aspect by aspect, in the field report's "devstral-small-2 vs qwen3-coder" shape.</summary>
internal sealed class HeadToHead
{
    public HeadToHead(ModelSummary first, ModelSummary second)
    {
        First = first;
        Second = second;
        Aspects = new List<(string, string, string)>
        {
            ("Completed", first.CompletedText, second.CompletedText),
            ("Quality", first.QualityText, second.QualityText),
            ("Output lines", ReportText.Number(first.OutputLines, "0"), ReportText.Number(second.OutputLines, "0")),
            ("Time", first.TimeText, second.TimeText),
            ("RAM usage", ReportText.Bytes(first.PeakMemoryBytes), ReportText.Bytes(second.PeakMemoryBytes)),
            ("CPU/GPU", Or(first.ProcessorSplit), Or(second.ProcessorSplit)),
            ("Tokens/s", ReportText.Number(first.TokensPerSecond), ReportText.Number(second.TokensPerSecond)),
            ("Tool calls", ReportText.Number(first.ToolCalls, "0"), ReportText.Number(second.ToolCalls, "0")),
            ("Tool confusion", ToolConfusion(first), ToolConfusion(second)),
            ("Hallucinations", first.HallucinationsText, second.HallucinationsText),
            ("Interventions", ReportText.Integer(first.Interventions), ReportText.Integer(second.Interventions)),
            ("Failure mode", first.FailureText, second.FailureText),
        };
    }

    public ModelSummary First { get; }
    public ModelSummary Second { get; }
    public IReadOnlyList<(string Aspect, string First, string Second)> Aspects { get; }

    /// <summary>Failed tool calls and the modes that showed signs, even where they did not decide the verdict.</summary>
    private static string ToolConfusion(ModelSummary summary)
    {
        if (summary.ToolErrors == 0 && summary.Signals.Count == 0) return "None";
        var errors = summary.ToolErrors == 0 ? "" : $"{summary.ToolErrors} failed tool call(s)";
        var signals = summary.Signals.Count == 0 ? "" : "signs of " + string.Join(", ", summary.Signals);
        return errors.Length > 0 && signals.Length > 0 ? errors + "; " + signals : errors + signals;
    }

    private static string Or(string text) => text.Length == 0 ? ReportText.Missing : text;
}
