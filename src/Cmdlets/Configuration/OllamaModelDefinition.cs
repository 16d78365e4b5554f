using LocalModels.Ollama;

namespace LocalModels;

/// <summary>
/// A context-sized model made (or planned, under -WhatIf) by New-OllamaModel / New-DevstralModelfile. Name and
/// Model both hold the new model's name so it pipes into -Name or -Model of the next cmdlet
/// (Test-ClaudeLocal, Measure-ModelRun, Remove-OllamaModel).
/// </summary>
public sealed class OllamaModelDefinition
{
    public string Name { get; init; } = "";
    public string Model => Name;
    public string BaseModel { get; init; } = "";
    public int ContextLength { get; init; }
    public long? NativeContextLength { get; init; }

    /// <summary>The Modelfile written, or empty when none was asked for.</summary>
    public string ModelfilePath { get; init; } = "";

    public string OllamaHost { get; init; } = "";

    /// <summary>True when /api/create ran; false under -WhatIf, on refusal, or when the model already had this context.</summary>
    public bool Created { get; init; }

    public override string ToString() => Name;
}
