namespace KeyProjects.Web.Features.Audit;

/// <summary>The audit log and its pages. The guard that refuses an unaudited save is the database's (Data/AuditGuard).</summary>
public static class AuditSetup
{
    public static IServiceCollection AddAudit(this IServiceCollection services) => services.AddScoped<AuditService>();

    public static IEndpointRouteBuilder MapAudit(this IEndpointRouteBuilder app) => app.MapAuditEndpoints();
}
