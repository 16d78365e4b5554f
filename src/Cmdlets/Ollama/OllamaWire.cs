using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LocalModels.Ollama;

// The JSON shapes of Ollama's native API. Internal: callers see typed results.
// The simulator serialises the same classes, so the two sides cannot drift apart.

internal sealed class VersionResponse
{
    [JsonPropertyName("version")] public string? Version { get; set; }
}

internal sealed class ModelDetailsWire
{
    [JsonPropertyName("parent_model")] public string? ParentModel { get; set; }
    [JsonPropertyName("format")] public string? Format { get; set; }
    [JsonPropertyName("family")] public string? Family { get; set; }
    [JsonPropertyName("families")] public List<string>? Families { get; set; }
    [JsonPropertyName("parameter_size")] public string? ParameterSize { get; set; }
    [JsonPropertyName("quantization_level")] public string? QuantizationLevel { get; set; }
    [JsonPropertyName("context_length")] public long? ContextLength { get; set; }
    [JsonPropertyName("embedding_length")] public long? EmbeddingLength { get; set; }
}

internal sealed class TagsResponse
{
    [JsonPropertyName("models")] public List<TagEntry>? Models { get; set; }
}

internal sealed class TagEntry
{
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("model")] public string? Model { get; set; }
    [JsonPropertyName("modified_at")] public DateTimeOffset? ModifiedAt { get; set; }
    [JsonPropertyName("size")] public long Size { get; set; }
    [JsonPropertyName("digest")] public string? Digest { get; set; }
    [JsonPropertyName("details")] public ModelDetailsWire? Details { get; set; }
    [JsonPropertyName("capabilities")] public List<string>? Capabilities { get; set; }
}

internal sealed class ShowRequest
{
    [JsonPropertyName("model")] public string Model { get; set; } = "";
}

internal sealed class ShowResponse
{
    [JsonPropertyName("license")] public string? License { get; set; }
    [JsonPropertyName("modelfile")] public string? Modelfile { get; set; }
    [JsonPropertyName("parameters")] public string? Parameters { get; set; }
    [JsonPropertyName("template")] public string? Template { get; set; }
    [JsonPropertyName("system")] public string? System { get; set; }
    [JsonPropertyName("details")] public ModelDetailsWire? Details { get; set; }
    [JsonPropertyName("model_info")] public Dictionary<string, JsonElement>? ModelInfo { get; set; }
    [JsonPropertyName("capabilities")] public List<string>? Capabilities { get; set; }
    [JsonPropertyName("modified_at")] public DateTimeOffset? ModifiedAt { get; set; }
}

internal sealed class PsResponse
{
    [JsonPropertyName("models")] public List<PsEntry>? Models { get; set; }
}

internal sealed class PsEntry
{
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("model")] public string? Model { get; set; }
    [JsonPropertyName("size")] public long Size { get; set; }
    [JsonPropertyName("digest")] public string? Digest { get; set; }
    [JsonPropertyName("details")] public ModelDetailsWire? Details { get; set; }
    [JsonPropertyName("expires_at")] public DateTimeOffset? ExpiresAt { get; set; }
    [JsonPropertyName("size_vram")] public long SizeVram { get; set; }
    [JsonPropertyName("context_length")] public int? ContextLength { get; set; }
}

internal sealed class CreateRequest
{
    [JsonPropertyName("model")] public string Model { get; set; } = "";
    [JsonPropertyName("from")] public string From { get; set; } = "";
    [JsonPropertyName("parameters")] public Dictionary<string, object>? Parameters { get; set; }
    [JsonPropertyName("stream")] public bool Stream { get; set; } = true;
}

internal sealed class PullRequest
{
    [JsonPropertyName("model")] public string Model { get; set; } = "";
    [JsonPropertyName("stream")] public bool Stream { get; set; } = true;
}

internal sealed class DeleteRequest
{
    [JsonPropertyName("model")] public string Model { get; set; } = "";
}

/// <summary>One NDJSON line of /api/create or /api/pull; an "error" line ends the stream with a failure.</summary>
internal sealed class StatusLine
{
    [JsonPropertyName("status")] public string? Status { get; set; }
    [JsonPropertyName("digest")] public string? Digest { get; set; }
    [JsonPropertyName("total")] public long? Total { get; set; }
    [JsonPropertyName("completed")] public long? Completed { get; set; }
    [JsonPropertyName("error")] public string? Error { get; set; }
}

internal sealed class ErrorBody
{
    [JsonPropertyName("error")] public string? Error { get; set; }
}

internal static class OllamaJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
