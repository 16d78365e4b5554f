using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace LocalModels.Platform;

/// <summary>Runs a short-lived command and buffers its output. Tests substitute fakes so no real system is touched.</summary>
public interface ICommandRunner
{
    Task<CommandResult> RunAsync(string executable, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken);
}
