using KeyProjects.Dataset;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KeyProjects.Load;

/// <summary>
/// The app's host with its own DI, on the given database, with a fixed clock (<see cref="ProvinceProjects.AsOf"/>), no
/// demo data and no port. Starting it runs the app's start-up: migrations, the places and the administrator.
/// </summary>
public sealed class AppHost(string provider, string connection, string adminPassword) : WebApplicationFactory<Program>
{
    /// <summary>--sqlite FILE or --postgres CONNECTION-STRING.</summary>
    public static (string Provider, string Connection) DatabaseOf(Options o) =>
        o.Get("postgres") is { } pg ? ("Postgres", pg) : ("Sqlite", $"Data Source={o.Require("sqlite")};Pooling=True");

    /// <summary>Keep the system clock (the server's) instead of the fixed one.</summary>
    public bool RealClock { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        // The app's settings files are copied next to this program; nothing here serves static files.
        builder.UseContentRoot(AppContext.BaseDirectory);
        builder.UseSetting("Database:Provider", provider);
        builder.UseSetting($"ConnectionStrings:{provider}", connection);
        builder.UseSetting("Seed:DemoData", "false");
        builder.UseSetting("Seed:AdminPassword", adminPassword);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Error");
        builder.ConfigureServices(services =>
        {
            if (RealClock) return;
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(new FixedClock(new DateTimeOffset(ProvinceProjects.AsOf.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero)));
        });
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
