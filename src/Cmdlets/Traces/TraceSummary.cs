namespace LocalModels.Traces;

/// <summary>
/// What an import keeps of a trace once its run is judged: the facts its warnings and session bookkeeping need. The
/// trace itself (texts, tool calls, results) is dropped then, so the runs an import holds in flight, waiting to be
/// emitted in order, stay small instead of surviving into the older GC generations.
/// </summary>
public sealed record TraceSummary(TraceFormat Format, string? SessionId, int TotalLines, int MalformedLines, int OversizedLines)
{
    /// <summary>See <see cref="RunTrace.AskedTheModel"/>.</summary>
    public bool AskedTheModel { get; init; } = true;

    public static TraceSummary Of(RunTrace trace) =>
        new(trace.Format, trace.SessionId, trace.TotalLines, trace.MalformedLines, trace.OversizedLines) { AskedTheModel = trace.AskedTheModel };
}
