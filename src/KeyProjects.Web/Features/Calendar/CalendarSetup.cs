using KeyProjects.Web.Infrastructure.Changes;

namespace KeyProjects.Web.Features.Calendar;

/// <summary>The working-day calendar (holidays and 调休) and its corrections.</summary>
public static class CalendarSetup
{
    public static IServiceCollection AddCalendar(this IServiceCollection services)
    {
        services.AddCountedIndex<WorkingDays>();
        services.AddScoped<CalendarService>();
        return services;
    }

    public static IEndpointRouteBuilder MapCalendar(this IEndpointRouteBuilder app) => app.MapCalendarEndpoints();
}
