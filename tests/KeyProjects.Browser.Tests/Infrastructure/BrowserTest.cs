using Microsoft.Playwright;

namespace KeyProjects.Browser.Tests.Infrastructure;

/// <summary>
/// Base of browser tests: every test gets its own app (<see cref="LiveApp"/>, its own database) and its own browser
/// contexts in the run's Chromium (<see cref="SharedChromium"/>).
/// A Chinese-speaking user's browser by default (Accept-Language zh-CN, China time). When a test fails, each of its
/// pages leaves a screenshot and a Playwright trace under <see cref="FailureFolder"/> (open with
/// <c>playwright show-trace</c> or trace.playwright.dev).
/// </summary>
public abstract class BrowserTest : IAsyncLifetime
{
    public static readonly ViewportSize Desktop = new() { Width = 1366, Height = 900 };
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    /// <summary>Screenshots the tests keep on purpose, for a person to look at (not committed).</summary>
    public static string ScreenshotFolder => Path.Combine(AppContext.BaseDirectory, "screenshots");

    /// <summary>
    /// Whether to keep the screenshots for people and record a screencast and DOM snapshots in every trace
    /// (KP_SCREENSHOTS=1). Off by default: they assert nothing, and a full-page PNG of each of the page tour's 62 pages
    /// plus a screencast and a snapshot of every step took over a third of the browser suite's CPU. A failing test leaves
    /// a screenshot of each of its pages and a trace (actions, network, console) either way.
    /// </summary>
    public static bool KeepScreenshots => Environment.GetEnvironmentVariable("KP_SCREENSHOTS") == "1";

    public static string FailureFolder => Path.Combine(AppContext.BaseDirectory, "failures");

    private LiveApp? _app;
    private IBrowser? _browser;
    private readonly List<IBrowserContext> _contexts = [];
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _cspViolations = new();

    /// <summary>What the browser refused under the app's Content-Security-Policy on any page of this test (issue 12: none).</summary>
    protected IReadOnlyCollection<string> CspViolations => _cspViolations;

    static BrowserTest() => Assertions.SetDefaultExpectTimeout(10_000);

    protected LiveApp App => _app ?? throw new InvalidOperationException("The app starts in InitializeAsync.");

    public virtual async ValueTask InitializeAsync()
    {
        SystemChromium.EnsureAvailable();
        foreach (var stale in Directory.Exists(FailureFolder) ? Directory.GetFiles(FailureFolder, TestName + "-*") : [])
            File.Delete(stale);
        var started = System.Diagnostics.Stopwatch.StartNew();
        _app = await LiveApp.StartAsync();
        _browser = await SharedChromium.GetAsync();
        TestContext.Current.TestOutputHelper?.WriteLine($"app at {_app.BaseAddress} and Chromium {_browser.Version} ready in {started.Elapsed.TotalSeconds:0.0} s");
    }

    /// <summary>A page in a browser context of its own (its own cookies), on the app.</summary>
    protected async Task<IPage> NewPageAsync(ViewportSize viewport, bool phone = false)
    {
        var browser = _browser ?? throw new InvalidOperationException("The browser starts in InitializeAsync.");
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.BaseAddress.ToString(),
            ViewportSize = viewport,
            IsMobile = phone,
            HasTouch = phone,
            DeviceScaleFactor = phone ? 3 : 1,
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
            AcceptDownloads = true,
        });
        context.SetDefaultTimeout(15_000);
        context.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) _cspViolations.Enqueue(message.Text);
        };
        await context.Tracing.StartAsync(new TracingStartOptions { Screenshots = KeepScreenshots, Snapshots = KeepScreenshots });
        _contexts.Add(context);
        return await context.NewPageAsync();
    }

    /// <summary>Saves a screenshot of the whole page under <see cref="ScreenshotFolder"/>, when <see cref="KeepScreenshots"/>.</summary>
    protected static async Task ScreenshotAsync(IPage page, string name, bool fullPage = true)
    {
        if (KeepScreenshots)
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = fullPage });
    }

    private static string TestName =>
        string.Concat((TestContext.Current.Test?.TestDisplayName ?? "test").Select(c => char.IsLetterOrDigit(c) ? c : '_'));

    public async ValueTask DisposeAsync()
    {
        var failed = TestContext.Current.TestState?.Result == TestResult.Failed;
        for (var i = 0; i < _contexts.Count; i++)
        {
            var context = _contexts[i];
            try
            {
                if (failed)
                {
                    var stem = Path.Combine(FailureFolder, $"{TestName}-{i}");
                    foreach (var page in context.Pages)
                        await page.ScreenshotAsync(new PageScreenshotOptions { Path = stem + ".png", FullPage = true });
                    await context.Tracing.StopAsync(new TracingStopOptions { Path = stem + ".trace.zip" });
                }
                await context.CloseAsync();
            }
            catch (PlaywrightException)
            {
                // Evidence of a failure is best effort; the failure itself is already recorded.
            }
        }
        if (_app is not null) await _app.DisposeAsync();
        GC.SuppressFinalize(this);
        // Every browser test fails on a page the Content-Security-Policy broke, whatever it was testing.
        if (!failed && !_cspViolations.IsEmpty)
            throw new InvalidOperationException("The Content-Security-Policy refused: " + string.Join(" | ", _cspViolations));
    }
}
