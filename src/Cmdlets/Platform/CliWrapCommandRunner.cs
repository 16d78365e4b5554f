using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Threading;
using System.Threading.Tasks;
using CliWrap;
using CliWrap.Buffered;

namespace LocalModels.Platform;

/// <summary>The real command runner: CliWrap with a timeout, never throwing for a missing executable.</summary>
public sealed class CliWrapCommandRunner : ICommandRunner
{
    public async Task<CommandResult> RunAsync(string executable, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            var result = await Cli.Wrap(executable)
                .WithArguments(arguments)
                .WithValidation(CommandResultValidation.None)
                .ExecuteBufferedAsync(limit.Token)
                .ConfigureAwait(false);
            return new CommandResult(true, result.ExitCode, result.StandardOutput, result.StandardError);
        }
        catch (Win32Exception ex)
        {
            return CommandResult.NotStarted(ex.Message);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new CommandResult(true, -1, "", $"'{executable}' did not finish within {timeout.TotalSeconds:0} s.");
        }
    }
}
