using System;
using System.Text.Json;
using System.Threading.Tasks;
using LocalModels.Ollama;

namespace LocalModels.Simulation.Ollama;

/// <summary>
/// POST /api/pull: downloads a model from the simulator's <see cref="OllamaSimulator.Library"/>, streaming
/// "pulling manifest", per-layer "pulling &lt;digest&gt;" lines with total/completed, verification and "success".
/// </summary>
internal static class OllamaPullHandler
{
    private const int ChunksPerLayer = 4;

    public static async Task HandleAsync(OllamaSimulator simulator, SimulatorRequest request, SimulatorResponse response)
    {
        if (!OllamaApiEndpoints.TryReadModel(request, out var name, out var problem) || !OllamaModelName.IsValid(name))
        {
            await OllamaApiEndpoints.WriteErrorAsync(response, 400, problem.Length > 0 ? problem : "invalid model name").ConfigureAwait(false);
            return;
        }
        using var document = request.TryParseJson();
        var stream = OllamaApiEndpoints.WantsStream(document!.RootElement);
        if (stream) response.BeginStream(200, "application/x-ndjson");
        if (stream) await response.WriteNdjsonLineAsync(new StatusLine { Status = "pulling manifest" }).ConfigureAwait(false);

        if (!simulator.Library.TryGet(name, out var source))
        {
            await OllamaCreateHandler.FinishAsync(response, stream, new StatusLine { Error = "pull model manifest: file does not exist" }, 500).ConfigureAwait(false);
            return;
        }

        if (stream)
        {
            var weights = OllamaWireMapping.DigestOf(source);
            await StreamLayerAsync(response, weights, source.SizeBytes).ConfigureAwait(false);
            await StreamLayerAsync(response, SimulatedDigest.For(source.Name + "|template"), 1_462).ConfigureAwait(false);
            await StreamLayerAsync(response, SimulatedDigest.For(source.Name + "|license"), 11_356).ConfigureAwait(false);
            await response.WriteNdjsonLineAsync(new StatusLine { Status = "verifying sha256 digest" }).ConfigureAwait(false);
            await response.WriteNdjsonLineAsync(new StatusLine { Status = "writing manifest" }).ConfigureAwait(false);
            await response.WriteNdjsonLineAsync(new StatusLine { Status = "removing any unused layers" }).ConfigureAwait(false);
        }
        var installed = source.Clone(source.Name);
        installed.Digest = source.Digest;
        simulator.Catalog.Add(installed);
        await OllamaCreateHandler.FinishAsync(response, stream, new StatusLine { Status = "success" }, 200).ConfigureAwait(false);
    }

    private static async Task StreamLayerAsync(SimulatorResponse response, string digest, long total)
    {
        for (var chunk = 1; chunk <= ChunksPerLayer; chunk++)
        {
            await response.WriteNdjsonLineAsync(new StatusLine
            {
                Status = "pulling " + digest.Substring(0, 12),
                Digest = "sha256:" + digest,
                Total = total,
                Completed = total * chunk / ChunksPerLayer,
            }).ConfigureAwait(false);
        }
    }
}
