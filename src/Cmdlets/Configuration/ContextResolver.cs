using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using LocalModels.Ollama;
using LocalModels.Platform;

namespace LocalModels.Configuration;

/// <summary>
/// Works out which setting decides the context (see docs/ollama.md):
/// model num_ctx > desktop app setting (non-zero) > OLLAMA_CONTEXT_LENGTH > automatic, capped at native.
/// Server-side settings are read from this machine, so they only describe a server on localhost.
/// </summary>
public sealed class ContextResolver
{
    private readonly IPlatformFacts _platform;

    public ContextResolver(IPlatformFacts platform) => _platform = platform;

    public OllamaContextReport Resolve(Uri ollamaHost, OllamaModelDetails? model, IReadOnlyList<OllamaLoadedModel> loaded, CancellationToken cancellationToken)
    {
        var local = ollamaHost.IsLoopback || string.Equals(ollamaHost.Host, "localhost", StringComparison.OrdinalIgnoreCase);
        var app = local ? new DesktopAppSettings(_platform).Read(cancellationToken) : null;
        var environment = local ? new ServerContextStore(_platform).Read(cancellationToken) : null;
        var modelContext = model?.ConfiguredContextLength;
        var native = model?.NativeContextLength;
        var loadedContext = model is null ? null : loaded.FirstOrDefault(l => OllamaModelName.SameModel(l.Name, model.Name))?.ContextLength;

        ContextSource source;
        int? effective;
        if (modelContext is { } fromModel) { source = ContextSource.Model; effective = fromModel; }
        else if (app?.Value is > 0) { source = ContextSource.DesktopApp; effective = app.Value; }
        else if (environment is { } fromEnvironment) { source = ContextSource.ServerEnvironment; effective = fromEnvironment; }
        else { source = ContextSource.Automatic; effective = null; }
        if (effective is { } value && native is { } nativeValue && value > nativeValue) effective = (int)nativeValue;

        var message = source switch
        {
            ContextSource.Model => $"The model's own num_ctx ({modelContext}) decides; server settings do not apply to it.",
            ContextSource.DesktopApp => $"The Ollama app's Context length setting ({app!.Value}) decides; it overrides OLLAMA_CONTEXT_LENGTH.",
            ContextSource.ServerEnvironment => $"OLLAMA_CONTEXT_LENGTH={environment} ({new ServerContextStore(_platform).Location}) decides, after a server restart.",
            _ when !local => "The server is not on this machine, so its settings cannot be read here; Ollama picks 4096, 32768 or 262144 by VRAM unless the server sets OLLAMA_CONTEXT_LENGTH.",
            _ => "Nothing sets the context: Ollama picks it by VRAM (4096 below 23 GiB, 32768 below 47 GiB, else 262144). Set one with Set-OllamaContext or New-DevstralModelfile.",
        };
        if (effective is not null && native is { } cap && effective == cap && (modelContext ?? app?.Value ?? environment) > cap)
            message += $" Capped at the native length {cap}.";
        if (loadedContext is { } running && effective is { } expected && running != expected)
            message += $" The loaded instance still runs at {running}; it picks up {expected} when it is loaded again.";

        return new OllamaContextReport
        {
            Model = model?.Name ?? "",
            EffectiveContextLength = effective,
            Source = source,
            ModelContextLength = modelContext,
            DesktopAppContextLength = app?.Value,
            ServerEnvironmentContextLength = environment,
            NativeContextLength = native,
            LoadedContextLength = loadedContext,
            OllamaHost = ollamaHost.GetLeftPart(UriPartial.Authority),
            Message = message,
        };
    }
}
