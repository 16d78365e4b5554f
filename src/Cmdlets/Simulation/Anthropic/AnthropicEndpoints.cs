using System;
using System.Linq;
using System.Threading.Tasks;
using LocalModels.Ollama;
using LocalModels.Simulation.Behaviors;

namespace LocalModels.Simulation.Anthropic;

/// <summary>
/// The Anthropic Messages endpoint (POST /v1/messages) as Ollama serves it: validation and error bodies as Ollama
/// gives them, the tool-support check from the catalogue, the model loaded on first use, and the answer itself
/// from the model's scripted behaviour.
/// </summary>
internal static class AnthropicEndpoints
{
    public static void Map(SimulatorServer server, OllamaSimulator simulator) =>
        server.Map("POST", "/v1/messages", (request, response) => HandleAsync(simulator, request, response));

    private static async Task HandleAsync(OllamaSimulator simulator, SimulatorRequest request, SimulatorResponse response)
    {
        var messages = MessagesRequest.TryParse(request.Body);
        if (messages is null)
        {
            await AnthropicError.WriteAsync(response, 400, "invalid request body: expected a JSON object").ConfigureAwait(false);
            return;
        }
        if (messages.ValidationError() is { } validation)
        {
            await AnthropicError.WriteAsync(response, 400, validation).ConfigureAwait(false);
            return;
        }
        if (!simulator.Catalog.TryGet(messages.Model!, out var model))
        {
            await AnthropicError.WriteAsync(response, 404, $"model '{messages.Model}' not found").ConfigureAwait(false);
            return;
        }
        if (messages.ToolNames.Count > 0 && !model.Capabilities.Contains("tools", StringComparer.Ordinal))
        {
            await AnthropicError.WriteAsync(response, 400, $"{OllamaModelName.FullyQualified(model.Name)} does not support tools").ConfigureAwait(false);
            return;
        }

        var loaded = simulator.Catalog.Loaded.FirstOrDefault(entry => entry.Model.Name == model.Name) ?? simulator.LoadModel(model.Name);
        // Past num_ctx Ollama answers anyway, from what it kept, and reports only that as input tokens.
        var prompt = ContextTruncation.Fit(messages, loaded.ContextLength);
        var sessionKey = request.Recorded.Headers.TryGetValue("X-Claude-Code-Session-Id", out var session) ? session : "";
        var state = ConversationState.From(prompt.Request, sessionKey, prompt.LostTask);
        var turn = BehaviorPlayer.NextTurn(simulator.Behaviors.For(model), state);
        var writer = new MessageStreamWriter(response, messages.Model!, prompt.PromptTokens, simulator.DelayScale, request.ServerStopping);
        if (messages.Stream)
            await writer.StreamAsync(turn).ConfigureAwait(false);
        else
            await writer.WriteMessageAsync(turn).ConfigureAwait(false);
    }
}
