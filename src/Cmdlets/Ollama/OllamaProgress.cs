namespace LocalModels.Ollama;

/// <summary>One status line of a create or pull stream, e.g. "pulling 3a1b..." with bytes completed of total.</summary>
public sealed record OllamaProgress(string Status, string? Digest, long? Total, long? Completed)
{
    /// <summary>0-100 when the line carries sizes, else null.</summary>
    public int? PercentComplete =>
        Total is > 0 && Completed is { } done ? (int)System.Math.Min(100, done * 100 / Total.Value) : null;
}
