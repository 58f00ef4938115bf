namespace KeyProjects.Web.Features.Home;

/// <summary>工作台: each user's landing page and its API (issue 13). The last feature: it reads every other one.</summary>
public static class HomeSetup
{
    public static IServiceCollection AddHome(this IServiceCollection services)
    {
        services.AddScoped<HomeService>();
        services.AddScoped<Reports.IDashboardExtras, HomeDashboardExtras>();
        return services;
    }

    public static IEndpointRouteBuilder MapHome(this IEndpointRouteBuilder app)
    {
        app.MapHomePages();
        return app;
    }
}
