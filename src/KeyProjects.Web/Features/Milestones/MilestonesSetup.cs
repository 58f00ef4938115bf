namespace KeyProjects.Web.Features.Milestones;

/// <summary>A project's milestones, their Gantt and its monthly plan.</summary>
public static class MilestonesSetup
{
    public static IServiceCollection AddMilestones(this IServiceCollection services) => services.AddScoped<MilestoneService>();

    public static IEndpointRouteBuilder MapMilestones(this IEndpointRouteBuilder app)
    {
        app.MapMilestonesApi();
        app.MapMilestonePages();
        return app;
    }
}
