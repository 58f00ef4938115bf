using KeyProjects.Web.Infrastructure.Changes;

namespace KeyProjects.Web.Features.Problems;

public static class ProblemSetup
{
    public static IServiceCollection AddProblems(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ProblemOptions>(configuration.GetSection(ProblemOptions.Section));
        services.AddCountedIndex<OpenProblemIndex>();
        services.AddScoped<ProblemService>();
        services.AddScoped<EscalationSweep>();
        services.AddScoped<ProblemNotices>();
        services.AddHostedService<EscalationSweeper>();
        return services;
    }

    public static IEndpointRouteBuilder MapProblems(this IEndpointRouteBuilder app)
    {
        app.MapProblemsApi();
        app.MapProblemPages();
        return app;
    }
}
