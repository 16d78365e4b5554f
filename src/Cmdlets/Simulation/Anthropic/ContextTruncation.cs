using System;
using System.Collections.Generic;
using System.Linq;

namespace LocalModels.Simulation.Anthropic;

/// <summary>
/// What Ollama does with a chat prompt longer than the model's num_ctx: no error. It drops the oldest messages
/// whole until the prompt fits, always keeping the system messages and the last message; when those alone are still
/// too long, the runner cuts the rendered prompt (a few leading tokens and the tail survive), so the model sees
/// neither its system prompt nor its tools. The usage it reports is what it kept.
/// </summary>
public static class ContextTruncation
{
    /// <summary>Tokens the runner keeps from the start of a prompt it cuts (Ollama logs keep=4 or 5).</summary>
    public const int CutKeepTokens = 5;

    /// <summary>Fits <paramref name="request"/> into <paramref name="contextLength"/> tokens as Ollama would.</summary>
    public static TruncatedPrompt Fit(MessagesRequest request, int contextLength)
    {
        var messages = request.Messages;
        var total = request.FixedTokens + messages.Sum(m => m.Tokens);
        var task = TaskMessageIndex(messages);
        if (total <= contextLength || messages.Count == 0)
            return new TruncatedPrompt(request, total, 0, false, false);

        // The first kept non-system message moves forward until the rest fits; system messages before it stay.
        var last = messages.Count - 1;
        for (var first = 1; first <= last; first++)
        {
            var kept = Enumerable.Range(0, messages.Count).Where(i => i >= first || messages[i].IsSystem).ToList();
            var tokens = request.FixedTokens + kept.Sum(i => messages[i].Tokens);
            if (tokens > contextLength) continue;
            var dropped = messages.Count - kept.Count;
            var lostTask = task >= 0 && !kept.Contains(task);
            return new TruncatedPrompt(request.WithMessages(kept.Select(i => messages[i]).ToList(), false), tokens, dropped, false, lostTask);
        }

        // Even the system messages and the last message do not fit: only the tail of the prompt, the last message, is left.
        return new TruncatedPrompt(request.WithMessages(new[] { messages[last] }, true), contextLength, last, true, task >= 0 && task != last);
    }

    /// <summary>The message that states the task: the first user message with text of its own (not only tool results).</summary>
    public static int TaskMessageIndex(IReadOnlyList<ConversationMessage> messages)
    {
        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i];
            if (message.Role == "user" && message.Text.Trim().Length > 0) return i;
        }
        return -1;
    }
}

/// <summary>
/// The prompt a model actually saw. <see cref="PromptTokens"/> is what Ollama reports as input tokens; a
/// <see cref="LostTask"/> prompt no longer holds the message that said what to do.
/// </summary>
public sealed record TruncatedPrompt(MessagesRequest Request, int PromptTokens, int DroppedMessages, bool Cut, bool LostTask)
{
    public bool Truncated => DroppedMessages > 0 || Cut;
}
