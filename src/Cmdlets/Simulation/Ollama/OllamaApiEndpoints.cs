using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using LocalModels.Ollama;

namespace LocalModels.Simulation.Ollama;

/// <summary>
/// The native Ollama API (/api/*) over the simulator's catalogue, with the paths, fields, status codes and
/// error bodies of the real server. Streams are NDJSON like Ollama's.
/// </summary>
internal static class OllamaApiEndpoints
{
    public static void Map(SimulatorServer server, OllamaSimulator simulator)
    {
        server.Map("GET", "/api/version", (_, response) => response.WriteJsonAsync(200, new VersionResponse { Version = simulator.Version }));
        server.Map("HEAD", "/api/version", (_, response) => response.WriteRawAsync(200, "application/json; charset=utf-8", ""));
        server.Map("GET", "/api/tags", (_, response) => response.WriteJsonAsync(200, new TagsResponse
        {
            Models = simulator.Catalog.Models.Select(m => OllamaWireMapping.ToTag(m, IncludeCapabilitiesInTags(simulator.Version))).ToList(),
        }));
        server.Map("GET", "/api/ps", (_, response) => response.WriteJsonAsync(200, new PsResponse
        {
            Models = simulator.Catalog.Loaded.Select(OllamaWireMapping.ToPs).ToList(),
        }));
        server.Map("POST", "/api/show", (request, response) => ShowAsync(simulator, request, response));
        server.Map("POST", "/api/create", (request, response) => OllamaCreateHandler.HandleAsync(simulator, request, response));
        server.Map("POST", "/api/pull", (request, response) => OllamaPullHandler.HandleAsync(simulator, request, response));
        server.Map("DELETE", "/api/delete", (request, response) => DeleteAsync(simulator, request, response));
    }

    private static async Task ShowAsync(OllamaSimulator simulator, SimulatorRequest request, SimulatorResponse response)
    {
        if (!TryReadModel(request, out var name, out var problem))
        {
            await WriteErrorAsync(response, 400, problem).ConfigureAwait(false);
            return;
        }
        if (!simulator.Catalog.TryGet(name, out var model))
        {
            await WriteErrorAsync(response, 404, $"model '{name}' not found").ConfigureAwait(false);
            return;
        }
        await response.WriteJsonAsync(200, OllamaWireMapping.ToShow(model)).ConfigureAwait(false);
    }

    private static async Task DeleteAsync(OllamaSimulator simulator, SimulatorRequest request, SimulatorResponse response)
    {
        if (!TryReadModel(request, out var name, out var problem))
        {
            await WriteErrorAsync(response, 400, problem).ConfigureAwait(false);
            return;
        }
        if (!simulator.Catalog.Remove(name))
        {
            await WriteErrorAsync(response, 404, $"model '{name}' not found").ConfigureAwait(false);
            return;
        }
        // Ollama answers a successful delete with 200 and an empty body.
        await response.WriteRawAsync(200, "application/json; charset=utf-8", "").ConfigureAwait(false);
    }

    /// <summary>Reads "model" (or the older "name") from a JSON body; the problem text is Ollama's 400 message.</summary>
    internal static bool TryReadModel(SimulatorRequest request, out string model, out string problem)
    {
        model = "";
        using var document = request.TryParseJson();
        if (document is null || document.RootElement.ValueKind != JsonValueKind.Object)
        {
            problem = string.IsNullOrWhiteSpace(request.Body) ? "missing request body" : "invalid character in request body: expected a JSON object";
            return false;
        }
        model = ReadString(document.RootElement, "model") ?? ReadString(document.RootElement, "name") ?? "";
        if (model.Length == 0)
        {
            problem = "model is required";
            return false;
        }
        problem = "";
        return true;
    }

    internal static string? ReadString(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>"stream" defaults to true; "stream": false asks for one final object.</summary>
    internal static bool WantsStream(JsonElement element) =>
        !(element.TryGetProperty("stream", out var value) && value.ValueKind == JsonValueKind.False);

    internal static Task WriteErrorAsync(SimulatorResponse response, int status, string message) =>
        response.WriteJsonAsync(status, new ErrorBody { Error = message });

    /// <summary>/api/tags lists capabilities only since v0.30.0; older servers need /api/show for them.</summary>
    private static bool IncludeCapabilitiesInTags(string version) =>
        OllamaVersion.TryParse(version, out var parsed) && parsed >= new Version(0, 30, 0);

    internal static string ParameterText(object value) => value switch
    {
        JsonElement { ValueKind: JsonValueKind.String } e => e.GetString() ?? "",
        JsonElement e => e.GetRawText(),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
