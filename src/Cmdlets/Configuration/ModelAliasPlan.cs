using LocalModels.Ollama;

namespace LocalModels.Configuration;

/// <summary>
/// A context-sized model alias about to be created: validated against the server, with what already exists.
/// The cmdlet asks ShouldProcess between planning and <see cref="ModelAliasCreator.CreateAsync"/>.
/// </summary>
public sealed record ModelAliasPlan(
    string Name,
    string BaseModel,
    int ContextLength,
    long? NativeContextLength,
    bool Exists,
    int? ExistingContextLength)
{
    /// <summary>True when a model of this name already has exactly this context: creating it again changes nothing.</summary>
    public bool AlreadyUpToDate => Exists && ExistingContextLength == ContextLength;
}
