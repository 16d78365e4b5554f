using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace LocalModels.Verification.Manifests;

/// <summary>What a package.json declares: scripts, workspaces, bins and entry file, dependency names.</summary>
internal sealed class PackageJson
{
    private PackageJson() { }

    public string? Name { get; private set; }
    public IReadOnlyList<string> Scripts { get; private set; } = Array.Empty<string>();
    public IReadOnlyList<string> Workspaces { get; private set; } = Array.Empty<string>();
    /// <summary>Command name to file ("wordtally" to "dist/src/cli.js").</summary>
    public IReadOnlyDictionary<string, string> Bins { get; private set; } = new Dictionary<string, string>();
    public string? Main { get; private set; }
    public IReadOnlyList<string> Dependencies { get; private set; } = Array.Empty<string>();

    /// <summary>The manifest at <paramref name="relative"/>; an unreadable one declares nothing.</summary>
    public static PackageJson Read(RepositoryIndex repository, string relative) =>
        repository.Parsed("package.json:" + relative, () => Parse(repository, relative));

    private static PackageJson Parse(RepositoryIndex repository, string relative)
    {
        var result = new PackageJson();
        try
        {
            using var document = JsonDocument.Parse(repository.Read(relative), new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return result;
            result.Name = String(root, "name");
            result.Scripts = Keys(root, "scripts");
            result.Main = String(root, "main");
            result.Dependencies = Keys(root, "dependencies").Concat(Keys(root, "devDependencies")).Concat(Keys(root, "peerDependencies")).Concat(Keys(root, "optionalDependencies")).ToList();
            if (root.TryGetProperty("workspaces", out var workspaces))
            {
                if (workspaces.ValueKind == JsonValueKind.Object && workspaces.TryGetProperty("packages", out var packages)) workspaces = packages;
                if (workspaces.ValueKind == JsonValueKind.Array)
                    result.Workspaces = workspaces.EnumerateArray().Where(w => w.ValueKind == JsonValueKind.String).Select(w => w.GetString()!).ToList();
            }
            if (root.TryGetProperty("bin", out var bin))
            {
                var bins = new Dictionary<string, string>(StringComparer.Ordinal);
                if (bin.ValueKind == JsonValueKind.String && result.Name is { } name) bins[name.Split('/').Last()] = bin.GetString()!;
                else if (bin.ValueKind == JsonValueKind.Object)
                    foreach (var entry in bin.EnumerateObject().Where(e => e.Value.ValueKind == JsonValueKind.String)) bins[entry.Name] = entry.Value.GetString()!;
                result.Bins = bins;
            }
        }
        catch (JsonException)
        {
            // Not JSON: declares nothing.
        }
        return result;
    }

    private static string? String(JsonElement root, string property) =>
        root.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static List<string> Keys(JsonElement root, string property) =>
        root.TryGetProperty(property, out var section) && section.ValueKind == JsonValueKind.Object
            ? section.EnumerateObject().Select(p => p.Name).ToList()
            : new List<string>();
}
