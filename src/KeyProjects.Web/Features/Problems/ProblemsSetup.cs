using KeyProjects.Web.Infrastructure.Changes;
using KeyProjects.Web.Infrastructure.Jobs;
using Microsoft.Extensions.Options;

namespace KeyProjects.Web.Features.Problems;

/// <summary>The problem ledger, its open-problem index and the escalation sweep.</summary>
public static class ProblemsSetup
{
    public static IServiceCollection AddProblems(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<ProblemOptions>(config.GetSection(ProblemOptions.Section));
        services.AddCountedIndex<OpenProblemIndex>();
        services.AddScoped<ProblemService>();
        services.AddScoped<EscalationSweep>();
        services.AddScoped<ProblemNotices>();
        // The scheduler ticks at the sweep's settings (Problems:SweepInterval, Problems:SweepInBackground): they are
        // older than the other jobs, and docs/OPERATIONS.md names them.
        services.AddOptions<PeriodicJobOptions>().Configure<IOptions<ProblemOptions>>((jobs, problems) =>
        {
            jobs.Interval = problems.Value.SweepInterval;
            jobs.Enabled = problems.Value.SweepInBackground;
        });
        services.AddPeriodicJob(EscalationSweep.LeaseName, (sp, ct) => sp.GetRequiredService<EscalationSweep>().RunAsync(ct: ct));
        return services;
    }

    public static IEndpointRouteBuilder MapProblems(this IEndpointRouteBuilder app)
    {
        app.MapProblemsApi();
        app.MapProblemPages();
        return app;
    }
}
