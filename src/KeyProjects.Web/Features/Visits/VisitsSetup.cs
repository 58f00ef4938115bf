using KeyProjects.Web.Features.Photos;
using KeyProjects.Web.Infrastructure.Jobs;
using Microsoft.Extensions.Options;

namespace KeyProjects.Web.Features.Visits;

/// <summary>督导走访: visits with photos, the leaders' compliance and, late in the month, their reminders.</summary>
public static class VisitsSetup
{
    public static IServiceCollection AddVisits(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<VisitOptions>(config.GetSection(VisitOptions.Section));
        services.AddScoped<VisitService>();
        services.AddPeriodicJob("visits.shortfall-reminders", (sp, ct) => sp.GetRequiredService<VisitService>().RemindShortfallsAsync(ct));
        return services;
    }

    public static IEndpointRouteBuilder MapVisits(this IEndpointRouteBuilder app)
    {
        var limits = app.ServiceProvider.GetRequiredService<IOptions<PhotoOptions>>().Value;
        app.MapVisitsApi(limits);
        app.MapVisitPages(limits);
        return app;
    }
}
