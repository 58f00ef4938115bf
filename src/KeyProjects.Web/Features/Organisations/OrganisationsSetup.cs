namespace KeyProjects.Web.Features.Organisations;

/// <summary>The organisation tree and its peer groups.</summary>
public static class OrganisationsSetup
{
    public static IServiceCollection AddOrganisations(this IServiceCollection services) => services.AddScoped<OrgService>();

    public static IEndpointRouteBuilder MapOrganisations(this IEndpointRouteBuilder app) => app.MapOrgEndpoints();
}
