namespace LocalModels.Errors;

/// <summary>
/// Error ids that more than one place raises or recognises. Users catch and filter on them (FullyQualifiedErrorId),
/// so each is spelled once.
/// </summary>
public static class ErrorIds
{
    public const string OllamaNotRunning = "OllamaNotRunning";
    public const string OllamaModelNotFound = "OllamaModelNotFound";
    public const string OllamaTimeout = "OllamaTimeout";
    public const string OllamaHttpError = "OllamaHttpError";
    public const string InvalidOllamaHost = "InvalidOllamaHost";
    public const string OllamaHostUnavailable = "OllamaHostUnavailable";
    public const string InvalidModelName = "InvalidModelName";
    public const string InvalidTimeout = "InvalidTimeout";
    public const string ClaudeNotFound = "ClaudeNotFound";
    public const string RepositoryNotFound = "RepositoryNotFound";
    public const string DesktopAppSettingUnavailable = "DesktopAppSettingUnavailable";
}
