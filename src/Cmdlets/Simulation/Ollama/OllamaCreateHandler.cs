using System;
using System.Text.Json;
using System.Threading.Tasks;
using LocalModels.Ollama;

namespace LocalModels.Simulation.Ollama;

/// <summary>
/// POST /api/create with "from" + "parameters": copies the base model and merges the parameters over the base's
/// (new keys win), streaming the status lines a real server prints. The removed "modelfile" field is ignored,
/// as Ollama ignores it since v0.5.5.
/// </summary>
internal static class OllamaCreateHandler
{
    public static async Task HandleAsync(OllamaSimulator simulator, SimulatorRequest request, SimulatorResponse response)
    {
        using var document = request.TryParseJson();
        if (document is null || document.RootElement.ValueKind != JsonValueKind.Object)
        {
            await OllamaApiEndpoints.WriteErrorAsync(response, 400, "invalid character in request body: expected a JSON object").ConfigureAwait(false);
            return;
        }
        var root = document.RootElement;
        var name = OllamaApiEndpoints.ReadString(root, "model") ?? OllamaApiEndpoints.ReadString(root, "name") ?? "";
        if (!OllamaModelName.IsValid(name))
        {
            await OllamaApiEndpoints.WriteErrorAsync(response, 400, "invalid model name").ConfigureAwait(false);
            return;
        }
        var from = OllamaApiEndpoints.ReadString(root, "from");
        if (string.IsNullOrEmpty(from))
        {
            // Without "from" (or files) a real server has nothing to build from.
            await OllamaApiEndpoints.WriteErrorAsync(response, 400, "neither 'from' or 'files' was specified").ConfigureAwait(false);
            return;
        }

        var stream = OllamaApiEndpoints.WantsStream(root);
        if (stream) response.BeginStream(200, "application/x-ndjson");
        if (!simulator.Catalog.TryGet(from!, out var baseModel))
        {
            // The real server tries to pull an unknown base and fails with the registry's answer.
            await FinishAsync(response, stream, new StatusLine { Error = "pull model manifest: file does not exist" }, 404).ConfigureAwait(false);
            return;
        }

        var created = baseModel.Clone(CanonicalName(name));
        // An alias of an alias keeps the weights' first name, as a context sweep's aliases all share one base.
        created.ParentModel = baseModel.ParentModel.Length > 0 ? baseModel.ParentModel : baseModel.Name;
        created.Digest = "";
        if (root.TryGetProperty("parameters", out var parameters) && parameters.ValueKind == JsonValueKind.Object)
        {
            foreach (var parameter in parameters.EnumerateObject())
                created.Parameters[parameter.Name] = OllamaApiEndpoints.ParameterText(parameter.Value);
        }
        created.Digest = SimulatedDigest.For(created.Name + "|" + OllamaWireMapping.ParameterLines(created.Parameters));

        if (stream)
        {
            await response.WriteNdjsonLineAsync(new StatusLine { Status = "using existing layer sha256:" + OllamaWireMapping.DigestOf(baseModel) }).ConfigureAwait(false);
            await response.WriteNdjsonLineAsync(new StatusLine { Status = "using existing layer sha256:" + SimulatedDigest.For(baseModel.Name + "|template") }).ConfigureAwait(false);
            await response.WriteNdjsonLineAsync(new StatusLine { Status = "creating new layer sha256:" + SimulatedDigest.For(created.Digest + "|params") }).ConfigureAwait(false);
            await response.WriteNdjsonLineAsync(new StatusLine { Status = "writing manifest" }).ConfigureAwait(false);
        }
        simulator.Catalog.Add(created);
        await FinishAsync(response, stream, new StatusLine { Status = "success" }, 200).ConfigureAwait(false);
    }

    /// <summary>Ends a stream with a line, or answers a non-streamed request with one object.</summary>
    internal static Task FinishAsync(SimulatorResponse response, bool stream, StatusLine last, int statusIfNotStreamed) =>
        stream ? response.WriteNdjsonLineAsync(last) : response.WriteJsonAsync(statusIfNotStreamed, last);

    /// <summary>The name as /api/tags lists it: "devstral-64k" becomes "devstral-64k:latest".</summary>
    internal static string CanonicalName(string name) => OllamaModelName.WithDefaultTag(name);
}
