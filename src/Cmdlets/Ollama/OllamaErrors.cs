using System;
using LocalModels.Errors;

namespace LocalModels.Ollama;

/// <summary>The Ollama failures users can act on, each with its stable id and a message that says what to do.</summary>
internal static class OllamaErrors
{
    public static LocalModelsException NotRunning(Uri baseUri, Exception? inner) =>
        new(ErrorIds.OllamaNotRunning, ErrorKind.ConnectionError,
            $"Ollama is not reachable at {baseUri}. Start it with 'ollama serve' or open the Ollama app, or point -OllamaHost / OLLAMA_HOST at the right address.",
            baseUri.ToString(), inner);

    public static LocalModelsException ModelNotFound(string model, Uri baseUri) =>
        new(ErrorIds.OllamaModelNotFound, ErrorKind.ObjectNotFound,
            $"Model '{model}' is not installed on the Ollama server at {baseUri}. Install it with 'ollama pull {model}' (or Install-OllamaModel -Name {model}), or pick one from Get-OllamaModel.",
            model);

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

    public static LocalModelsException Timeout(string path, TimeSpan timeout, Uri baseUri) =>
        new(ErrorIds.OllamaTimeout, ErrorKind.OperationTimeout,
            $"Ollama at {baseUri} did not answer {path} within {timeout.TotalSeconds:0.#} s. It may be busy loading a model; try again, or check it with 'ollama ps'.",
            path);
}
