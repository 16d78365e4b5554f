using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LocalModels.Claude;
using LocalModels.Configuration;
using LocalModels.Errors;
using LocalModels.Ollama;
using LocalModels.Platform;

namespace LocalModels.Preflight;

/// <summary>
/// Checks, in order, everything the field report found that decides whether Claude Code can work on a local
/// model: server up and new enough, model present with tools, a context the model was trained for and large
/// enough for Claude Code's prompt, memory to hold weights + KV cache, and the claude executable.
/// A failed prerequisite skips the checks that depend on it.
/// </summary>
public sealed class PreflightRunner
{
    private const double MemoryWarnFraction = 0.75;
    private readonly OllamaClient _client;
    private readonly IPlatformFacts _platform;

    public PreflightRunner(OllamaClient client, IPlatformFacts platform)
    {
        _client = client;
        _platform = platform;
    }

    public IReadOnlyList<PreflightCheck> Run(string model, string? claudePath, CancellationToken cancellationToken)
    {
        var checks = new List<PreflightCheck>();
        void Add(string check, PreflightStatus status, string message, string advice = "") =>
            checks.Add(new PreflightCheck { Model = model, Check = check, Status = status, Message = message, Advice = advice });

        RunOllamaChecks(model, Add, cancellationToken);
        try
        {
            var claude = ClaudeLocator.Find(claudePath, _platform, cancellationToken);
            if (claude.Version is null)
                Add("ClaudeCode", PreflightStatus.Warn, $"Found {claude.Path}, but 'claude --version' did not answer.", "Run 'claude --version' yourself to see what is wrong.");
            else
                Add("ClaudeCode", PreflightStatus.Pass, $"Claude Code {claude.Version} at {claude.Path}.");
        }
        catch (LocalModelsException ex) when (ex.ErrorId == ErrorIds.ClaudeNotFound)
        {
            Add("ClaudeCode", PreflightStatus.Fail, "Claude Code was not found.", ex.Message);
        }
        return checks;
    }

    private void RunOllamaChecks(string model, Action<string, PreflightStatus, string, string> add, CancellationToken cancellationToken)
    {
        string version;
        bool simulated;
        try
        {
            var endpoint = LocalEndpoint.Connect(_client, cancellationToken);
            (version, simulated) = (endpoint.Version, endpoint.Simulated);
            add("OllamaReachable", PreflightStatus.Pass, $"Ollama answers at {_client.HostText}{(simulated ? " (the LocalModels simulator)" : "")}.", "");
        }
        catch (LocalModelsException ex)
        {
            add("OllamaReachable", PreflightStatus.Fail, $"Ollama does not answer at {_client.HostText}.",
                ex.ErrorId == ErrorIds.OllamaNotRunning ? OllamaErrors.NotRunningAdvice : ex.Message);
            return;
        }

        if (!OllamaVersion.TryParse(version, out var parsed))
            add("OllamaVersion", PreflightStatus.Warn, $"Ollama reports version '{version}', which could not be compared.", "Claude Code needs Ollama 0.14.0 or newer (the Anthropic /v1/messages endpoint).");
        else if (parsed < OllamaVersion.AnthropicApi)
            add("OllamaVersion", PreflightStatus.Fail, $"Ollama {version} has no Anthropic API (/v1/messages); Claude Code needs 0.14.0 or newer.", "Update Ollama from https://ollama.com/download.");
        else
            add("OllamaVersion", PreflightStatus.Pass, $"Ollama {version} serves the Anthropic API.", "");

        OllamaModelDetails details;
        try
        {
            details = Wait(_client.ShowAsync(model, cancellationToken));
            add("ModelPresent", PreflightStatus.Pass, $"'{model}' is installed.", "");
        }
        catch (LocalModelsException ex) when (ex.ErrorId is ErrorIds.OllamaModelNotFound or ErrorIds.InvalidModelName)
        {
            add("ModelPresent", PreflightStatus.Fail, $"'{model}' is not installed on {_client.HostText}.",
                ex.ErrorId == "OllamaModelNotFound" ? OllamaErrors.MissingModelAdvice(model) : ex.Message);
            return;
        }

        if (details.SupportsTools)
            add("ToolsCapability", PreflightStatus.Pass, $"'{model}' supports tools ({string.Join(", ", details.Capabilities)}).", "");
        else
            add("ToolsCapability", PreflightStatus.Fail, $"'{model}' has no 'tools' capability ({string.Join(", ", details.Capabilities)}); Ollama refuses Claude Code's requests with 'does not support tools'.",
                "Pick a model with tools, e.g. devstral-small-2 or qwen3-coder:30b (Get-OllamaModel | Where-Object SupportsTools).");

        IReadOnlyList<OllamaLoadedModel> loaded;
        try { loaded = Wait(_client.ListLoadedAsync(cancellationToken)); }
        catch (LocalModelsException) { loaded = Array.Empty<OllamaLoadedModel>(); }
        var report = new ContextResolver(_platform).Resolve(_client.BaseUri, details, loaded, cancellationToken);
        var requested = details.ConfiguredContextLength ?? report.EffectiveContextLength;
        var context = requested ?? report.LoadedContextLength;

        if (details.NativeContextLength is { } native && requested is { } wanted && wanted > native)
            add("NativeContext", PreflightStatus.Warn, $"The configured context {wanted} is above the native {native}; Ollama caps it at {native}.",
                $"Make an alias within the native length: New-OllamaModel -BaseModel {model} -ContextLength {native}.");
        else if (details.NativeContextLength is { } nativeOk)
            add("NativeContext", PreflightStatus.Pass, $"Native context {nativeOk}{(requested is { } r ? $" covers the configured {r}" : "")}.", "");
        else
            add("NativeContext", PreflightStatus.Warn, "The model does not report its native context length.", "Check the model card for its trained context.");

        var advice = $"Make a 64K alias: New-OllamaModel -BaseModel {model} -ContextLength {ContextLength.RecommendedMinimum} (or New-DevstralModelfile for devstral).";
        if (context is null)
            add("ContextLength", PreflightStatus.Warn, $"No context is configured ({report.Source}); Ollama picks 4096-262144 by VRAM, often far below Claude Code's needs. {ContextLength.RecommendedMinimumReason}.", advice);
        else if (ClaudeCodeContextBudget.WorkingRoom(context.Value) <= 0)
            add("ContextLength", PreflightStatus.Fail,
                $"Context {context} ({report.Source}) leaves Claude Code no working room: {ClaudeCodeContextBudget.Explain(context.Value)}. It would compact before every request, or refuse to send its first one (\"Prompt is too long\"); {ContextLength.RecommendedMinimumReason}.",
                advice);
        else if (context < ContextLength.RecommendedMinimum)
            add("ContextLength", PreflightStatus.Warn, $"Context {context} ({report.Source}) is below {ContextLength.RecommendedMinimum}: {ClaudeCodeContextBudget.Explain(context.Value)} before Claude Code compacts; {ContextLength.RecommendedMinimumReason}.", advice);
        else
            add("ContextLength", PreflightStatus.Pass, $"Context {context} ({report.Source}) meets the {ContextLength.RecommendedMinimum} minimum: {ClaudeCodeContextBudget.Explain(context.Value)} before Claude Code compacts.", "");

        AddMemoryCheck(details, context ?? ContextLength.RecommendedMinimum, context is null, simulated, add, cancellationToken);
    }

    /// <summary>
    /// Weights + KV cache against this machine's RAM. A simulated model loads no weights, so the estimate is only
    /// reported: it never warns or fails there, and says so.
    /// </summary>
    private void AddMemoryCheck(OllamaModelDetails details, int context, bool assumed, bool simulated,
        Action<string, PreflightStatus, string, string> add, CancellationToken cancellationToken)
    {
        var weights = Wait(_client.ListModelsAsync(cancellationToken)).FirstOrDefault(m => OllamaModelName.SameModel(m.Name, details.Name))?.Size;
        var ram = _platform.TotalMemoryBytes;
        if (weights is null || ram is not > 0)
        {
            add("Memory", PreflightStatus.Warn, "Memory could not be estimated (model size or this machine's RAM unknown).", "Watch 'ollama ps' when the model loads.");
            return;
        }
        var estimate = ModelMemoryEstimator.Estimate(weights.Value, context, details.ModelInfo);
        var (status, message, advice) = JudgeMemory(estimate, assumed, ram.Value, simulated);
        add("Memory", status, message, advice);
    }

    /// <summary>The Memory check's verdict for an estimate on a machine with this much RAM.</summary>
    internal static (PreflightStatus Status, string Message, string Advice) JudgeMemory(MemoryEstimate estimate, bool assumedContext, long ramBytes, bool simulated)
    {
        var fraction = (double)estimate.TotalBytes / ramBytes;
        var text = string.Format(CultureInfo.InvariantCulture, "About {0:0.0} GiB (weights {1:0.0} + KV cache {2} at {3}{4}) of {5:0.0} GiB RAM ({6:0}%).",
            Gib(estimate.TotalBytes), Gib(estimate.WeightsBytes), estimate.KvCacheBytes is { } kv ? Gib(kv).ToString("0.0", CultureInfo.InvariantCulture) : "unknown",
            estimate.ContextLength, assumedContext ? ", assumed" : "", Gib(ramBytes), fraction * 100);
        if (simulated)
            return (PreflightStatus.Pass, "Simulated: the simulator loads no weights, so this machine's memory is not at stake. The real model would need: " + text, "");
        if (fraction > 1)
            return (PreflightStatus.Fail, text + " It will not fit: expect swapping and stalls.", "Use a smaller context or a smaller model (Invoke-ClaudeLocal -Force starts it anyway).");
        if (fraction > MemoryWarnFraction)
            return (PreflightStatus.Warn, text + " Little room is left for the OS and Claude Code.", "Close other programs, or use a smaller context or model.");
        return (PreflightStatus.Pass, text, "");
    }

    private static double Gib(long bytes) => bytes / (1024.0 * 1024 * 1024);

    private static T Wait<T>(Task<T> task) => task.GetAwaiter().GetResult();
}
