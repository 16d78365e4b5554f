using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using LocalModels.Simulation;
using Xunit;

namespace LocalModels.Tests.Simulation;

public sealed class SampleRepositoryTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "lm-sample-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void Extracts_a_small_typescript_cli_with_its_manifest_sources_and_tests()
    {
        var written = SampleRepository.ExtractTo(_directory);

        Assert.InRange(written.Count, 10, 15);
        Assert.Equal(SampleRepository.Files.Count, written.Count);
        foreach (var relative in new[] { "README.md", "package.json", "tsconfig.json", "src/cli.ts", "src/count.ts", "tests/count.test.ts" })
            Assert.True(File.Exists(Path.Combine(_directory, relative)), relative);
        Assert.DoesNotContain(SampleRepository.Files, f => f.Contains('\\') || f.EndsWith(".cs", StringComparison.Ordinal));

        using var package = JsonDocument.Parse(File.ReadAllText(Path.Combine(_directory, "package.json")));
        var scripts = package.RootElement.GetProperty("scripts").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("build", scripts);
        Assert.Contains("test", scripts);
        Assert.Contains("lint", scripts);
    }

    [Fact]
    public void Extracting_twice_overwrites_cleanly()
    {
        SampleRepository.ExtractTo(_directory);
        File.WriteAllText(Path.Combine(_directory, "README.md"), "changed");

        SampleRepository.ExtractTo(_directory);

        Assert.StartsWith("# wordtally", File.ReadAllText(Path.Combine(_directory, "README.md")));
    }
}
