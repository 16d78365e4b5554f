using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using LocalModels.Errors;
using LocalModels.Simulation;
using LocalModels.Traces;

namespace LocalModels.Measurement;

/// <summary>
/// What the runner asks the Ollama server: is it up (and is it the simulator), does the model exist, what context
/// does it declare, is it loaded and how big. ADAPTER: kept in one file until the Ollama client
/// (src/Cmdlets/Ollama) is merged; then these bodies call it.
/// </summary>
internal sealed class LocalEndpoint
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public LocalEndpoint(string? explicitHost)
    {
        BaseUri = Resolve(explicitHost ?? Environment.GetEnvironmentVariable("OLLAMA_HOST"));
    }

    public Uri BaseUri { get; }

    public string HostText => BaseUri.GetLeftPart(UriPartial.Authority);

    /// <summary>/api/version: the server's version, and whether it is the LocalModels simulator (its marker header).</summary>
    public (string Version, bool Simulated) Probe(CancellationToken cancellationToken)
    {
        using var response = Send(HttpMethod.Get, "/api/version", null, cancellationToken);
        var simulated = response.Headers.Contains(SimulatorServer.SimulatorHeader);
        using var document = JsonDocument.Parse(response.Content.ReadAsStringAsync().GetAwaiter().GetResult());
        return (document.RootElement.Str("version") ?? "", simulated);
    }

    /// <summary>/api/show: null when the model is not installed, else its PARAMETER num_ctx (or null).</summary>
    public (bool Exists, int? ContextLength, bool SupportsTools) Show(string model, CancellationToken cancellationToken)
    {
        using var response = Send(HttpMethod.Post, "/api/show", JsonSerializer.Serialize(new { model }), cancellationToken, allowNotFound: true);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound) return (false, null, false);
        using var document = JsonDocument.Parse(response.Content.ReadAsStringAsync().GetAwaiter().GetResult());
        var root = document.RootElement;
        int? context = null;
        foreach (var line in (root.Str("parameters") ?? "").Split('\n'))
        {
            var parts = line.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 2 && parts[0] == "num_ctx" && int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
                context = value;
        }
        var tools = root.Arr("capabilities") is { ValueKind: JsonValueKind.Array } capabilities
            && capabilities.EnumerateArray().Any(c => c.ValueKind == JsonValueKind.String && c.GetString() == "tools");
        return (true, context, tools);
    }

    /// <summary>/api/ps for one model: null when it is not loaded.</summary>
    public MemorySample? ReadLoaded(string model, CancellationToken cancellationToken)
    {
        using var response = Send(HttpMethod.Get, "/api/ps", null, cancellationToken);
        using var document = JsonDocument.Parse(response.Content.ReadAsStringAsync().GetAwaiter().GetResult());
        var models = document.RootElement.Arr("models");
        if (models.ValueKind != JsonValueKind.Array) return null;
        foreach (var loaded in models.EnumerateArray())
        {
            var name = loaded.Str("name") ?? loaded.Str("model") ?? "";
            if (!SameModel(name, model)) continue;
            return new MemorySample(DateTimeOffset.Now, loaded.NullableInt("context_length"), loaded.Long("size"), loaded.Long("size_vram"));
        }
        return null;
    }

    /// <summary>Ollama names default to the "latest" tag.</summary>
    public static bool SameModel(string a, string b) =>
        string.Equals(WithTag(a), WithTag(b), StringComparison.OrdinalIgnoreCase);

    private static string WithTag(string name) =>
        name.Substring(name.LastIndexOf('/') + 1).Contains(':') ? name : name + ":latest";

    private HttpResponseMessage Send(HttpMethod method, string path, string? body, CancellationToken cancellationToken, bool allowNotFound = false)
    {
        var request = new HttpRequestMessage(method, new Uri(BaseUri, path));
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        HttpResponseMessage response;
        try
        {
            response = Http.SendAsync(request, cancellationToken).GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is HttpRequestException or System.Threading.Tasks.TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new LocalModelsException("OllamaNotRunning", ErrorKind.ConnectionError,
                $"Ollama does not answer at {HostText}. Start it ('ollama serve' or the desktop app), or pass -OllamaHost.", HostText, ex);
        }
        if (response.IsSuccessStatusCode || allowNotFound && response.StatusCode == System.Net.HttpStatusCode.NotFound) return response;
        var status = (int)response.StatusCode;
        response.Dispose();
        throw new LocalModelsException("OllamaRequestFailed", ErrorKind.ProtocolError, $"Ollama answered {status} to {method} {path} at {HostText}.", HostText);
    }

    private static Uri Resolve(string? host)
    {
        if (string.IsNullOrWhiteSpace(host)) return new Uri("http://localhost:11434");
        var text = host!.Trim();
        if (!text.Contains("://")) text = "http://" + text;
        var uri = new Uri(text);
        return uri.IsDefaultPort && !text.Substring(text.IndexOf("://", StringComparison.Ordinal) + 3).Contains(':')
            ? new UriBuilder(uri) { Port = 11434 }.Uri
            : uri;
    }
}
