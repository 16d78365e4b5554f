using System;
using System.Management.Automation;
using System.Threading;
using LocalModels.Errors;
using LocalModels.Platform;

namespace LocalModels.Commands;

/// <summary>
/// Shared mechanics for every LocalModels cmdlet: a cancellation token that Ctrl+C (StopProcessing) cancels, and
/// the translation of core exceptions into ErrorRecords with stable ids. Concrete cmdlets are sealed and thin.
/// </summary>
public abstract class LocalModelsCmdlet : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Cancelled when the user presses Ctrl+C or the pipeline is stopped.</summary>
    protected CancellationToken CancellationToken => _stopping.Token;

    protected override void StopProcessing() => _stopping.Cancel();

    public void Dispose()
    {
        Release();
        _stopping.Dispose();
    }

    /// <summary>Runs once when the pipeline is done with the command, however it ended (also after a terminating error).</summary>
    protected virtual void Release()
    {
    }

    /// <summary>
    /// True when this command's verbose messages certainly do not show: neither -Verbose nor -Debug was given and
    /// $VerbosePreference is SilentlyContinue or Ignore. A command writing a message per item can then skip building
    /// it; in any other case WriteVerbose decides as usual.
    /// </summary>
    protected bool VerboseIsOff()
    {
        var bound = MyInvocation.BoundParameters;
        if (bound.ContainsKey("Verbose") || bound.ContainsKey("Debug")) return false;
        return GetVariableValue("VerbosePreference") is ActionPreference.SilentlyContinue or ActionPreference.Ignore;
    }

    /// <summary>Ends the command with an ErrorRecord built from a core failure.</summary>
    protected void ThrowTerminating(LocalModelsException exception) =>
        ThrowTerminatingError(ToErrorRecord(exception));

    /// <summary>Reports one failed item and lets the pipeline go on.</summary>
    protected void WriteError(LocalModelsException exception) => WriteError(ToErrorRecord(exception));

    /// <summary>Throws a terminating error with an id and category for a failure found in the cmdlet layer.</summary>
    protected void ThrowTerminating(string errorId, ErrorKind kind, string message, object? target = null) =>
        ThrowTerminating(new LocalModelsException(errorId, kind, message, target));

    internal static ErrorRecord ToErrorRecord(LocalModelsException exception)
    {
        var record = new ErrorRecord(exception, exception.ErrorId, ToCategory(exception.Kind), exception.Target);
        // A message naming a file or a server's answer shows only what is safe to print.
        var shown = TerminalText.Safe(exception.Message);
        if (!ReferenceEquals(shown, exception.Message)) record.ErrorDetails = new ErrorDetails(shown);
        return record;
    }

    // These hide Cmdlet's own, so every message this module writes is safe to print: messages name files, sessions
    // and models that a copied folder or a model chose (see TerminalText).

    /// <summary>Cmdlet.WriteWarning, made safe to print.</summary>
    protected new void WriteWarning(string text) => base.WriteWarning(TerminalText.Safe(text));

    /// <summary>Cmdlet.WriteVerbose, made safe to print.</summary>
    protected new void WriteVerbose(string text) => base.WriteVerbose(TerminalText.Safe(text));

    internal static ErrorCategory ToCategory(ErrorKind kind) =>
        Enum.TryParse<ErrorCategory>(kind.ToString(), out var category) ? category : ErrorCategory.NotSpecified;
}
