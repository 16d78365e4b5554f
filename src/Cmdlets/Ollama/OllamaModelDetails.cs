using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace LocalModels.Ollama;

/// <summary>
/// What /api/show says about one model: capabilities, Modelfile parameters (num_ctx) and the flat model_info map
/// with the architecture's native context length and the shape numbers the memory estimate needs.
/// </summary>
public sealed class OllamaModelDetails
{
    internal OllamaModelDetails(string name, IReadOnlyList<string> capabilities, IReadOnlyDictionary<string, string> parameters,
        IReadOnlyDictionary<string, object?> modelInfo, string? family, string? parameterSize, string? quantizationLevel,
        string? parentModel, DateTimeOffset? modifiedAt)
    {
        Name = name;
        Capabilities = capabilities;
        Parameters = parameters;
        ModelInfo = modelInfo;
        Family = family;
        ParameterSize = parameterSize;
        QuantizationLevel = quantizationLevel;
        ParentModel = parentModel;
        ModifiedAt = modifiedAt;
    }

    public string Name { get; }
    public IReadOnlyList<string> Capabilities { get; }

    /// <summary>Modelfile parameters; a parameter given several times (stop) keeps its last value here.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; }

    /// <summary>model_info with JSON numbers as long/double, strings as string, everything else as its JSON text.</summary>
    public IReadOnlyDictionary<string, object?> ModelInfo { get; }

    public string? Family { get; }
    public string? ParameterSize { get; }
    public string? QuantizationLevel { get; }
    public string? ParentModel { get; }
    public DateTimeOffset? ModifiedAt { get; }

    public bool SupportsTools => Capabilities.Contains("tools", StringComparer.OrdinalIgnoreCase);

    /// <summary>model_info["general.architecture"], e.g. "mistral3", "qwen3moe".</summary>
    public string? Architecture => ModelInfo.TryGetValue("general.architecture", out var value) ? value as string : null;

    /// <summary>The trained context length, model_info["&lt;arch&gt;.context_length"].</summary>
    public long? NativeContextLength => GetArchitectureNumber("context_length");

    /// <summary>PARAMETER num_ctx of the model, or null when the model leaves it to the server.</summary>
    public int? ConfiguredContextLength =>
        Parameters.TryGetValue("num_ctx", out var text) && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>A numeric model_info key of the model's architecture, e.g. "block_count" or "attention.head_count_kv".</summary>
    public long? GetArchitectureNumber(string suffix) =>
        Architecture is { } arch ? GetNumber(arch + "." + suffix) : null;

    public long? GetNumber(string key) => ModelInfo.TryGetValue(key, out var value) ? value switch
    {
        long l => l,
        double d => (long)d,
        _ => null,
    } : null;

    /// <summary>Parses /api/show's padded parameter text ("num_ctx                        65536" per line).</summary>
    internal static IReadOnlyDictionary<string, string> ParseParameters(string? text)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(text)) return result;
        foreach (var rawLine in text!.Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.Length == 0) continue;
            var space = line.IndexOfAny(new[] { ' ', '\t' });
            if (space < 0) continue;
            result[line.Substring(0, space)] = line.Substring(space).Trim().Trim('"');
        }
        return result;
    }
}
