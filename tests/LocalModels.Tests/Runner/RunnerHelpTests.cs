using System.Linq;
using LocalModels.Tests.Hosting;
using Xunit;

namespace LocalModels.Tests.Runner;

public sealed class RunnerHelpTests
{
    [Theory]
    [InlineData("Measure-ModelRun", "disposable copy", "New-DevstralModelfile | Measure-ModelRun")]
    [InlineData("Invoke-ClaudeLocal", "keeps it local", "Invoke-ClaudeLocal devstral-64k")]
    public void Get_Help_shows_the_synopsis_parameters_and_examples(string cmdlet, string synopsisPart, string exampleCode)
    {
        using var session = new PowerShellSession();
        var help = session.RunOk("$h = Get-Help $args[0] -Full; $h.Synopsis; ($h.Examples.Example | ForEach-Object { $_.Code }) -join \"`n\"; ($h.Parameters.Parameter | ForEach-Object { $_.Name }) -join ','", cmdlet)
            .Select(o => o.ToString()).ToList();
        Assert.Contains(synopsisPart, help[0]);
        Assert.Contains(exampleCode, help[1]);
        Assert.Contains("OllamaHost", help[2]);
        Assert.Contains("ClaudePath", help[2]);
    }
}
