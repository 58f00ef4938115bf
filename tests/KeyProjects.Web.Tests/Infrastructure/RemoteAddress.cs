using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace KeyProjects.Web.Tests.Infrastructure;

/// <summary>Makes every request of an app look as if it came from one address (the test server gives none).</summary>
public sealed class RemoteAddress(IPAddress address) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((http, inner) =>
        {
            http.Connection.RemoteIpAddress = address;
            return inner(http);
        });
        next(app);
    };

    /// <summary>The app (same database and clock) as reached from <paramref name="remote"/>, with extra settings.</summary>
    public static WebApplicationFactory<Program> From(KeyProjectsApp app, IPAddress remote, params (string Key, string Value)[] settings) => app.WithWebHostBuilder(b =>
    {
        foreach (var (key, value) in settings) b.UseSetting(key, value);
        b.ConfigureServices(s => s.AddSingleton<IStartupFilter>(new RemoteAddress(remote)));
    });
}
