using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace LocalModels.Simulation;

/// <summary>
/// A small TypeScript CLI project (wordtally: README, package.json with build/test/lint scripts, src/, tests/,
/// docs/) bundled in the module, so a benchmark or a dry run has a repository to /init without touching the
/// user's own code. Embedded as LocalModels.SampleRepository/&lt;relative path&gt;.
/// </summary>
public static class SampleRepository
{
    private const string ResourcePrefix = "LocalModels.SampleRepository/";

    /// <summary>Relative paths of the bundled files, with '/' separators.</summary>
    public static IReadOnlyList<string> Files =>
        ResourceNames().Select(name => Normalize(name.Substring(ResourcePrefix.Length))).OrderBy(p => p, StringComparer.Ordinal).ToList();

    /// <summary>Writes the repository into <paramref name="directory"/> (created if needed); returns the files written.</summary>
    public static IReadOnlyList<string> ExtractTo(string directory)
    {
        if (string.IsNullOrWhiteSpace(directory)) throw new ArgumentException("A target directory is required.", nameof(directory));
        var assembly = typeof(SampleRepository).Assembly;
        var root = Path.GetFullPath(directory);
        var written = new List<string>();
        foreach (var resource in ResourceNames())
        {
            var relative = Normalize(resource.Substring(ResourcePrefix.Length));
            var target = Path.GetFullPath(Path.Combine(root, relative.Replace('/', Path.DirectorySeparatorChar)));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            using (var source = assembly.GetManifestResourceStream(resource)!)
            using (var file = File.Create(target))
            {
                source.CopyTo(file);
            }
            written.Add(target);
        }
        return written;
    }

    private static IEnumerable<string> ResourceNames() =>
        typeof(SampleRepository).Assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal));

    // MSBuild's RecursiveDir uses the build machine's separator.
    private static string Normalize(string path) => path.Replace('\\', '/');
}
