using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace LocalModels.Ollama;

/// <summary>Combines /api/tags and /api/show into the typed <see cref="OllamaModel"/> Get-OllamaModel emits.</summary>
public static class OllamaModelReader
{
    public static async Task<OllamaModel> DescribeAsync(OllamaClient client, OllamaModelListing listing, CancellationToken cancellationToken)
    {
        var details = await client.ShowAsync(listing.Name, cancellationToken).ConfigureAwait(false);
        var capabilities = details.Capabilities.Count > 0 ? details.Capabilities : listing.Capabilities ?? Array.Empty<string>();
        return new OllamaModel
        {
            Name = listing.Name,
            Model = listing.Model,
            Size = listing.Size,
            ParameterSize = listing.ParameterSize ?? details.ParameterSize ?? "",
            Quantization = listing.QuantizationLevel ?? details.QuantizationLevel ?? "",
            Family = listing.Family ?? details.Family ?? "",
            Capabilities = string.Join(", ", capabilities),
            SupportsTools = capabilities.Contains("tools", StringComparer.OrdinalIgnoreCase),
            NativeContextLength = details.NativeContextLength,
            ConfiguredContextLength = details.ConfiguredContextLength,
            ModifiedAt = listing.ModifiedAt ?? details.ModifiedAt,
            Digest = listing.Digest,
            OllamaHost = client.HostText,
        };
    }

    /// <summary>The installed model of that name ("x" finds "x:latest"), described; throws OllamaModelNotFound.</summary>
    public static async Task<OllamaModel> DescribeAsync(OllamaClient client, string name, CancellationToken cancellationToken)
    {
        var listings = await client.ListModelsAsync(cancellationToken).ConfigureAwait(false);
        var listing = listings.FirstOrDefault(l => OllamaModelName.SameModel(l.Name, name))
            ?? throw OllamaErrors.ModelNotFound(name, client.BaseUri);
        return await DescribeAsync(client, listing, cancellationToken).ConfigureAwait(false);
    }
}
