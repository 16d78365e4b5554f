using System;
using System.Globalization;
using System.Management.Automation.Host;

namespace LocalModels.Host;

/// <summary>The least a PSHost needs so scripts can write, warn and show progress on a plain console.</summary>
internal sealed class ConsoleHost : PSHost
{
    private readonly ConsoleHostUserInterface _ui = new();

    public int ExitCode { get; private set; }
    public override CultureInfo CurrentCulture => CultureInfo.CurrentCulture;
    public override CultureInfo CurrentUICulture => CultureInfo.CurrentUICulture;
    public override Guid InstanceId { get; } = Guid.NewGuid();
    public override string Name => "LocalModels.Host";
    public override PSHostUserInterface UI => _ui;
    public override Version Version => new(0, 1);
    public override void EnterNestedPrompt() => throw new NotSupportedException();
    public override void ExitNestedPrompt() => throw new NotSupportedException();
    public override void NotifyBeginApplication() { }
    public override void NotifyEndApplication() { }
    public override void SetShouldExit(int exitCode) => ExitCode = exitCode;
}
