using System;

namespace LocalModels.Errors;

/// <summary>
/// The one exception the PowerShell-free core throws for failures a user can act on. It carries a stable
/// error id and a kind; the cmdlet layer turns it into an ErrorRecord with the matching category.
/// </summary>
public sealed class LocalModelsException : Exception
{
    public LocalModelsException(string errorId, ErrorKind kind, string message, object? target = null, Exception? inner = null)
        : base(message, inner)
    {
        ErrorId = errorId;
        Kind = kind;
        Target = target;
    }

    /// <summary>Stable PascalCase id, e.g. <c>OllamaNotRunning</c>. Tests and users' scripts match on it.</summary>
    public string ErrorId { get; }

    public ErrorKind Kind { get; }

    /// <summary>What the error is about (a model name, a path, a URL), shown as the ErrorRecord's target.</summary>
    public object? Target { get; }
}
