using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(KeyProjects.Browser.Tests.Infrastructure.SharedChromium))]

namespace KeyProjects.Browser.Tests.Infrastructure;

/// <summary>
/// The Debian Chromium of this machine, driven by Playwright (never <c>playwright install</c>). Without it the browser
/// tests skip — unless KP_REQUIRE_BROWSER=1, as in CI, where they fail instead.
/// </summary>
public static class SystemChromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private static readonly string[] Args =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    public static bool Required => Environment.GetEnvironmentVariable("KP_REQUIRE_BROWSER") == "1";

    /// <summary>Skips the calling test when there is no Chromium, or fails it when a browser is required.</summary>
    public static void EnsureAvailable()
    {
        if (File.Exists(ExecutablePath)) return;
        var reason = $"Browser tests need Chromium at {ExecutablePath} (apt-get install chromium fonts-wqy-zenhei).";
        if (Required) throw new InvalidOperationException($"KP_REQUIRE_BROWSER=1 but {reason}");
        Assert.Skip(reason);
    }

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = ExecutablePath,
        Headless = true,
        Args = Args,
    });
}

/// <summary>
/// One Chromium for the run, launched on first use and closed when the run ends (an xunit assembly fixture). Each test
/// still works in browser contexts of its own (own cookies and storage, closed with the test); launching a browser per
/// test cost seconds of CPU each, taken from the web tests running beside. A browser that died is launched again.
/// </summary>
public sealed class SharedChromium : IAsyncDisposable
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static IPlaywright? _playwright;
    private static IBrowser? _browser;

    public static async Task<IBrowser> GetAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_browser is { IsConnected: true } running) return running;
            _playwright ??= await Playwright.CreateAsync();
            return _browser = await SystemChromium.LaunchAsync(_playwright);
        }
        finally
        {
            Gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null) await _browser.CloseAsync();
        _playwright?.Dispose();
    }
}
