using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using LocalModels.Errors;
using LocalModels.Ollama;

namespace LocalModels.Configuration;

/// <summary>
/// Makes a model with a fixed context window (what Claude Code needs, since /v1/messages cannot pass num_ctx):
/// validates names and the context against the base's native length, optionally writes the Modelfile people
/// keep, and registers the model through /api/create with from + parameters.
/// </summary>
public sealed class ModelAliasCreator
{
    private readonly OllamaClient _client;

    public ModelAliasCreator(OllamaClient client) => _client = client;

    /// <summary>"&lt;base&gt;-64k", keeping a non-latest tag: qwen3-coder:30b at 65536 gives "qwen3-coder-30b-64k".</summary>
    public static string DefaultName(string baseModel, int contextLength)
    {
        var lastSegment = baseModel.Substring(baseModel.LastIndexOf('/') + 1);
        var colon = lastSegment.IndexOf(':');
        var stem = colon < 0 ? lastSegment : lastSegment.Substring(0, colon);
        var tag = colon < 0 ? "latest" : lastSegment.Substring(colon + 1);
        var tagPart = string.Equals(tag, "latest", StringComparison.OrdinalIgnoreCase) ? "" : "-" + tag;
        return $"{stem}{tagPart}-{ContextLength.ShortName(contextLength)}";
    }

    public async Task<ModelAliasPlan> PlanAsync(string baseModel, int contextLength, string name, CancellationToken cancellationToken)
    {
        ContextLength.Validate(contextLength);
        OllamaModelName.Validate(name);
        OllamaModelName.Validate(baseModel);
        var baseDetails = await _client.ShowAsync(baseModel, cancellationToken).ConfigureAwait(false);
        ContextLength.EnsureWithinNative(contextLength, baseDetails.NativeContextLength, baseModel);
        OllamaModelDetails? existing = null;
        if (!OllamaModelName.SameModel(name, baseModel))
        {
            try { existing = await _client.ShowAsync(name, cancellationToken).ConfigureAwait(false); }
            catch (Errors.LocalModelsException ex) when (ex.ErrorId == ErrorIds.OllamaModelNotFound) { }
        }
        else
        {
            existing = baseDetails;
        }
        return new ModelAliasPlan(name, baseModel, contextLength, baseDetails.NativeContextLength, existing is not null, existing?.ConfiguredContextLength);
    }

    public Task CreateAsync(ModelAliasPlan plan, Action<OllamaProgress>? onProgress, CancellationToken cancellationToken) =>
        _client.CreateAsync(plan.Name, plan.BaseModel, new Dictionary<string, object> { ["num_ctx"] = plan.ContextLength }, onProgress, cancellationToken);

    /// <summary>The Modelfile `ollama create NAME -f FILE` reads for the same model.</summary>
    public static string ModelfileText(string baseModel, int contextLength) =>
        new StringBuilder()
            .Append("FROM ").Append(baseModel).Append('\n')
            .Append("PARAMETER num_ctx ").Append(contextLength).Append('\n')
            .ToString();

    /// <summary>
    /// Where a model's Modelfile goes. A path names a file only when its last part looks like one: it has an
    /// extension (devstral.Modelfile) or is called Modelfile. Anything else is a folder, with or without a trailing
    /// separator, so one -ModelfilePath serves a pipeline of several models; each gets "&lt;name&gt;.Modelfile" in it.
    /// </summary>
    public static string ResolveModelfilePath(string path, string modelName)
    {
        var full = Path.GetFullPath(path);
        if (NamesAFile(path)) return full;
        if (File.Exists(full.TrimEnd('/', '\\')))
            throw new LocalModelsException("ModelfileWriteFailed", ErrorKind.ResourceExists,
                $"'{full.TrimEnd('/', '\\')}' is a file, so it cannot hold Modelfiles as a folder. Remove it, or give -ModelfilePath a folder or a file name ending in .Modelfile.",
                path);
        var fileName = modelName.Replace(':', '-').Replace('/', '-') + ".Modelfile";
        return Path.Combine(full, fileName);
    }

    private static bool NamesAFile(string path)
    {
        if (path.EndsWith("/", StringComparison.Ordinal) || path.EndsWith("\\", StringComparison.Ordinal) || Directory.Exists(path)) return false;
        var name = Path.GetFileName(path);
        return Path.HasExtension(name) || string.Equals(name, "Modelfile", StringComparison.OrdinalIgnoreCase);
    }

    public static void WriteModelfile(string fullPath, string baseModel, int contextLength)
    {
        var directory = Path.GetDirectoryName(fullPath);
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        File.WriteAllText(fullPath, ModelfileText(baseModel, contextLength), new UTF8Encoding(false));
    }
}
