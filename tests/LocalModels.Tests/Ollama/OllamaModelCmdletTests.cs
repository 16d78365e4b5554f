using System;
using System.Linq;
using LocalModels.Configuration;
using LocalModels.Ollama;
using LocalModels.Tests.Hosting;
using Xunit;

namespace LocalModels.Tests.Ollama;

/// <summary>Get-/New-/Remove-/Install-OllamaModel and New-DevstralModelfile through the real engine.</summary>
public sealed class OllamaModelCmdletTests : IDisposable
{
    private readonly SimulatorScope _scope = new();
    private readonly PowerShellSession _session = new();

    public void Dispose()
    {
        _session.Dispose();
        _scope.Dispose();
    }

    private string Host => _scope.Host;

    [Fact]
    public void Get_OllamaModel_emits_typed_models_with_tools_and_context()
    {
        var models = _session.RunOk("Get-OllamaModel -OllamaHost $args[0]", Host);
        Assert.Equal(_scope.Simulator.Catalog.Models.Count, models.Count);
        var devstral = (OllamaModel)models.Single(m => ((OllamaModel)m.BaseObject).Name == "devstral-small-2:latest").BaseObject;
        Assert.True(devstral.SupportsTools);
        Assert.Equal(262144, devstral.NativeContextLength);
        Assert.Null(devstral.ConfiguredContextLength);
        Assert.Equal("completion, tools, vision", devstral.Capabilities);
        Assert.Equal(Host, devstral.OllamaHost);
        var deepseek = (OllamaModel)models.Single(m => ((OllamaModel)m.BaseObject).Name == "deepseek-r1:32b").BaseObject;
        Assert.False(deepseek.SupportsTools);
    }

    [Fact]
    public void Get_OllamaModel_filters_by_name_and_wildcard()
    {
        Assert.Single(_session.RunOk("Get-OllamaModel devstral-small-2 -OllamaHost $args[0]", Host));
        Assert.Equal(2, _session.RunOk("Get-OllamaModel qwen3* -OllamaHost $args[0]", Host).Count);
        var none = _session.Run("Get-OllamaModel nothing* -OllamaHost $args[0]", Host);
        Assert.Empty(none.Output);
        Assert.Empty(none.Errors);
        var missing = _session.Run("Get-OllamaModel nothing -OllamaHost $args[0]", Host);
        Assert.Equal("OllamaModelNotFound,LocalModels.Commands.GetOllamaModelCommand", missing.FirstErrorId);
    }

    [Fact]
    public void Get_OllamaModel_Loaded_shows_the_processor_split()
    {
        _scope.Simulator.Catalog.TryGet("devstral-small-2", out var model);
        model.CpuPercent = 8;
        _scope.Simulator.LoadModel("devstral-small-2", 65536);
        var loaded = (OllamaLoadedModel)_session.RunOk("Get-OllamaModel -Loaded -OllamaHost $args[0]", Host).Single().BaseObject;
        Assert.Equal(65536, loaded.ContextLength);
        Assert.Equal("8%/92% CPU/GPU", loaded.Processor);
    }

    [Fact]
    public void OLLAMA_HOST_is_used_when_no_OllamaHost_is_given()
    {
        var models = _session.RunOk("$env:OLLAMA_HOST = $args[0]; try { Get-OllamaModel qwen3:0.6b } finally { $env:OLLAMA_HOST = $null }", Host.Replace("http://", ""));
        Assert.Single(models);
        // A script's own unset -OllamaHost passed straight through means the default too.
        var passedThrough = _session.RunOk("$env:OLLAMA_HOST = $args[0]; try { Get-OllamaModel qwen3:0.6b -OllamaHost $null; Get-OllamaModel qwen3:0.6b -OllamaHost '' } finally { $env:OLLAMA_HOST = $null }", Host);
        Assert.Equal(2, passedThrough.Count);
    }

    [Fact]
    public void An_unreachable_server_is_one_non_terminating_OllamaNotRunning_per_command()
    {
        var result = _session.Run("Get-OllamaModel -OllamaHost $args[0]", SimulatorScope.ClosedHost());
        Assert.Equal("OllamaNotRunning,LocalModels.Commands.GetOllamaModelCommand", result.FirstErrorId);
        Assert.Contains("ollama serve", result.Errors[0].Exception.Message);

        // -ErrorAction SilentlyContinue silences it (a terminating error would not be), and three piped names give one error.
        var silenced = _session.Run("'a', 'b', 'c' | Get-OllamaModel -OllamaHost $args[0] -ErrorAction SilentlyContinue -ErrorVariable failures; $failures.Count", SimulatorScope.ClosedHost());
        Assert.Empty(silenced.Errors);
        Assert.Equal(1, (int)silenced.Output.Single().BaseObject);
    }

    [Theory]
    [InlineData(500, "{\"error\":\"something broke\"}", "OllamaHttpError")]
    [InlineData(200, "<html>not ollama</html>", "OllamaMalformedResponse")]
    public void Bad_server_answers_have_stable_ids(int status, string body, string id)
    {
        _scope.Simulator.InjectFault("/api/tags", status, body);
        Assert.Equal(id + ",LocalModels.Commands.GetOllamaModelCommand", _session.Run("Get-OllamaModel -OllamaHost $args[0]", Host).FirstErrorId);
    }

    [Fact]
    public void An_invalid_host_is_InvalidOllamaHost()
    {
        Assert.Equal("InvalidOllamaHost,LocalModels.Commands.GetOllamaModelCommand", _session.Run("Get-OllamaModel -OllamaHost 'ftp://x'").FirstErrorId);
    }

    [Fact]
    public void Piped_context_lengths_make_one_devstral_model_each()
    {
        var output = _session.RunOk("16384,32768 | New-DevstralModelfile -OllamaHost $args[0]", Host);
        var definitions = output.Select(o => (OllamaModelDefinition)o.BaseObject).ToList();
        Assert.Equal(new[] { "devstral-16k", "devstral-32k" }, definitions.Select(d => d.Name));
        Assert.All(definitions, d => Assert.True(d.Created));
        Assert.True(_scope.Simulator.Catalog.TryGet("devstral-16k", out var small));
        Assert.Equal("16384", small.Parameters["num_ctx"]);
        Assert.True(_scope.Simulator.Catalog.TryGet("devstral-32k", out _));
    }

    [Fact]
    public void New_DevstralModelfile_defaults_to_devstral_64k_and_writes_the_modelfile_into_a_directory()
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("localmodels-modelfile-").FullName;
        try
        {
            var result = _session.Run("New-DevstralModelfile -OllamaHost $args[0] -ModelfilePath $args[1]", Host, directory);
            Assert.Empty(result.Errors);
            Assert.NotEmpty(result.Progress);
            var definition = (OllamaModelDefinition)result.Output.Single().BaseObject;
            Assert.Equal("devstral-64k", definition.Name);
            Assert.Equal(65536, definition.ContextLength);
            Assert.Equal(System.IO.Path.Combine(directory, "devstral-64k.Modelfile"), definition.ModelfilePath);
            Assert.Equal("FROM devstral-small-2\nPARAMETER num_ctx 65536\n", System.IO.File.ReadAllText(definition.ModelfilePath));
        }
        finally
        {
            System.IO.Directory.Delete(directory, true);
        }
    }

    [Fact]
    public void WhatIf_changes_nothing()
    {
        var before = _scope.Simulator.Catalog.Models.Count;
        var result = _session.Run("131072 | New-DevstralModelfile -OllamaHost $args[0] -WhatIf", Host);
        Assert.Empty(result.Errors);
        Assert.Empty(result.Output);
        Assert.Equal(before, _scope.Simulator.Catalog.Models.Count);
        Assert.DoesNotContain(_scope.Simulator.Server.Requests, r => r.Path == "/api/create");
    }

    [Theory]
    [InlineData("New-OllamaModel -BaseModel devstral-small-2 -ContextLength 0", "InvalidContextLength")]
    [InlineData("New-OllamaModel -BaseModel devstral-small-2 -ContextLength -5", "InvalidContextLength")]
    [InlineData("New-OllamaModel -BaseModel magistral:24b -ContextLength 65536", "ContextLengthAboveNative")]
    [InlineData("New-OllamaModel -BaseModel ghost -ContextLength 65536", "OllamaModelNotFound")]
    [InlineData("New-OllamaModel -BaseModel devstral-small-2 -ContextLength 65536 -Name 'bad name'", "InvalidModelName")]
    public void New_OllamaModel_validates_before_creating(string command, string id)
    {
        var result = _session.Run(command + " -OllamaHost $args[0]", Host);
        Assert.Equal(id + ",LocalModels.Commands.NewOllamaModelCommand", result.FirstErrorId);
        Assert.DoesNotContain(_scope.Simulator.Server.Requests, r => r.Path == "/api/create");
        if (id == "ContextLengthAboveNative") Assert.Contains("40960", result.Errors[0].Exception.Message);
    }

    [Fact]
    public void A_context_too_small_for_Claude_Codes_first_request_needs_Force_and_a_small_one_gets_the_numbers()
    {
        var refused = _session.Run("New-OllamaModel -BaseModel devstral-small-2 -ContextLength 1 -Name tiny -OllamaHost $args[0]", Host);
        Assert.Equal("ContextLengthTooSmall,LocalModels.Commands.NewOllamaModelCommand", refused.FirstErrorId);
        Assert.Contains("14,500", refused.Errors[0].Exception.Message);
        Assert.DoesNotContain(_scope.Simulator.Server.Requests, r => r.Path == "/api/create");

        var forced = _session.Run("New-OllamaModel -BaseModel devstral-small-2 -ContextLength 1 -Name tiny -Force -OllamaHost $args[0]", Host);
        Assert.Empty(forced.Errors);
        Assert.Equal(1, ((OllamaModelDefinition)forced.Output.Single().BaseObject).ContextLength);
        Assert.Contains(forced.Warnings, warning => warning.Contains("14,500", StringComparison.Ordinal));

        // A sweep's 16K point is deliberate: created, with a warning that names what Claude Code needs.
        var small = _session.Run("New-OllamaModel -BaseModel devstral-small-2 -ContextLength 16384 -OllamaHost $args[0]", Host);
        Assert.Empty(small.Errors);
        Assert.Single(small.Output);
        Assert.Contains(small.Warnings, warning => warning.Contains("16,384", StringComparison.Ordinal) && warning.Contains("33,000", StringComparison.Ordinal) && warning.Contains("47,500", StringComparison.Ordinal));
        Assert.Empty(_session.Run("New-OllamaModel -BaseModel devstral-small-2 -ContextLength 65536 -OllamaHost $args[0]", Host).Warnings);
    }

    [Fact]
    public void New_OllamaModel_pipes_from_Get_OllamaModel_and_names_by_size()
    {
        var definition = (OllamaModelDefinition)_session.RunOk("Get-OllamaModel qwen3-coder:30b -OllamaHost $args[0] | New-OllamaModel -ContextLength 65536", Host).Single().BaseObject;
        Assert.Equal("qwen3-coder-30b-64k", definition.Name);
        Assert.Equal("qwen3-coder:30b", definition.BaseModel);
    }

    [Fact]
    public void An_existing_model_is_kept_when_identical_and_replaced_only_with_Force()
    {
        _session.RunOk("New-DevstralModelfile -OllamaHost $args[0]", Host);
        var same = (OllamaModelDefinition)_session.RunOk("New-DevstralModelfile -OllamaHost $args[0]", Host).Single().BaseObject;
        Assert.False(same.Created);

        var different = _session.Run("New-DevstralModelfile -ContextLength 32768 -Name devstral-64k -OllamaHost $args[0]", Host);
        Assert.Equal("OllamaModelExists,LocalModels.Commands.NewDevstralModelfileCommand", different.FirstErrorId);
        _scope.Simulator.Catalog.TryGet("devstral-64k", out var kept);
        Assert.Equal("65536", kept.Parameters["num_ctx"]);

        _session.RunOk("New-DevstralModelfile -ContextLength 32768 -Name devstral-64k -Force -OllamaHost $args[0]", Host);
        _scope.Simulator.Catalog.TryGet("devstral-64k", out var replaced);
        Assert.Equal("32768", replaced.Parameters["num_ctx"]);
    }

    [Fact]
    public void Remove_OllamaModel_deletes_and_reports_missing_models()
    {
        _session.RunOk("Remove-OllamaModel qwen3:0.6b -Confirm:$false -OllamaHost $args[0]", Host);
        Assert.False(_scope.Simulator.Catalog.TryGet("qwen3:0.6b", out _));
        var again = _session.Run("Remove-OllamaModel qwen3:0.6b -Confirm:$false -OllamaHost $args[0]", Host);
        Assert.Equal("OllamaModelNotFound,LocalModels.Commands.RemoveOllamaModelCommand", again.FirstErrorId);
        _session.RunOk("Remove-OllamaModel magistral:24b -WhatIf -OllamaHost $args[0]", Host);
        Assert.True(_scope.Simulator.Catalog.TryGet("magistral:24b", out _));
    }

    [Fact]
    public void Install_OllamaModel_pulls_with_progress_and_emits_the_model()
    {
        _scope.Simulator.Catalog.Remove("qwen3:0.6b");
        var result = _session.Run("Install-OllamaModel qwen3:0.6b -OllamaHost $args[0]", Host);
        Assert.Empty(result.Errors);
        Assert.Contains(result.Progress, p => p.PercentComplete == 100);
        Assert.Equal("qwen3:0.6b", ((OllamaModel)result.Output.Single().BaseObject).Name);
        Assert.Equal("OllamaModelNotFound,LocalModels.Commands.InstallOllamaModelCommand",
            _session.Run("Install-OllamaModel not-in-library -OllamaHost $args[0]", Host).FirstErrorId);
    }

    [Fact]
    public void Get_OllamaContext_reports_the_model_num_ctx_as_the_source()
    {
        _session.RunOk("New-DevstralModelfile -OllamaHost $args[0]", Host);
        var report = (OllamaContextReport)_session.RunOk("Get-OllamaContext devstral-64k -OllamaHost $args[0]", Host).Single().BaseObject;
        Assert.Equal(Configuration.ContextSource.Model, report.Source);
        Assert.Equal(65536, report.EffectiveContextLength);
    }
}
