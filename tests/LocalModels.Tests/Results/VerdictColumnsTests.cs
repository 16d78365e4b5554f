using System.Linq;
using LocalModels.Classification;
using LocalModels.Results;
using Xunit;

namespace LocalModels.Tests.Results;

/// <summary>A verdict's signals become the run's Signals column: each mode once, in the order the signals came, by name.</summary>
public sealed class VerdictColumnsTests
{
    private static string SignalsOf(params FailureMode[] modes)
    {
        var run = new ModelRun();
        var signals = modes.Select(mode => new FailureSignal(mode, "evidence")).ToList();
        TraceMetrics.ApplyVerdict(run, new RunVerdict(RunOutcome.Failed, modes.FirstOrDefault(), signals, "evidence"));
        return run.Signals;
    }

    [Fact]
    public void Each_mode_is_named_once_in_the_order_of_its_signals()
    {
        Assert.Equal("", SignalsOf());
        Assert.Equal("Refuses", SignalsOf(FailureMode.Refuses));
        Assert.Equal("StuckOnSubagent, Refuses", SignalsOf(FailureMode.StuckOnSubagent, FailureMode.Refuses, FailureMode.StuckOnSubagent));
    }

    [Fact]
    public void Every_mode_is_named_as_the_enum_names_it()
    {
        foreach (var mode in System.Enum.GetValues<FailureMode>())
            Assert.Equal(mode.ToString(), SignalsOf(mode));
        // A value no name stands for (a newer file read by older code) is written as its number.
        Assert.Equal("99", SignalsOf((FailureMode)99));
    }

    [Fact]
    public void Runs_with_the_same_single_mode_share_its_name()
    {
        Assert.Same(SignalsOf(FailureMode.Silent), SignalsOf(FailureMode.Silent));
    }
}
