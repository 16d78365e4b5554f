using System.Net;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;

namespace LocalModels.Simulation;

/// <summary>Writes answers the way Ollama's Go server does: JSON bodies, NDJSON streams and SSE events.</summary>
public sealed class SimulatorResponse
{
    // Go's encoder writes quotes and apostrophes as they are ("model 'x' not found"), so the relaxed encoder.
    private static readonly JsonSerializerOptions Json = new()
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
    private readonly HttpListenerResponse _response;
    private bool _started;

    internal SimulatorResponse(HttpListenerResponse response) => _response = response;

    public Task WriteJsonAsync(int status, object body) =>
        WriteRawAsync(status, "application/json; charset=utf-8", JsonSerializer.Serialize(body, Json));

    public Task WriteTextAsync(int status, string text) => WriteRawAsync(status, "text/plain; charset=utf-8", text);

    public async Task WriteRawAsync(int status, string contentType, string body)
    {
        _response.StatusCode = status;
        _response.ContentType = contentType;
        var bytes = Encoding.UTF8.GetBytes(body);
        _response.ContentLength64 = bytes.Length;
        await _response.OutputStream.WriteAsync(bytes, 0, bytes.Length).ConfigureAwait(false);
        _started = true;
    }

    /// <summary>Starts a chunked stream (NDJSON for /api/create and /api/pull, SSE for /v1/messages).</summary>
    public void BeginStream(int status, string contentType)
    {
        _response.StatusCode = status;
        _response.ContentType = contentType;
        _response.SendChunked = true;
        _started = true;
    }

    /// <summary>Writes one chunk and flushes it so the client sees it at once.</summary>
    public async Task WriteChunkAsync(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        await _response.OutputStream.WriteAsync(bytes, 0, bytes.Length).ConfigureAwait(false);
        await _response.OutputStream.FlushAsync().ConfigureAwait(false);
    }

    public Task WriteNdjsonLineAsync(object value) => WriteChunkAsync(JsonSerializer.Serialize(value, Json) + "\n");

    public Task WriteSseEventAsync(string eventName, object data) =>
        WriteChunkAsync($"event: {eventName}\ndata: {JsonSerializer.Serialize(data, Json)}\n\n");

    public bool Started => _started;

    internal void Close()
    {
        try { _response.Close(); } catch (System.Exception) { }
    }
}
