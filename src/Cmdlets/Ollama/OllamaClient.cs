using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using LocalModels.Errors;

namespace LocalModels.Ollama;

/// <summary>
/// Talks to Ollama's native API over HTTP (never by shelling out to the CLI). Metadata calls have a short timeout;
/// create and pull streams may run for hours, so they are only given up on when the server does not answer
/// (<see cref="StreamSilenceLimit"/>), and report each NDJSON status line through a callback. Every failure
/// becomes a LocalModelsException with a stable id (see <see cref="OllamaErrors"/>).
/// </summary>
public sealed class OllamaClient
{
    // One shared HttpClient: timeouts are applied per call with cancellation, so the client's own is infinite.
    private static readonly HttpClient Http = new() { Timeout = System.Threading.Timeout.InfiniteTimeSpan };

    public OllamaClient(Uri baseUri, TimeSpan? metadataTimeout = null, TimeSpan? streamSilenceLimit = null)
    {
        BaseUri = baseUri;
        MetadataTimeout = metadataTimeout ?? TimeSpan.FromSeconds(10);
        StreamSilenceLimit = streamSilenceLimit ?? TimeSpan.FromMinutes(10);
    }

    /// <summary>A client for -OllamaHost if given, else OLLAMA_HOST, else localhost:11434.</summary>
    public static OllamaClient ForHost(string? explicitHost, TimeSpan? metadataTimeout = null) =>
        new(OllamaEndpoint.Resolve(explicitHost), metadataTimeout);

    public Uri BaseUri { get; }

    /// <summary>Limit for version/tags/show/ps/delete calls.</summary>
    public TimeSpan MetadataTimeout { get; }

    /// <summary>
    /// How long a create stream may send nothing (no headers, no status line), and a pull stream may take to send its
    /// first status line, before it is given up on with OllamaTimeout. A server that hangs would otherwise hold an
    /// unattended script forever; creating an alias from a model takes seconds.
    /// </summary>
    public TimeSpan StreamSilenceLimit { get; }

    /// <summary>The host as users write it in OLLAMA_HOST, e.g. "http://127.0.0.1:11434".</summary>
    public string HostText => BaseUri.GetLeftPart(UriPartial.Authority);

    public async Task<string> GetVersionAsync(CancellationToken cancellationToken)
    {
        var response = await GetJsonAsync<VersionResponse>(HttpMethod.Get, "/api/version", null, cancellationToken).ConfigureAwait(false);
        return response.Version is { Length: > 0 } version ? version : throw OllamaErrors.Malformed("/api/version", "no version", BaseUri);
    }

    public async Task<IReadOnlyList<OllamaModelListing>> ListModelsAsync(CancellationToken cancellationToken)
    {
        var response = await GetJsonAsync<TagsResponse>(HttpMethod.Get, "/api/tags", null, cancellationToken).ConfigureAwait(false);
        if (response.Models is null) throw OllamaErrors.Malformed("/api/tags", "no models list", BaseUri);
        return response.Models.Select(m => new OllamaModelListing(
            m.Name ?? m.Model ?? throw OllamaErrors.Malformed("/api/tags", "a model without a name", BaseUri),
            m.Model ?? m.Name!, m.Size, m.Digest ?? "", m.ModifiedAt, m.Details?.Family, m.Details?.ParameterSize,
            m.Details?.QuantizationLevel, m.Capabilities)).ToList();
    }

    /// <summary>/api/show; throws OllamaModelNotFound when the model is not installed.</summary>
    public async Task<OllamaModelDetails> ShowAsync(string model, CancellationToken cancellationToken)
    {
        OllamaModelName.Validate(model);
        var response = await GetJsonAsync<ShowResponse>(HttpMethod.Post, "/api/show", new ShowRequest { Model = model }, cancellationToken, model).ConfigureAwait(false);
        var info = (response.ModelInfo ?? new Dictionary<string, JsonElement>())
            .ToDictionary(pair => pair.Key, pair => ToValue(pair.Value), StringComparer.Ordinal);
        return new OllamaModelDetails(model, response.Capabilities ?? new List<string>(),
            OllamaModelDetails.ParseParameters(response.Parameters), info, response.Details?.Family,
            response.Details?.ParameterSize, response.Details?.QuantizationLevel, response.Details?.ParentModel, response.ModifiedAt);
    }

    /// <summary>True when the model is installed (a cheap /api/show that maps "not found" to false).</summary>
    public async Task<bool> ExistsAsync(string model, CancellationToken cancellationToken)
    {
        try
        {
            await ShowAsync(model, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Errors.LocalModelsException ex) when (ex.ErrorId == ErrorIds.OllamaModelNotFound)
        {
            return false;
        }
    }

    /// <summary>/api/ps: the models loaded right now.</summary>
    public async Task<IReadOnlyList<OllamaLoadedModel>> ListLoadedAsync(CancellationToken cancellationToken)
    {
        var response = await GetJsonAsync<PsResponse>(HttpMethod.Get, "/api/ps", null, cancellationToken).ConfigureAwait(false);
        if (response.Models is null) throw OllamaErrors.Malformed("/api/ps", "no models list", BaseUri);
        return response.Models.Select(m => new OllamaLoadedModel
        {
            Name = m.Name ?? m.Model ?? "",
            Model = m.Model ?? m.Name ?? "",
            ContextLength = m.ContextLength,
            Size = m.Size,
            SizeVram = m.SizeVram,
            ExpiresAt = m.ExpiresAt,
            Digest = m.Digest ?? "",
            OllamaHost = HostText,
        }).ToList();
    }

    /// <summary>/api/create with from + parameters (the Modelfile's PARAMETER lines); reports each status line.</summary>
    public Task CreateAsync(string model, string from, IReadOnlyDictionary<string, object> parameters, Action<OllamaProgress>? onProgress, CancellationToken cancellationToken)
    {
        OllamaModelName.Validate(model);
        OllamaModelName.Validate(from);
        var request = new CreateRequest { Model = model, From = from, Parameters = parameters.ToDictionary(p => p.Key, p => p.Value) };
        return StreamAsync("/api/create", request, model, onProgress, quietWhileWorking: false, cancellationToken);
    }

    /// <summary>/api/pull; progress lines carry total/completed bytes per layer.</summary>
    public Task PullAsync(string model, Action<OllamaProgress>? onProgress, CancellationToken cancellationToken)
    {
        OllamaModelName.Validate(model);
        return StreamAsync("/api/pull", new PullRequest { Model = model }, model, onProgress, quietWhileWorking: true, cancellationToken);
    }

    /// <summary>/api/delete; throws OllamaModelNotFound when there is no such model.</summary>
    public async Task DeleteAsync(string model, CancellationToken cancellationToken)
    {
        OllamaModelName.Validate(model);
        using var timeout = StartTimeout(cancellationToken);
        try
        {
            using var response = await SendAsync(HttpMethod.Delete, "/api/delete", new DeleteRequest { Model = model }, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
            await EnsureSuccessAsync(response, "/api/delete", model).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw OllamaErrors.Timeout("/api/delete", MetadataTimeout, BaseUri);
        }
    }

    private async Task<T> GetJsonAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken, string? model = null)
        where T : class
    {
        using var timeout = StartTimeout(cancellationToken);
        try
        {
            using var response = await SendAsync(method, path, body, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
            await EnsureSuccessAsync(response, path, model).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            try
            {
                return JsonSerializer.Deserialize<T>(text, OllamaJson.Options) ?? throw OllamaErrors.Malformed(path, "an empty body", BaseUri);
            }
            catch (JsonException ex)
            {
                throw OllamaErrors.Malformed(path, "not valid JSON of the expected shape: " + ex.Message, BaseUri, ex);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw OllamaErrors.Timeout(path, MetadataTimeout, BaseUri);
        }
    }

    // quietWhileWorking: the server may rightly say nothing for longer than any fixed limit once it has answered. A
    // pull checks the digest of every layer without a word, an hour for a model of hundreds of GB on a slow disk; the
    // limit then only covers the wait for its first status line.
    private async Task StreamAsync(string path, object body, string model, Action<OllamaProgress>? onProgress, bool quietWhileWorking, CancellationToken cancellationToken)
    {
        // Restarted at every line: it fires only when the server has been silent for the whole limit.
        using var silence = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        silence.CancelAfter(StreamSilenceLimit);
        try
        {
            await ReadStreamAsync(path, body, model, onProgress,
                () => silence.CancelAfter(quietWhileWorking ? System.Threading.Timeout.InfiniteTimeSpan : StreamSilenceLimit), silence.Token).ConfigureAwait(false);
        }
        catch (Exception) when (silence.IsCancellationRequested)
        {
            // Whatever failed once the token fired (a cancelled request, a closed response) was Ctrl+C or the silence.
            cancellationToken.ThrowIfCancellationRequested();
            throw OllamaErrors.Silent(path, StreamSilenceLimit, BaseUri);
        }
    }

    private async Task ReadStreamAsync(string path, object body, string model, Action<OllamaProgress>? onProgress, Action onLineRead, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Post, path, body, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        // A read waiting on a server that sends nothing ends when the response is disposed, whatever the stream does with a token.
        using var unblock = cancellationToken.Register(response.Dispose);
        await EnsureSuccessAsync(response, path, model).ConfigureAwait(false);
        using var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var succeeded = false;
        while (true)
        {
            string? line;
            try
            {
                line = await reader.ReadLineAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException)
            {
                cancellationToken.ThrowIfCancellationRequested();
                throw OllamaErrors.NotRunning(BaseUri, ex);
            }
            if (line is null) break;
            onLineRead();
            if (line.Trim().Length == 0) continue;
            StatusLine status;
            try
            {
                status = JsonSerializer.Deserialize<StatusLine>(line, OllamaJson.Options) ?? throw new JsonException("null line");
            }
            catch (JsonException ex)
            {
                throw OllamaErrors.Malformed(path, "a status line that is not JSON", BaseUri, ex);
            }
            if (status.Error is { } error)
            {
                if (path == "/api/pull" && error.IndexOf("file does not exist", StringComparison.OrdinalIgnoreCase) >= 0)
                    throw OllamaErrors.NotInLibrary(model, error);
                throw OllamaErrors.StreamError(path, error, BaseUri);
            }
            if (status.Status is null) throw OllamaErrors.Malformed(path, "a line without status", BaseUri);
            onProgress?.Invoke(new OllamaProgress(status.Status, status.Digest, status.Total, status.Completed));
            if (status.Status == "success") succeeded = true;
        }
        cancellationToken.ThrowIfCancellationRequested();
        if (!succeeded) throw OllamaErrors.Malformed(path, "the stream ended without a 'success' status", BaseUri);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(BaseUri, path));
        if (body is not null)
            request.Content = new StringContent(JsonSerializer.Serialize(body, body.GetType(), OllamaJson.Options), Encoding.UTF8, "application/json");
        try
        {
            return await Http.SendAsync(request, completion, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw OllamaErrors.NotRunning(BaseUri, ex);
        }
    }

    private async Task EnsureSuccessAsync(HttpResponseMessage response, string path, string? model)
    {
        if (response.IsSuccessStatusCode) return;
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        string? message = null;
        try
        {
            message = JsonSerializer.Deserialize<ErrorBody>(text, OllamaJson.Options)?.Error;
        }
        catch (JsonException)
        {
        }
        if (status == 404 && model is not null && message is not null && message.IndexOf("not found", StringComparison.OrdinalIgnoreCase) >= 0)
            throw OllamaErrors.ModelNotFound(model, BaseUri);
        var shown = message ?? (text.Length > 200 ? text.Substring(0, 200) + "..." : text).Trim();
        throw OllamaErrors.Http(path, status, shown.Length == 0 ? response.ReasonPhrase ?? "no details" : shown, BaseUri);
    }

    private CancellationTokenSource StartTimeout(CancellationToken cancellationToken)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        source.CancelAfter(MetadataTimeout);
        return source;
    }

    private static object? ToValue(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.TryGetInt64(out var l) ? l : element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Null => null,
        _ => element.GetRawText(),
    };
}
