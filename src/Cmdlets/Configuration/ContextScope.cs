namespace LocalModels.Configuration;

/// <summary>What a context setting applies to: one model (its num_ctx) or the whole server.</summary>
public enum ContextScope
{
    Model,
    Server,
}
