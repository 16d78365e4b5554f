using System;

namespace LocalModels.Measurement;

/// <summary>A snapshot of a run in progress, reported on the run's own thread (the cmdlet turns it into WriteProgress).</summary>
internal sealed record RunProgress(string Model, int Repetition, TimeSpan Elapsed, int Turns, int ToolCalls, string? LastTool, int Interventions);
