using Microsoft.Playwright;

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
