using System;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using LocalModels.Errors;
using LocalModels.Ollama;
using LocalModels.Platform;

namespace LocalModels.Configuration;

/// <summary>
/// OLLAMA_CONTEXT_LENGTH for the server process, where each OS keeps it: macOS `launchctl setenv` (what the app
/// and `ollama serve` started from launchd inherit), Linux a drop-in for the system unit ollama.service,
/// Windows the user environment. Every change needs a server restart to take effect.
/// </summary>
public sealed class ServerContextStore
{
    public const string VariableName = "OLLAMA_CONTEXT_LENGTH";
    internal const string DropInRelativePath = "etc/systemd/system/ollama.service.d/localmodels-context.conf";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(10);
    private readonly IPlatformFacts _platform;

    public ServerContextStore(IPlatformFacts platform) => _platform = platform;

    /// <summary>Where the value lives on this OS, as shown to users.</summary>
    public string Location => _platform.OS switch
    {
        PlatformOS.MacOS => "launchctl (user session environment)",
        PlatformOS.Linux => DropInPath,
        _ => "user environment variable " + VariableName,
    };

    internal string DropInPath => Path.Combine(_platform.SystemRoot, DropInRelativePath.Replace('/', Path.DirectorySeparatorChar));

    public int? Read(CancellationToken cancellationToken)
    {
        switch (_platform.OS)
        {
            case PlatformOS.MacOS:
                var result = _platform.Commands.RunAsync("launchctl", new[] { "getenv", VariableName }, CommandTimeout, cancellationToken).GetAwaiter().GetResult();
                return result.Succeeded ? ParsePositive(result.StandardOutput) : null;
            case PlatformOS.Linux:
                return File.Exists(DropInPath) ? ParseDropIn(File.ReadAllText(DropInPath)) : null;
            default:
                return ParsePositive(_platform.GetUserEnvironmentVariable(VariableName));
        }
    }

    public SettingChange Plan(int contextLength, CancellationToken cancellationToken)
    {
        ContextLength.Validate(contextLength);
        var restart = _platform.OS switch
        {
            PlatformOS.MacOS => "Quit Ollama (menu bar icon > Quit) and open it again, or restart 'ollama serve', for the new value to apply.",
            PlatformOS.Linux => "Run 'sudo systemctl daemon-reload && sudo systemctl restart ollama' for the new value to apply.",
            _ => "Quit Ollama from the tray icon and start it again (new processes see the variable) for the new value to apply.",
        };
        return new SettingChange(ContextTarget.Environment, Location, $"Set {VariableName} to {contextLength}", Read(cancellationToken), contextLength, restart);
    }

    public void Apply(SettingChange change, CancellationToken cancellationToken)
    {
        switch (_platform.OS)
        {
            case PlatformOS.MacOS:
                var result = _platform.Commands.RunAsync("launchctl", new[] { "setenv", VariableName, Format(change.NewValue) }, CommandTimeout, cancellationToken).GetAwaiter().GetResult();
                if (!result.Succeeded)
                    throw new LocalModelsException("ServerConfigurationFailed", ErrorKind.InvalidOperation,
                        $"'launchctl setenv {VariableName} {change.NewValue}' failed: {FirstLine(result.StandardError)}. Run it yourself in Terminal to see why.",
                        change.Location);
                break;
            case PlatformOS.Linux:
                WriteDropIn(change.NewValue);
                break;
            default:
                _platform.SetUserEnvironmentVariable(VariableName, Format(change.NewValue));
                break;
        }
    }

    private void WriteDropIn(int value)
    {
        var text = new StringBuilder()
            .Append("# Written by LocalModels (Set-OllamaContext): the context window of the ollama service.\n")
            .Append("[Service]\n")
            .Append("Environment=\"").Append(VariableName).Append('=').Append(Format(value)).Append("\"\n")
            .ToString();
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(DropInPath)!);
            File.WriteAllText(DropInPath, text, new UTF8Encoding(false));
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new LocalModelsException("InsufficientPermission", ErrorKind.PermissionDenied,
                $"Writing {DropInPath} needs root. Run the command in 'sudo pwsh', or create that file yourself with the lines: [Service] / Environment=\"{VariableName}={value}\".",
                DropInPath, ex);
        }
    }

    // A line's own blanks only: ^\s* read on from every line start through all the blank lines after it.
    private static readonly Regex DropInSetting = new("^[ \\t]*Environment=\"?" + VariableName + "=(\\d+)\"?", RegexOptions.Multiline | RegexOptions.CultureInvariant);

    internal static int? ParseDropIn(string text)
    {
        var match = DropInSetting.Match(text);
        return match.Success ? ParsePositive(match.Groups[1].Value) : null;
    }

    internal static int? ParsePositive(string? text) =>
        int.TryParse(text?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : null;

    private static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string FirstLine(string text)
    {
        var trimmed = text.Trim();
        var newline = trimmed.IndexOf('\n');
        return trimmed.Length == 0 ? "no details" : newline < 0 ? trimmed : trimmed.Substring(0, newline);
    }
}
