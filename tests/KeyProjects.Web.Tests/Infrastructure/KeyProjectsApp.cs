using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using KeyProjects.Domain.Access;
using KeyProjects.Domain.Projects;
using KeyProjects.Web.Data;
using KeyProjects.Web.Features.Projects;
using KeyProjects.Web.Features.Users;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace KeyProjects.Web.Tests.Infrastructure;

/// <summary>
/// The real app over real HTTP (in memory), on the test's own database, with a test clock. Seeds the places of the
/// articles (as every installation does) but no demo data; tests create what they need through the services.
/// The database is usually a copy of the run's template (<see cref="DatabaseTemplates"/>), so the start finds the
/// migrations applied and the seeds in place. Passwords are hashed with one PBKDF2 iteration instead of the production
/// 100,000: a test run hashes about 1,300 of them, and what the tests check of a password is whether it matches.
/// </summary>
public sealed class KeyProjectsApp : WebApplicationFactory<Program>
{
    public const string AdminPassword = "Root-pass-2026";
    public const string Password = "Test-pass-2026";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private readonly TestDatabase _db;
    private readonly bool _demoData;
    private readonly IReadOnlyDictionary<string, string> _settings;
    private bool _ownsDatabase = true;

    public TestClock Clock { get; } = new();

    /// <summary>What the server logged at warning level and above.</summary>
    public CapturedLogs Logs { get; } = new();

    private KeyProjectsApp(TestDatabase db, bool demoData, IReadOnlyDictionary<string, string>? settings = null)
    {
        _db = db;
        _demoData = demoData;
        _settings = settings ?? new Dictionary<string, string>();
    }

    public string Provider => _db.Provider;

    /// <summary>The app on a database of its own holding <paramref name="content"/>, with configuration <paramref name="settings"/> on top.</summary>
    public static async Task<KeyProjectsApp> StartAsync<TDatabase>(DatabaseContent content = DatabaseContent.Seeded,
        IReadOnlyDictionary<string, string>? settings = null) where TDatabase : TestDatabase, new()
    {
        var db = new TDatabase();
        await db.CreateAsync(content);
        var app = new KeyProjectsApp(db, content == DatabaseContent.Demo, settings);
        try
        {
            _ = app.Server; // starts the host: migrations and seeding run now, not inside the first test request
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        return app;
    }

    /// <summary>Starts the app on <paramref name="db"/> (its start-up migrates and seeds it) and stops it; the database stays.</summary>
    internal static async Task SeedAsync(TestDatabase db, bool demoData)
    {
        await using var app = new KeyProjectsApp(db, demoData) { _ownsDatabase = false };
        _ = app.Server;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", _db.Provider);
        builder.UseSetting($"ConnectionStrings:{_db.Provider}", _db.ConnectionString);
        builder.UseSetting("Seed:DemoData", _demoData ? "true" : "false");
        builder.UseSetting("Seed:AdminPassword", AdminPassword);
        builder.UseSetting("Problems:SweepInBackground", "false");
        // No file watchers on appsettings*.json: a test never edits them, and a watcher per app is a finalizer per app.
        builder.UseSetting("hostBuilder:reloadConfigOnChange", "false");
        // The console gets warnings and errors only (as CapturedLogs does), not a line per request of every test.
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1);
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownsDatabase) await _db.DisposeAsync();
    }

    /// <summary>Runs code against the app's services in a scope of its own.</summary>
    public async Task<T> WithServicesAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        using var scope = Services.CreateScope();
        return await work(scope.ServiceProvider);
    }

    public Task WithServicesAsync(Func<IServiceProvider, Task> work) => WithServicesAsync(async sp => { await work(sp); return true; });

    public Task<int> OrgIdAsync(string name) =>
        WithServicesAsync(sp => sp.GetRequiredService<AppDbContext>().Organisations.Where(o => o.Name == name).Select(o => o.Id).SingleAsync());

    /// <summary>Creates a node under a parent (a department, a project unit) through the organisation service.</summary>
    public Task<int> CreateOrgAsync(string parent, string name, Domain.Organisations.OrgKind kind) => WithServicesAsync(async sp =>
    {
        var parentId = await sp.GetRequiredService<AppDbContext>().Organisations.Where(o => o.Name == parent).Select(o => o.Id).SingleAsync();
        var result = await sp.GetRequiredService<Features.Organisations.OrgService>().CreateAsync(Actor.System("test"), parentId, name, kind, null);
        result.Succeeded.ShouldBeTrue();
        return result.Value.Id;
    });

    /// <summary>Creates a user with <see cref="Password"/> at the named organisation.</summary>
    public Task CreateUserAsync(string userName, Role role, string orgName, ServiceTitle? title = null) => WithServicesAsync(async sp =>
    {
        var orgId = await sp.GetRequiredService<AppDbContext>().Organisations.Where(o => o.Name == orgName).Select(o => o.Id).SingleAsync();
        var result = await sp.GetRequiredService<UserService>().CreateAsync(Actor.System("test"), new NewUser(userName, userName, Password, role, orgId, title));
        if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.MessageKey + " " + string.Join(",", e.Args))));
    });

    /// <summary>Creates a project through the service, as the system, and returns its code.</summary>
    public Task<string> CreateProjectAsync(ProjectDraft draft) => WithServicesAsync(async sp =>
    {
        var result = await sp.GetRequiredService<ProjectService>().CreateAsync(Actor.System("test"), draft);
        if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Field + ":" + e.MessageKey)));
        return result.Value.Code;
    });

    /// <summary>An HTTP client carrying a bearer token for the user, as an integrator would.</summary>
    public async Task<HttpClient> ApiClientAsync(string userName, string? password = null)
    {
        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName, password = password ?? (userName == "admin" ? AdminPassword : Password) });
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A browser-like client (cookies, redirects) logged in through the login form.</summary>
    public Task<BrowserClient> LoginAsync(string userName, string? password = null) => LoginAsync(userName, password, jar: null);

    /// <summary>A browser-like client keeping its cookies in <paramref name="jar"/>, which the test may copy to replay them.</summary>
    public async Task<BrowserClient> LoginAsync(string userName, string? password, System.Net.CookieContainer? jar)
    {
        var browser = Browser(jar);
        var page = await browser.PostFormAsync("/login", "/login", new Dictionary<string, string>
        {
            ["UserName"] = userName,
            ["Password"] = password ?? (userName == "admin" ? AdminPassword : Password),
        });
        page.Status.ShouldBe(HttpStatusCode.OK, page.Html);
        page.Url.ShouldNotContain("/login");
        return browser;
    }

    /// <summary>A browser-like client that is not logged in; with a jar, its cookies are the jar's.</summary>
    public BrowserClient Browser(System.Net.CookieContainer? jar = null) => new(jar is null
        ? CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = true, HandleCookies = true })
        : CreateDefaultClient(new Microsoft.AspNetCore.Mvc.Testing.Handlers.RedirectHandler(), new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler(jar)));
}
