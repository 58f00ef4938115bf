namespace KeyProjects.Web.Features.Notices;

/// <summary>The inbox, its API, and the senders: e-mail, group robots and SMS.</summary>
public static class NoticesSetup
{
    public static IServiceCollection AddNotices(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<NoticeOptions>(config.GetSection(NoticeOptions.Section));
        services.AddScoped<NoticeService>();
        services.AddScoped<NoticeMailer>();
        services.AddScoped<NoticePusher>();
        // No request logging: a robot's address carries its key.
        services.AddHttpClient(NoticePusher.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(15)).RemoveAllLoggers();
        services.AddHostedService<NoticeMailerService>();
        return services;
    }

    public static IEndpointRouteBuilder MapNotices(this IEndpointRouteBuilder app) => app.MapNoticePages();
}
