using System;
using System.Globalization;
using System.Text.RegularExpressions;
using LocalModels.Errors;

namespace LocalModels.Ollama;

/// <summary>The Ollama failures users can act on, each with its stable id and a message that says what to do.</summary>
internal static class OllamaErrors
{
    // The names New-DevstralModelfile and New-OllamaModel give: "<base>-64k", "devstral-128k". Such a local alias
    // cannot be pulled from the library, so the way on is to create it.
    private static readonly Regex ContextAlias = new(@"^(?<stem>.+)-(?<k>\d+)k(:latest)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>What to do when Ollama is not reachable (no "not reachable" sentence, so callers can add their own).</summary>
    public const string NotRunningAdvice =
        "Start it with 'ollama serve' or open the Ollama app, or point -OllamaHost / OLLAMA_HOST at the right address (Start-OllamaSimulator gives you a simulated one).";

    public static LocalModelsException NotRunning(Uri baseUri, Exception? inner) =>
        new(ErrorIds.OllamaNotRunning, ErrorKind.ConnectionError,
            $"Ollama is not reachable at {baseUri}. {NotRunningAdvice}",
            baseUri.ToString(), inner);

    public static LocalModelsException ModelNotFound(string model, Uri baseUri) =>
        new(ErrorIds.OllamaModelNotFound, ErrorKind.ObjectNotFound,
            $"Model '{model}' is not installed on the Ollama server at {baseUri}. {MissingModelAdvice(model)}",
            model);

    /// <summary>
    /// How to get a model that is not installed: a context alias (devstral-64k) is created from its base model,
    /// anything else is pulled. Always ends with where to look for the installed names.
    /// </summary>
    public static string MissingModelAdvice(string model)
    {
        var alias = ContextAlias.Match(model);
        if (!alias.Success)
            return $"Install it with Install-OllamaModel {model} (or 'ollama pull {model}'), or pick an installed one from Get-OllamaModel.";
        var contextLength = int.Parse(alias.Groups["k"].Value, CultureInfo.InvariantCulture) * 1024;
        var stem = alias.Groups["stem"].Value;
        return string.Equals(stem, "devstral", StringComparison.OrdinalIgnoreCase)
            ? $"It looks like a local context alias, which cannot be pulled: create it with New-DevstralModelfile -ContextLength {contextLength}, or pick an installed one from Get-OllamaModel."
            : $"It looks like a local context alias, which cannot be pulled: create it with New-OllamaModel -BaseModel <the model it is made from> -ContextLength {contextLength}, or pick an installed one from Get-OllamaModel.";
    }

    public static LocalModelsException NotInLibrary(string model, string serverMessage) =>
        new(ErrorIds.OllamaModelNotFound, ErrorKind.ObjectNotFound,
            $"Ollama could not pull '{model}': {serverMessage}. Check the name on https://ollama.com/library.",
            model);

    public static LocalModelsException Http(string path, int status, string message, Uri baseUri) =>
        new(ErrorIds.OllamaHttpError, ErrorKind.ProtocolError,
            $"Ollama at {baseUri} answered {path} with HTTP {status}: {message}",
            path);

    public static LocalModelsException StreamError(string path, string message, Uri baseUri) =>
        new(ErrorIds.OllamaHttpError, ErrorKind.ProtocolError,
            $"Ollama at {baseUri} reported an error during {path}: {message}",
            path);

    public static LocalModelsException Malformed(string path, string why, Uri baseUri, Exception? inner = null) =>
        new("OllamaMalformedResponse", ErrorKind.InvalidResult,
            $"Ollama at {baseUri} sent an answer to {path} that is not what its API defines ({why}). Is OLLAMA_HOST pointing at an Ollama server? Upgrading Ollama may help.",
            path, inner);

    public static LocalModelsException Silent(string path, TimeSpan limit, Uri baseUri) =>
        new(ErrorIds.OllamaTimeout, ErrorKind.OperationTimeout,
            $"Ollama at {baseUri} sent nothing on {path} for {(limit.TotalSeconds < 120 ? $"{limit.TotalSeconds:0.#} s" : $"{limit.TotalMinutes:0.#} min")}, so the request was given up. Check the server ('ollama ps', its log) and run the command again.",
            path);

    public static LocalModelsException Timeout(string path, TimeSpan timeout, Uri baseUri) =>
        new(ErrorIds.OllamaTimeout, ErrorKind.OperationTimeout,
            $"Ollama at {baseUri} did not answer {path} within {timeout.TotalSeconds:0.#} s. It may be busy loading a model; try again, or check it with 'ollama ps'.",
            path);
}
