using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation.Language;
using System.Text;
using LocalModels.Tests.Hosting;
using Xunit;

namespace LocalModels.Tests;

/// <summary>
/// The Pester suite and the examples run in real pwsh (test.sh); here, in the quick .NET suite, every script must at
/// least parse with the real PowerShell parser, and stay ASCII so PSScriptAnalyzer's BOM rule holds without a byte-order mark.
/// </summary>
public sealed class ScriptFileTests
{
    public static IEnumerable<object[]> Scripts() =>
        new[] { "examples", Path.Combine("tests", "Pester") }
            .Select(folder => Path.Combine(RepositoryPaths.Root, folder))
            .Where(Directory.Exists)
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*.ps*1", SearchOption.AllDirectories))
            .Select(path => new object[] { Path.GetRelativePath(RepositoryPaths.Root, path) });

    [Theory]
    [MemberData(nameof(Scripts))]
    public void Script_parses_without_errors(string relativePath)
    {
        Parser.ParseFile(Path.Combine(RepositoryPaths.Root, relativePath), out _, out var errors);
        Assert.True(errors.Length == 0, string.Join("\n", errors.Select(e => $"{e.Extent.StartLineNumber}: {e.Message}")));
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public void Script_is_plain_ascii(string relativePath)
    {
        var bytes = File.ReadAllBytes(Path.Combine(RepositoryPaths.Root, relativePath));
        var line = 1;
        foreach (var b in bytes)
        {
            Assert.True(b < 0x80, $"{relativePath}:{line} has a non-ASCII byte; PSScriptAnalyzer wants a BOM then. Keep scripts ASCII.");
            if (b == (byte)'\n') line++;
        }
    }
}
