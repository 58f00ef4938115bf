using KeyProjects.Web.Features.Photos;
using Microsoft.Extensions.Options;

namespace KeyProjects.Web.Features.Daily;

/// <summary>每日进度: posts with photos, their timeline and the 缺报 tables. The photos themselves are the Photos feature's.</summary>
public static class DailySetup
{
    public static IServiceCollection AddDaily(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<DailyPostOptions>(config.GetSection(DailyPostOptions.Section));
        services.AddScoped<DailyPostService>();
        return services;
    }

    public static IEndpointRouteBuilder MapDaily(this IEndpointRouteBuilder app)
    {
        var limits = app.ServiceProvider.GetRequiredService<IOptions<PhotoOptions>>().Value;
        app.MapDailyPostsApi(limits);
        app.MapDailyPages(limits);
        return app;
    }
}
