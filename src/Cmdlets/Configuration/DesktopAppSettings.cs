using System;
using System.Globalization;
using System.IO;
using System.Threading;
using LocalModels.Errors;
using LocalModels.Ollama;
using LocalModels.Platform;

namespace LocalModels.Configuration;

/// <summary>
/// The Ollama desktop app's "Context length" setting: SQLite db.sqlite, table settings, row id=1, column
/// context_length (0 = automatic). Read and written through the `sqlite3` command-line tool (shipped with macOS)
/// rather than a native SQLite package: a PowerShell module carrying per-platform native binaries for one
/// optional setting is a heavy, fragile dependency, and the schema is internal to Ollama anyway. Reads are
/// defensive (-readonly, unknown schema = a Problem, not an exception); writes only while the app is not running.
/// </summary>
public sealed class DesktopAppSettings
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(10);
    private readonly IPlatformFacts _platform;

    public DesktopAppSettings(IPlatformFacts platform) => _platform = platform;

    public string DatabasePath => _platform.OS switch
    {
        PlatformOS.MacOS => Path.Combine(_platform.HomeDirectory, "Library", "Application Support", "Ollama", "db.sqlite"),
        PlatformOS.Windows => Path.Combine(_platform.LocalApplicationData, "Ollama", "db.sqlite"),
        _ => Path.Combine(_platform.HomeDirectory, ".ollama", "db.sqlite"),
    };

    /// <summary>The desktop app's process name ("Ollama"; "ollama app" on Windows), distinct from the server's "ollama".</summary>
    public string AppProcessName => _platform.OS == PlatformOS.Windows ? "ollama app" : "Ollama";

    public bool IsAppRunning => _platform.IsProcessRunning(AppProcessName);

    public DesktopAppSetting Read(CancellationToken cancellationToken)
    {
        var path = DatabasePath;
        if (!File.Exists(path)) return new DesktopAppSetting(path, false, null, "the desktop app's settings database does not exist (app not installed or never started)");
        var result = Sqlite(new[] { "-readonly", path, "SELECT context_length FROM settings WHERE id=1;" }, cancellationToken);
        if (!result.Started) return new DesktopAppSetting(path, true, null, "sqlite3 is not installed, so the app's setting could not be read");
        if (!result.Succeeded) return new DesktopAppSetting(path, true, null, "the settings table has an unexpected layout: " + result.StandardError.Trim());
        var text = result.StandardOutput.Trim();
        if (text.Length == 0) return new DesktopAppSetting(path, true, 0, null);
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 0
            ? new DesktopAppSetting(path, true, value, null)
            : new DesktopAppSetting(path, true, null, $"context_length holds '{text}', not a number");
    }

    public SettingChange Plan(int contextLength, CancellationToken cancellationToken)
    {
        ContextLength.Validate(contextLength);
        var current = Read(cancellationToken);
        if (!current.DatabaseExists || current.Value is null)
            throw new LocalModelsException(ErrorIds.DesktopAppSettingUnavailable, ErrorKind.ObjectNotFound,
                $"The Ollama app's setting cannot be changed: {current.Problem}. Set it in the app instead (Settings > Context length).",
                current.DatabasePath);
        return new SettingChange(ContextTarget.DesktopApp, current.DatabasePath, $"Set the app's context_length setting to {contextLength}",
            current.Value, contextLength, "Open the Ollama app again; it starts its server with the new context length.");
    }

    public void Apply(SettingChange change, CancellationToken cancellationToken)
    {
        EnsureAppNotRunning();
        var statement = $"UPDATE settings SET context_length={change.NewValue.ToString(CultureInfo.InvariantCulture)} WHERE id=1; SELECT changes();";
        var result = Sqlite(new[] { change.Location, statement }, cancellationToken);
        if (!result.Succeeded || result.StandardOutput.Trim() != "1")
            throw new LocalModelsException(ErrorIds.DesktopAppSettingUnavailable, ErrorKind.InvalidOperation,
                $"Updating {change.Location} failed ({(result.StandardError.Trim().Length > 0 ? result.StandardError.Trim() : "no settings row")}). Set it in the app instead (Settings > Context length).",
                change.Location);
    }

    /// <summary>The app rewrites its database while it runs: never write under it.</summary>
    public void EnsureAppNotRunning()
    {
        if (IsAppRunning)
            throw new LocalModelsException("OllamaAppRunning", ErrorKind.ResourceUnavailable,
                "The Ollama app is running and owns its settings database. Quit it first (menu bar or tray icon > Quit Ollama), then run the command again, or change Settings > Context length in the app.",
                DatabasePath);
    }

    private CommandResult Sqlite(string[] arguments, CancellationToken cancellationToken) =>
        _platform.Commands.RunAsync("sqlite3", arguments, CommandTimeout, cancellationToken).GetAwaiter().GetResult();
}
