using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using System.Text.RegularExpressions;

namespace LocalModels.Host;

/// <summary>Console output for the host; it never prompts (scripts run unattended).</summary>
internal sealed class ConsoleHostUserInterface : PSHostUserInterface
{
    private readonly ConsoleHostRawUserInterface _raw = new();
    private string _lastProgress = "";

    public override PSHostRawUserInterface RawUI => _raw;
    // Logs and pipes get plain text: the engine's table headers carry colour escapes.
    private static readonly Regex Escapes = new("\u001b\\[[0-9;]*m", RegexOptions.Compiled);
    private static string Plain(string value) => Console.IsOutputRedirected ? Escapes.Replace(value, "") : value;

    public override void Write(string value) => Console.Write(Plain(value));
    public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Console.Write(Plain(value));
    public override void WriteLine(string value) => Console.WriteLine(Plain(value));
    public override void WriteErrorLine(string value) => Console.Error.WriteLine(value);
    public override void WriteDebugLine(string message) => Console.Error.WriteLine("DEBUG: " + message);
    public override void WriteVerboseLine(string message) => Console.Error.WriteLine("VERBOSE: " + message);
    public override void WriteWarningLine(string message) => Console.Error.WriteLine("WARNING: " + message);

    public override void WriteProgress(long sourceId, ProgressRecord record)
    {
        // One line per change of status, so a log of a long run stays readable.
        var line = $"{record.Activity}: {record.StatusDescription}";
        if (record.RecordType == ProgressRecordType.Completed || line == _lastProgress) return;
        _lastProgress = line;
        Console.Error.WriteLine(line);
    }

    public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) =>
        throw new PSInvalidOperationException("This host runs scripts unattended and cannot prompt.");
    public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice) => defaultChoice;
    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) =>
        throw new PSInvalidOperationException("This host cannot prompt for credentials.");
    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) =>
        throw new PSInvalidOperationException("This host cannot prompt for credentials.");
    public override string ReadLine() => Console.ReadLine() ?? "";
    public override SecureString ReadLineAsSecureString() => throw new PSInvalidOperationException("This host cannot read secure input.");
}
