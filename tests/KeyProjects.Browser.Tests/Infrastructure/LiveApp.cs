using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KeyProjects.Browser.Tests.Infrastructure;

/// <summary>
/// The real app on Kestrel at http://127.0.0.1 on a free port, so that a real browser can reach it, on its own SQLite
/// file with the demo data on (the articles' ledgers and one login per role, password <see cref="DemoPassword"/>).
/// </summary>
public sealed class LiveApp : WebApplicationFactory<Program>
{
    /// <summary>The demo users' password (KeyProjects.Web.Features.Demo.DemoData.Password).</summary>
    public const string DemoPassword = "Demo@2026";

    private readonly string _databaseFile;
    private string? _ownFolder;

    private LiveApp(string databaseFile)
    {
        _databaseFile = databaseFile;
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
    }

    /// <summary>The app's clock: fixed at <see cref="FixedClock.Now"/> unless a test moves it.</summary>
    public FixedClock Clock { get; } = new();

    /// <summary>Where the app listens: http://127.0.0.1:{port}/.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The app on a fresh copy of the demo database, in a temp folder that goes with the app.</summary>
    public static async Task<LiveApp> StartAsync()
    {
        var folder = Directory.CreateTempSubdirectory("kp-browser-").FullName;
        var file = Path.Combine(folder, "keyprojects.db");
        await DemoDatabase.CopyToAsync(file);
        var app = Start(file);
        app._ownFolder = folder;
        return app;
    }

    /// <summary>
    /// Starts the host on the given database file, which stays when the app stops: migrations and seeding run now,
    /// before any browser asks for a page.
    /// </summary>
    public static LiveApp Start(string databaseFile)
    {
        var app = new LiveApp(databaseFile);
        try
        {
            app.StartServer();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            app.BaseAddress = new Uri(address.TrimEnd('/') + "/");
            return app;
        }
        catch
        {
            app.Dispose();
            throw;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:Sqlite", $"Data Source={_databaseFile};Pooling=True"); // pools cleared in DisposeAsync
        builder.UseSetting("Seed:DemoData", "true");
        builder.UseSetting("Seed:AdminPassword", "Root-pass-2026");
        builder.UseSetting("Problems:SweepInBackground", "false");
        builder.UseSetting("hostBuilder:reloadConfigOnChange", "false");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            // One PBKDF2 iteration instead of production's 100,000 (decision 019): the demo template's users are hashed
            // with it too, since the template is seeded by this same app (DemoDatabase).
            services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1);
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (_ownFolder is null) return;
        try
        {
            Directory.Delete(_ownFolder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open only leaves a folder in the temp dir; it must not fail the test.
        }
    }
}
