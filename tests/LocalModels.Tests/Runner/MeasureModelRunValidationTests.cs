using System;
using System.IO;
using LocalModels.Tests.Hosting;
using Xunit;

namespace LocalModels.Tests.Runner;

/// <summary>Measure-ModelRun refuses bad input before starting anything, with an error id per mistake.</summary>
[Collection(RunnerCollection.Name)]
public sealed class MeasureModelRunValidationTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("lm-validate-").FullName;
    private string Repository => Directory.CreateDirectory(Path.Combine(_directory, "repo")).FullName;
    private readonly PowerShellSession _session = new();

    public void Dispose()
    {
        _session.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private string ErrorOf(string arguments, params object?[] args) =>
        _session.Run("Measure-ModelRun -Model m " + arguments, args).FirstErrorId ?? "(no error)";

    private const string Id = ",LocalModels.Commands.MeasureModelRunCommand";

    [Fact]
    public void A_missing_repository_is_RepositoryNotFound() =>
        Assert.Equal("RepositoryNotFound" + Id, ErrorOf("-Path $args[0]", Path.Combine(_directory, "nope")));

    [Fact]
    public void A_file_instead_of_a_repository_is_RepositoryNotADirectory()
    {
        var file = Path.Combine(_directory, "file.txt");
        File.WriteAllText(file, "x");
        Assert.Equal("RepositoryNotADirectory" + Id, ErrorOf("-LiteralPath $args[0]", file));
    }

    [Fact]
    public void Task_Prompt_without_a_prompt_is_PromptRequired() =>
        Assert.Equal("PromptRequired" + Id, ErrorOf("-Path $args[0] -Task Prompt", _directory));

    [Fact]
    public void A_zero_timeout_is_InvalidTimeout() =>
        Assert.Equal("InvalidTimeout" + Id, ErrorOf("-Path $args[0] -Timeout 0", _directory));

    [Fact]
    public void An_output_directory_that_cannot_be_created_is_OutputDirectoryNotWritable()
    {
        var file = Path.Combine(_directory, "file.txt");
        File.WriteAllText(file, "x");
        Assert.Equal("OutputDirectoryNotWritable" + Id, ErrorOf("-Path $args[0] -OutputDirectory $args[1]", Repository, Path.Combine(file, "out")));
    }

    [Fact]
    public void An_output_directory_inside_the_repository_is_OutputDirectoryInRepository_and_nothing_is_written_there()
    {
        var repository = Repository;
        var before = Directory.GetFileSystemEntries(repository, "*", SearchOption.AllDirectories);

        var given = _session.Run("Measure-ModelRun -Model m -Path $args[0] -OutputDirectory $args[1]", repository, Path.Combine(repository, "runs"));
        // Run from inside the repository with no -OutputDirectory: the default ./localmodels-runs is inside it too.
        var defaulted = _session.Run("$null = $ExecutionContext.SessionState.Path.SetLocation($args[0]); Measure-ModelRun -Model m -Path .", repository);

        Assert.Equal("OutputDirectoryInRepository" + Id, given.FirstErrorId);
        Assert.Equal("OutputDirectoryInRepository" + Id, defaulted.FirstErrorId);
        Assert.Equal(System.Management.Automation.ErrorCategory.InvalidArgument, defaulted.Errors[0].CategoryInfo.Category);
        Assert.Contains("-OutputDirectory", defaulted.Errors[0].Exception.Message, StringComparison.Ordinal);
        Assert.Equal(before, Directory.GetFileSystemEntries(repository, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public void A_pool_with_an_address_that_is_not_one_is_InvalidOllamaHost() =>
        Assert.Equal("InvalidOllamaHost" + Id, ErrorOf("-Path $args[0] -OutputDirectory $args[1] -ClaudePath $args[2] -OllamaHost '127.0.0.1:11434,ftp://nope'",
            Repository, Path.Combine(_directory, "out"), RunnerFixture.Claude));

    [Fact]
    public void A_pool_where_no_host_answers_is_OllamaNotRunning() =>
        Assert.Equal("OllamaNotRunning" + Id, ErrorOf("-Path $args[0] -OutputDirectory $args[1] -ClaudePath $args[2] -OllamaHost 127.0.0.1:9, 127.0.0.1:7 -WarningAction SilentlyContinue",
            Repository, Path.Combine(_directory, "out"), RunnerFixture.Claude));

    [Fact]
    public void Several_hosts_on_one_pipeline_object_are_OllamaHostPoolFromPipeline() =>
        Assert.Equal("OllamaHostPoolFromPipeline" + Id, _session.Run(
            "[pscustomobject]@{ Model = 'm'; OllamaHost = '127.0.0.1:9', '127.0.0.1:7' } | Measure-ModelRun -Path $args[0] -OutputDirectory $args[1] -ClaudePath $args[2]",
            Repository, Path.Combine(_directory, "out"), RunnerFixture.Claude).FirstErrorId ?? "(no error)");

    [Fact]
    public void A_missing_claude_is_ClaudeNotFound() =>
        Assert.Equal("ClaudeNotFound" + Id, ErrorOf("-Path $args[0] -OutputDirectory $args[1] -ClaudePath $args[2]", Repository, Path.Combine(_directory, "out"), Path.Combine(_directory, "no-claude")));

    [Fact]
    public void Timeout_takes_seconds_as_well_as_a_TimeSpan()
    {
        // Both reach the server check (nothing listens on port 1): the timeout itself was accepted.
        var claude = RepositoryPaths.ClaudeExecutable;
        Assert.Equal("OllamaNotRunning" + Id, ErrorOf("-Path $args[0] -OutputDirectory $args[1] -ClaudePath $args[2] -OllamaHost http://127.0.0.1:1 -Timeout 90", Repository, Path.Combine(_directory, "out"), claude));
        Assert.Equal("OllamaNotRunning" + Id, ErrorOf("-Path $args[0] -OutputDirectory $args[1] -ClaudePath $args[2] -OllamaHost http://127.0.0.1:1 -Timeout ([TimeSpan]::FromMinutes(2))", Repository, Path.Combine(_directory, "out"), claude));
    }
}
