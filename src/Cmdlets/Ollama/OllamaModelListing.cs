using System;
using System.Collections.Generic;

namespace LocalModels.Ollama;

/// <summary>One entry of /api/tags: an installed model as the server lists it.</summary>
public sealed record OllamaModelListing(
    string Name,
    string Model,
    long Size,
    string Digest,
    DateTimeOffset? ModifiedAt,
    string? Family,
    string? ParameterSize,
    string? QuantizationLevel,
    IReadOnlyList<string>? Capabilities);
