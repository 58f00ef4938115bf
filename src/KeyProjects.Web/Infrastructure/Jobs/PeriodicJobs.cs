using Microsoft.Extensions.Options;

namespace KeyProjects.Web.Infrastructure.Jobs;

/// <summary>
/// A job the scheduler runs on every server at each tick, with the services of the tick's scope. A job that must run on
/// one server at a time takes a <see cref="JobLeases">lease</see>; a job that must not tell anybody twice keys what it sends.
/// </summary>
public sealed record PeriodicJob(string Name, Func<IServiceProvider, CancellationToken, Task> RunAsync);

/// <summary>How often the scheduler ticks, and whether it runs at all (tests and the bench turn it off and call the jobs by hand).</summary>
public sealed class PeriodicJobOptions
{
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(10);
    public bool Enabled { get; set; } = true;
}

public static class PeriodicJobs
{
    /// <summary>
    /// Adds a job to the scheduler, which is registered with the first job: features add their jobs in Program.cs's order,
    /// and the jobs of a tick run in that order, one after another, in one scope.
    /// </summary>
    public static IServiceCollection AddPeriodicJob(this IServiceCollection services, string name, Func<IServiceProvider, CancellationToken, Task> run)
    {
        services.AddSingleton(new PeriodicJob(name, run));
        services.AddHostedService<PeriodicJobScheduler>(); // once however many jobs: hosted services are added by TryAddEnumerable
        return services;
    }
}

/// <summary>Runs every <see cref="PeriodicJob"/> at start and then every <see cref="PeriodicJobOptions.Interval"/>, on every server.</summary>
public sealed class PeriodicJobScheduler(IServiceScopeFactory scopes, IEnumerable<PeriodicJob> jobs, IOptions<PeriodicJobOptions> options,
    TimeProvider clock, ILogger<PeriodicJobScheduler> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled) return;
        using var timer = new PeriodicTimer(settings.Interval, clock);
        do
        {
            var current = "";
            try
            {
                // A failed job leaves the rest of the tick to the next one, as the sweep and its reminders always did.
                await using var scope = scopes.CreateAsyncScope();
                foreach (var job in jobs)
                {
                    current = job.Name;
                    await job.RunAsync(scope.ServiceProvider, stoppingToken);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Periodic job {Job} failed; the jobs run again in {Interval}", current, settings.Interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
