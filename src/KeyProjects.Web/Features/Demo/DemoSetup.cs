namespace KeyProjects.Web.Features.Demo;

/// <summary>The demonstration data, loaded at start when configured (Data/DatabaseInitializer); it has no endpoints.</summary>
public static class DemoSetup
{
    public static IServiceCollection AddDemo(this IServiceCollection services) => services.AddScoped<DemoData>();

    public static IEndpointRouteBuilder MapDemo(this IEndpointRouteBuilder app) => app;
}
