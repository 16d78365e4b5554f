using System;

namespace LocalModels.Ollama;

/// <summary>One /api/ps reading for the model under test, taken while a run goes on.</summary>
public sealed record MemorySample(DateTimeOffset At, int? ContextLength, long SizeBytes, long SizeVramBytes)
{
    /// <summary>Share of the loaded model held in system RAM rather than on the GPU, 0-100.</summary>
    public int CpuPercent => SizeBytes <= 0 ? 0 : (int)Math.Round(100.0 * (SizeBytes - SizeVramBytes) / SizeBytes);
}
