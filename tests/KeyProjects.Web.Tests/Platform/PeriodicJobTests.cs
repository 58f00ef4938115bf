using KeyProjects.Web.Infrastructure.Jobs;
using KeyProjects.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace KeyProjects.Web.Tests.Platform;

/// <summary>The scheduler in Infrastructure/Jobs, and the jobs the features add to it.</summary>
public sealed class PeriodicJobTests
{
    private sealed class Tick
    {
        public List<string> Ran { get; } = [];
    }

    private static ServiceProvider Host(bool enabled, params (string Name, bool Fails)[] jobs)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<Tick>();
        var seen = new List<(string, Tick)>();
        services.AddSingleton(seen);
        services.Configure<PeriodicJobOptions>(o => { o.Interval = TimeSpan.FromHours(1); o.Enabled = enabled; });
        foreach (var (name, fails) in jobs)
            services.AddPeriodicJob(name, (sp, _) =>
            {
                var tick = sp.GetRequiredService<Tick>();
                tick.Ran.Add(name);
                lock (seen) seen.Add((name, tick));
                return fails ? throw new InvalidOperationException(name + " failed") : Task.CompletedTask;
            });
        return services.BuildServiceProvider();
    }

    private static async Task<List<(string Name, Tick Tick)>> RunOneTickAsync(ServiceProvider sp, int expected)
    {
        var hosted = sp.GetServices<IHostedService>().ToList();
        hosted.Count.ShouldBe(1);
        var scheduler = hosted[0].ShouldBeOfType<PeriodicJobScheduler>();
        await scheduler.StartAsync(TestContext.Current.CancellationToken);
        var seen = sp.GetRequiredService<List<(string, Tick)>>();
        for (var i = 0; i < 100 && seen.Count < expected; i++) await Task.Delay(20, TestContext.Current.CancellationToken);
        await Task.Delay(50, TestContext.Current.CancellationToken);
        await scheduler.StopAsync(TestContext.Current.CancellationToken);
        lock (seen) return [.. seen];
    }

    [Fact]
    public async Task Scheduler_RunsEveryJobAtStart_InTheOrderAdded_InOneScope()
    {
        await using var sp = Host(enabled: true, ("first", false), ("second", false), ("third", false));
        var seen = await RunOneTickAsync(sp, 3);
        seen.Select(s => s.Name).ShouldBe(["first", "second", "third"]);
        seen.Select(s => s.Tick).Distinct().Count().ShouldBe(1);
    }

    [Fact]
    public async Task Scheduler_AJobThatFails_LeavesTheRestOfTheTickToTheNext()
    {
        await using var sp = Host(enabled: true, ("first", false), ("failing", true), ("third", false));
        var seen = await RunOneTickAsync(sp, 2);
        seen.Select(s => s.Name).ShouldBe(["first", "failing"]);
    }

    [Fact]
    public async Task Scheduler_WhenDisabled_RunsNothing()
    {
        await using var sp = Host(enabled: false, ("first", false));
        (await RunOneTickAsync(sp, 1)).ShouldBeEmpty();
    }

    [Fact]
    public async Task TheApp_RunsTheSweepThenTheMeetingScheduleThenTheTaskRemindersThenTheVisitReminders_AtTheSweepSettings()
    {
        await using var app = await KeyProjectsApp.StartAsync<SqliteTestDatabase>();
        app.Services.GetServices<PeriodicJob>().Select(j => j.Name)
            .ShouldBe(["problems.escalation-sweep", "meetings.schedule", "meetings.task-reminders", "visits.shortfall-reminders"]);
        app.Services.GetServices<IHostedService>().OfType<PeriodicJobScheduler>().Count().ShouldBe(1);
        var settings = app.Services.GetRequiredService<IOptions<PeriodicJobOptions>>().Value;
        settings.Enabled.ShouldBeFalse(); // the tests' Problems:SweepInBackground=false
        settings.Interval.ShouldBe(TimeSpan.FromMinutes(10));
    }
}
