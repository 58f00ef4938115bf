namespace KeyProjects.Web.Features.Notices;

/// <summary>The inbox, its API, and the e-mail sender.</summary>
public static class NoticesSetup
{
    public static IServiceCollection AddNotices(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<NoticeOptions>(config.GetSection(NoticeOptions.Section));
        services.AddScoped<NoticeService>();
        services.AddScoped<NoticeMailer>();
        services.AddHostedService<NoticeMailerService>();
        return services;
    }

    public static IEndpointRouteBuilder MapNotices(this IEndpointRouteBuilder app) => app.MapNoticePages();
}
