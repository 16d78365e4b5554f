using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using LocalModels.Configuration;
using LocalModels.Ollama;
using LocalModels.Platform;
using Xunit;

namespace LocalModels.Tests.Ollama;

public sealed class ContextResolverTests : IDisposable
{
    private readonly SimulatorScope _scope = new();
    private readonly FakePlatform _platform = new(PlatformOS.Linux);

    public void Dispose()
    {
        _scope.Dispose();
        _platform.Dispose();
    }

    private async Task<OllamaContextReport> Resolve(string model)
    {
        var client = new OllamaClient(_scope.Simulator.BaseUri);
        var details = await client.ShowAsync(model, default);
        return new ContextResolver(_platform).Resolve(client.BaseUri, details, await client.ListLoadedAsync(default), default);
    }

    [Fact]
    public async Task Nothing_set_means_automatic()
    {
        var report = await Resolve("devstral-small-2");
        Assert.Equal(ContextSource.Automatic, report.Source);
        Assert.Null(report.EffectiveContextLength);
    }

    [Fact]
    public async Task Server_environment_then_app_then_model_take_precedence()
    {
        new ServerContextStore(_platform).Apply(new ServerContextStore(_platform).Plan(32768, default), default);
        Assert.Equal(ContextSource.ServerEnvironment, (await Resolve("devstral-small-2")).Source);

        var app = new DesktopAppSettings(_platform);
        Directory.CreateDirectory(Path.GetDirectoryName(app.DatabasePath)!);
        File.WriteAllText(app.DatabasePath, "");
        _platform.Runner.On("sqlite3", _ => FakeCommandRunner.Ok("65536"));
        var fromApp = await Resolve("devstral-small-2");
        Assert.Equal(ContextSource.DesktopApp, fromApp.Source);
        Assert.Equal(65536, fromApp.EffectiveContextLength);
        Assert.Equal(32768, fromApp.ServerEnvironmentContextLength);

        _scope.Simulator.Catalog.TryGet("devstral-small-2", out var model);
        model.Parameters["num_ctx"] = "131072";
        var fromModel = await Resolve("devstral-small-2");
        Assert.Equal(ContextSource.Model, fromModel.Source);
        Assert.Equal(131072, fromModel.EffectiveContextLength);
    }

    [Fact]
    public async Task The_effective_value_is_capped_at_native_and_the_loaded_value_is_reported()
    {
        _scope.Simulator.Catalog.TryGet("magistral:24b", out var model);
        model.Parameters["num_ctx"] = "131072";
        _scope.Simulator.LoadModel("magistral:24b");
        var report = await Resolve("magistral:24b");
        Assert.Equal(40960, report.EffectiveContextLength);
        Assert.Equal(40960, report.LoadedContextLength);
        Assert.Contains("native", report.Message);
    }
}
