using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using PuppeteerSharp;

namespace LocalModels.Tests.Reporting;

/// <summary>
/// The system's headless Chromium (Debian's chromium-headless-shell), driven through PuppeteerSharp with a fresh
/// profile and no background traffic. It records what a report page must never do: log errors, open dialogs
/// (alert), or request anything beyond the file itself.
/// </summary>
public sealed class HeadlessBrowser : IAsyncDisposable
{
    public const string DefaultPath = "/usr/bin/chromium-headless-shell";

    private readonly IBrowser _browser;
    private readonly string _profile;

    private HeadlessBrowser(IBrowser browser, string profile)
    {
        _browser = browser;
        _profile = profile;
    }

    /// <summary>The browser binary: LOCALMODELS_TEST_BROWSER, or Debian's chromium-headless-shell.</summary>
    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable("LOCALMODELS_TEST_BROWSER") is { Length: > 0 } overridden ? overridden : DefaultPath;

    public static async Task<HeadlessBrowser> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
            throw new InvalidOperationException($"No browser at {ExecutablePath}: install Debian's chromium-headless-shell (.ci/run does) or set LOCALMODELS_TEST_BROWSER.");
        var profile = Directory.CreateTempSubdirectory("lm-browser-").FullName;
        var browser = await Puppeteer.LaunchAsync(new LaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            UserDataDir = profile,
            Timeout = 60_000,
            Args = new[]
            {
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run",
            },
        });
        return new HeadlessBrowser(browser, profile);
    }

    /// <summary>Opens a file and waits for its load event; the page records errors, dialogs and requests from the start.</summary>
    public async Task<OpenedPage> OpenAsync(string file, int width = 1400, int height = 1000)
    {
        var page = await _browser.NewPageAsync();
        await page.SetViewportAsync(new ViewPortOptions { Width = width, Height = height });
        var opened = new OpenedPage(page);
        await page.GoToAsync(new Uri(Path.GetFullPath(file)).AbsoluteUri, new NavigationOptions { WaitUntil = new[] { WaitUntilNavigation.Load }, Timeout = 60_000 });
        return opened;
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.CloseAsync();
        _browser.Dispose();
        try { Directory.Delete(_profile, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}

/// <summary>A loaded page and what it did while loading.</summary>
public sealed class OpenedPage
{
    private readonly ConcurrentQueue<string> _errors = new();
    private readonly ConcurrentQueue<string> _dialogs = new();
    private readonly ConcurrentQueue<string> _requests = new();

    internal OpenedPage(IPage page)
    {
        Page = page;
        page.Console += (_, e) =>
        {
            if (e.Message.Type == ConsoleType.Error) _errors.Enqueue(e.Message.Text);
        };
        page.PageError += (_, e) => _errors.Enqueue(e.Message);
        page.Dialog += (_, e) =>
        {
            _dialogs.Enqueue(e.Dialog.Message);
            _ = e.Dialog.Dismiss();
        };
        page.Request += (_, e) => _requests.Enqueue(e.Request.Url);
    }

    public IPage Page { get; }

    /// <summary>Console errors and uncaught exceptions.</summary>
    public IReadOnlyList<string> Errors => _errors.ToList();

    /// <summary>Messages of alert/confirm/prompt dialogs the page opened.</summary>
    public IReadOnlyList<string> Dialogs => _dialogs.ToList();

    /// <summary>Every URL the page requested, the page itself included.</summary>
    public IReadOnlyList<string> Requests => _requests.ToList();
}
