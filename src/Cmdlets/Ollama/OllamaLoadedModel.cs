using System;
using LocalModels.Ollama;

namespace LocalModels;

/// <summary>A model currently loaded by the server (/api/ps), with the CPU/GPU split the way `ollama ps` prints it.</summary>
public sealed class OllamaLoadedModel
{
    public string Name { get; init; } = "";
    public string Model { get; init; } = "";

    /// <summary>The context the model is loaded with: the value really in effect.</summary>
    public int? ContextLength { get; init; }

    /// <summary>Memory the loaded model occupies, in bytes.</summary>
    public long Size { get; init; }

    /// <summary>The part of <see cref="Size"/> in GPU memory.</summary>
    public long SizeVram { get; init; }

    public int? CpuPercent => Split()?.Cpu;
    public int? GpuPercent => Split()?.Gpu;

    /// <summary>"100% GPU", "100% CPU" or "41%/59% CPU/GPU", as `ollama ps` shows it.</summary>
    public string Processor => Size <= 0 || SizeVram > Size ? "Unknown"
        : SizeVram == 0 ? "100% CPU"
        : SizeVram == Size ? "100% GPU"
        : $"{CpuPercent}%/{GpuPercent}% CPU/GPU";

    public DateTimeOffset? ExpiresAt { get; init; }
    public string Digest { get; init; } = "";
    public string OllamaHost { get; init; } = "";

    private (int Cpu, int Gpu)? Split()
    {
        if (Size <= 0 || SizeVram > Size) return null;
        var cpu = (int)Math.Round((double)(Size - SizeVram) / Size * 100, MidpointRounding.AwayFromZero);
        return (cpu, 100 - cpu);
    }

    public override string ToString() => Name;
}
