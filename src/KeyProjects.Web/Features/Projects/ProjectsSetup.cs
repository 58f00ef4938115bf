using KeyProjects.Web.Infrastructure.Changes;

namespace KeyProjects.Web.Features.Projects;

/// <summary>The project registry (项目库): its in-memory index, pages, API and Excel import.</summary>
public static class ProjectsSetup
{
    public static IServiceCollection AddProjects(this IServiceCollection services)
    {
        services.AddCountedIndex<ProjectIndex>();
        services.AddScoped<ProjectService>();
        services.AddScoped<ProjectImport>();
        services.AddScoped<Audit.IAuditNames, ProjectAuditNames>();
        return services;
    }

    public static IEndpointRouteBuilder MapProjects(this IEndpointRouteBuilder app)
    {
        app.MapProjectPages();
        app.MapProjectsApi();
        return app;
    }
}
