using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace LocalModels.ModuleBuilder;

/// <summary>
/// The shipped manifest is module/LocalModels.psd1 with two facts only the build knows: the version (Directory.Build.props,
/// the one place it is kept) and the list of every file in the module folder, which gallery packages carry.
/// </summary>
internal static class ManifestWriter
{
    private static readonly Regex Version = new(@"(?m)^(\s*ModuleVersion\s*=\s*)'[^']*'");
    private static readonly Regex FileList = new(@"(?m)^(\s*FileList\s*=\s*)@\([^)]*\)");

    public static string Write(string manifest, string version, IReadOnlyList<string> files)
    {
        if (!System.Version.TryParse(version, out _))
            throw new InvalidDataException($"'{version}' is not a module version (major.minor.build); set <ModuleVersion> in Directory.Build.props.");
        if (!Version.IsMatch(manifest)) throw new InvalidDataException("The manifest has no ModuleVersion = '...' line for the build to fill.");
        if (!FileList.IsMatch(manifest)) throw new InvalidDataException("The manifest has no FileList = @() line for the build to fill.");
        var list = "@(" + string.Join(", ", files.Select(f => "'" + f.Replace("'", "''", StringComparison.Ordinal) + "'")) + ")";
        manifest = Version.Replace(manifest, m => m.Groups[1].Value + "'" + version + "'", 1);
        return FileList.Replace(manifest, m => m.Groups[1].Value + list, 1);
    }

    /// <summary>Every file under the module folder, relative, with '/' separators, plus the manifest being written.</summary>
    public static IReadOnlyList<string> ModuleFiles(string moduleFolder, string manifestName) =>
        Directory.EnumerateFiles(moduleFolder, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(moduleFolder, path).Replace('\\', '/'))
            .Append(manifestName)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
}
