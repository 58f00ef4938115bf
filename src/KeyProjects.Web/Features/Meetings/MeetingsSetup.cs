using KeyProjects.Web.Features.Problems;
using KeyProjects.Web.Infrastructure.Jobs;

namespace KeyProjects.Web.Features.Meetings;

/// <summary>调度会: series, meetings with their agenda and minutes, 交办事项 and their reminders.</summary>
public static class MeetingsSetup
{
    public static IServiceCollection AddMeetings(this IServiceCollection services)
    {
        services.AddScoped<MeetingService>();
        services.AddScoped<MeetingTaskService>();
        services.AddScoped<IReferralMeetings, ReferralMeetings>();
        services.AddPeriodicJob("meetings.schedule", (sp, ct) => sp.GetRequiredService<MeetingService>().ScheduleAllAsync(ct));
        services.AddPeriodicJob("meetings.task-reminders", (sp, ct) => sp.GetRequiredService<MeetingTaskService>().RemindAsync(ct));
        return services;
    }

    public static IEndpointRouteBuilder MapMeetings(this IEndpointRouteBuilder app)
    {
        app.MapMeetingsApi();
        app.MapMeetingPages();
        return app;
    }
}
