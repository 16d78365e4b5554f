using System;
using System.Collections.Generic;

namespace LocalModels.Classification;

/// <summary>
/// The facts a failure signal rests on, as values rather than sentences. What each field counts depends on the mode:
/// <list type="bullet">
/// <item>NoToolSupport, EndpointError: <see cref="Status"/> is the HTTP status, <see cref="Count"/> the retries.</item>
/// <item>Silent: <see cref="Turn"/> the turns answered with nothing, <see cref="Count"/> Claude Code's re-asks.</item>
/// <item>Refuses: <see cref="Turn"/> the turn that declined, <see cref="Count"/> the tool calls made (all failed).</item>
/// <item>NestedParams, HallucinatedTools, HallucinatedParams, StuckOnSubagent: <see cref="Tools"/> the tools (invented
/// names, wrapped or mis-parameterised tools, subagent types), <see cref="Names"/> the parameters at fault,
/// <see cref="Count"/> the failed calls, <see cref="Turn"/> the first of them.</item>
/// <item>NarratedTools: <see cref="Tools"/> the tools written out, <see cref="Count"/> the narrating turns.</item>
/// <item>ContextStall: <see cref="Exploring"/> the exploring calls, <see cref="Count"/> the interventions.</item>
/// <item>HallucinatedContent: <see cref="Names"/> what the deliverable invents, <see cref="Count"/> how many,
/// <see cref="Of"/> the claims checked, <see cref="Exploring"/> the exploring calls before it was written,
/// <see cref="Fabricated"/> when it is made up rather than slipping (see <see cref="ClassificationThresholds"/>).</item>
/// <item>MemoryThrash: <see cref="Percent"/> the share of the model in system RAM, <see cref="Count"/> the output tokens.</item>
/// <item>ContextOverflow: <see cref="Names"/> the kind of the first context event, <see cref="Turn"/> its turn,
/// <see cref="Of"/> the context length, <see cref="Count"/> the overflows and compactions, failed or not.</item>
/// <item>Cancelled, Timeout: <see cref="Count"/> the tool calls made before the run was stopped.</item>
/// </list>
/// </summary>
public sealed record SignalFacts
{
    public static SignalFacts None { get; } = new();

    public IReadOnlyList<string> Tools { get; init; } = Array.Empty<string>();
    public IReadOnlyList<string> Names { get; init; } = Array.Empty<string>();
    public int Count { get; init; }
    public int? Of { get; init; }
    public int? Turn { get; init; }
    public int? Status { get; init; }
    public int? Percent { get; init; }
    public int? Exploring { get; init; }
    public bool Fabricated { get; init; }
}
