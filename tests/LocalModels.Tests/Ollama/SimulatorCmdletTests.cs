using System;
using System.Linq;
using System.Management.Automation;
using LocalModels.Completers;
using LocalModels.Tests.Hosting;
using Xunit;

namespace LocalModels.Tests.Ollama;

public sealed class SimulatorCmdletTests : IDisposable
{
    private readonly PowerShellSession _session = new();

    public void Dispose() => _session.Dispose();

    [Fact]
    public void Start_Get_and_Stop_manage_a_simulator()
    {
        var info = (OllamaSimulatorInfo)_session.RunOk("Start-OllamaSimulator").Single().BaseObject;
        try
        {
            Assert.StartsWith("http://127.0.0.1:", info.BaseUri);
            Assert.Equal(_session.RunOk("Get-OllamaModel -OllamaHost $args[0]", info.BaseUri).Count, info.ModelCount);
            Assert.Contains(_session.RunOk("Get-OllamaSimulator"), o => ((OllamaSimulatorInfo)o.BaseObject).Port == info.Port);
            Assert.Single(_session.RunOk("Get-OllamaModel devstral-small-2 -OllamaHost $args[0]", info.BaseUri));
            Assert.True(System.IO.File.Exists(System.IO.Path.Combine(info.SampleRepository, "package.json")), "the sample repository is extracted");
        }
        finally
        {
            _session.RunOk("Get-OllamaSimulator -Port $args[0] | Stop-OllamaSimulator", info.Port);
        }
        Assert.DoesNotContain(_session.RunOk("Get-OllamaSimulator"), o => ((OllamaSimulatorInfo)o.BaseObject).Port == info.Port);
        Assert.False(System.IO.Directory.Exists(info.SampleRepository), "Stop-OllamaSimulator removes its sample repository");
        Assert.Equal("SimulatorNotFound,LocalModels.Commands.StopOllamaSimulatorCommand", _session.Run("Stop-OllamaSimulator -Port $args[0]", info.Port).FirstErrorId);
    }

    [Fact]
    public void Completer_lists_models_from_the_host_on_the_command_line()
    {
        using var scope = new SimulatorScope();
        var script = $"$line = 'Get-OllamaModel -OllamaHost {scope.Host} -Name qwen'; (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText";
        var completions = _session.RunOk(script).Select(o => o.ToString()).ToList();
        Assert.Equal(new[] { "qwen3-coder:30b", "qwen3:0.6b" }, completions);
    }

    [Fact]
    public void Completer_is_silent_and_quick_when_the_server_is_down()
    {
        var completer = new ModelNameCompleter();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var results = completer.CompleteArgument("Get-OllamaModel", "Name", "dev", null!, new System.Collections.Hashtable { ["OllamaHost"] = SimulatorScope.ClosedHost() });
        Assert.Empty(results);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3));
    }

    [Fact]
    public void Completer_is_attached_to_model_parameters()
    {
        foreach (var (command, parameter) in new[] { ("Get-OllamaModel", "Name"), ("New-OllamaModel", "BaseModel"), ("Remove-OllamaModel", "Name"),
                     ("Set-OllamaContext", "Model"), ("Test-ClaudeLocal", "Model"), ("Get-OllamaContext", "Model"), ("New-DevstralModelfile", "BaseModel") })
        {
            var attributes = _session.RunOk("(Get-Command $args[0]).Parameters[$args[1]].Attributes", command, parameter);
            Assert.Contains(attributes, a => a.BaseObject is ArgumentCompleterAttribute c && c.Type == typeof(ModelNameCompleter));
        }
    }

    [Theory]
    [InlineData("Get-OllamaModel")]
    [InlineData("New-OllamaModel")]
    [InlineData("New-DevstralModelfile")]
    [InlineData("Remove-OllamaModel")]
    [InlineData("Install-OllamaModel")]
    [InlineData("Get-OllamaContext")]
    [InlineData("Set-OllamaContext")]
    [InlineData("Test-ClaudeLocal")]
    [InlineData("Start-OllamaSimulator")]
    [InlineData("Get-OllamaSimulator")]
    [InlineData("Stop-OllamaSimulator")]
    public void Help_has_a_synopsis_and_examples(string command)
    {
        var synopsis = _session.RunOk("(Get-Help $args[0]).Synopsis", command).Single().ToString();
        Assert.False(string.IsNullOrWhiteSpace(synopsis));
        Assert.DoesNotContain(command + " ", synopsis.TrimStart()); // not the auto-generated syntax line
        Assert.NotEmpty(_session.RunOk("(Get-Help $args[0]).Examples.Example", command));
    }

    [Theory]
    [InlineData(typeof(OllamaModel))]
    [InlineData(typeof(OllamaLoadedModel))]
    [InlineData(typeof(OllamaModelDefinition))]
    [InlineData(typeof(OllamaContextSetting))]
    [InlineData(typeof(OllamaContextReport))]
    [InlineData(typeof(PreflightCheck))]
    [InlineData(typeof(OllamaSimulatorInfo))]
    [InlineData(typeof(OllamaPoolHost))]
    public void Each_output_type_has_a_table_view_naming_real_properties(Type type)
    {
        // The hosted engine has no Format-Table/Out-String, so the built view file is checked directly.
        var views = System.Xml.Linq.XDocument.Load(System.IO.Path.Combine(RepositoryPaths.Root, "out", "LocalModels", "LocalModels.Format.ps1xml"));
        var view = views.Descendants("View").Single(v => v.Element("ViewSelectedBy")!.Element("TypeName")!.Value == type.FullName);
        var properties = view.Descendants("PropertyName").Select(p => p.Value).ToList();
        Assert.NotEmpty(properties);
        Assert.All(properties, p => Assert.NotNull(type.GetProperty(p)));
    }
}
