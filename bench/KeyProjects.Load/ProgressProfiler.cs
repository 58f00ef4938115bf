using System.Diagnostics;
using System.Reflection;
using KeyProjects.Domain.Access;
using KeyProjects.Domain.Progress;
using KeyProjects.Web.Data;
using KeyProjects.Web.Features.Projects;
using KeyProjects.Web.Features.Reports;
using Microsoft.Extensions.DependencyInjection;

namespace KeyProjects.Load;

/// <summary>
/// <c>profile --what progress</c>: where the dashboard's and the metrics API's time goes, in process, one call at a time
/// (the app's services; the app's internal steps — DefaultPeriod, Compute — called by reflection so each is timed alone);
/// and the SQL of one report saved and submitted (<c>ReportService.SaveAsync</c>), which writes to the database
/// (2025-12 of the first project) unless --dry-run.
/// </summary>
public static class ProgressProfiler
{
    private static readonly Type Service = typeof(ProgressService);
    private static readonly MethodInfo DefaultPeriod = Service.GetMethod("DefaultPeriod", BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo Compute = Service.GetMethod("Compute", BindingFlags.NonPublic | BindingFlags.Static)!;

    internal static async Task RunAsync(IServiceProvider services, Profiler.SqlLog sql, Actor actor, List<LoadDriver.Region> regions, int repeat, bool write)
    {
        var clock = services.GetRequiredService<TimeProvider>();
        Console.WriteLine();
        Console.WriteLine($"## Progress (clock {clock.GetUtcNow():yyyy-MM-dd}), {repeat} calls each after 3 to warm up");

        // The first view builds the progress index: every revision read into memory.
        GC.Collect();
        var heap0 = GC.GetTotalMemory(true);
        sql.Clear();
        var (ms, cpu, alloc) = await Time(async () =>
        {
            using var scope = services.CreateScope();
            var r = await scope.ServiceProvider.GetRequiredService<ProgressService>().ViewAsync(actor, null, ProjectSelection.All, null, null, null);
            if (!r.Succeeded) throw new InvalidOperationException(string.Join("; ", r.Errors));
        });
        GC.Collect();
        var heap1 = GC.GetTotalMemory(true);
        Console.WriteLine($"- first ViewAsync (province; builds ProjectIndex and ProgressIndex): {ms:0} ms, CPU {cpu:0} ms, allocated {alloc / 1048576:0} MB; "
            + $"managed heap after {heap1 / 1048576:0} MB (+{(heap1 - heap0) / 1048576:0} MB)");
        sql.Print(1, 5);

        var province = regions.First(r => r.Kind == "Province").Id;
        var units = regions.Where(r => r.Kind is "City" or "County" or "District" or "Zone").Select(r => r.Id).ToList();
        var period = new Period(2024, 12);

        await Step("ViewAsync province, default period (the dashboard's and the API's call), cached", repeat, services, sql,
            s => s.ViewAsync(actor, province, ProjectSelection.All, null, null, null));
        await Step("ViewAsync province, period=2024-12 given, cached", repeat, services, sql,
            s => s.ViewAsync(actor, province, ProjectSelection.All, null, period, null));
        var u = 0;
        await Step("ViewAsync each unit in turn, default period, first round (computes each unit)", units.Count - 3, services, sql,
            s => s.ViewAsync(actor, units[u++ % units.Count], ProjectSelection.All, null, null, null));
        u = 0;
        await Step("ViewAsync each unit in turn, default period, second round (cached)", units.Count, services, sql,
            s => s.ViewAsync(actor, units[u++ % units.Count], ProjectSelection.All, null, null, null));
        u = 0;
        await Step("ViewAsync each unit in turn, period=2024-12 given, cached", Math.Max(repeat, units.Count), services, sql,
            s => s.ViewAsync(actor, units[u++ % units.Count], ProjectSelection.All, null, period, null));

        // The steps inside, alone.
        using (var scope = services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var projects = await scope.ServiceProvider.GetRequiredService<ProjectIndex>().CurrentAsync(db, default);
            var progress = await scope.ServiceProvider.GetRequiredService<ProgressIndex>().CurrentAsync(db, default);
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.AddHours(8));
            var root = projects.Orgs[province];
            var firstUnit = projects.Orgs[units[0]];
            Console.WriteLine($"- ProgressIndex: {progress.RevisionCount:N0} revisions");
            await Pure("ProgressService.DefaultPeriod (province, as of today)", repeat, () => DefaultPeriod.Invoke(null, [projects, progress, root, ProjectSelection.All, today]));
            await Pure($"ProgressService.DefaultPeriod (a unit: {firstUnit.Name})", repeat, () => DefaultPeriod.Invoke(null, [projects, progress, firstUnit, ProjectSelection.All, today]));
            var precision = MetricPrecision.Default;
            object? view = null;
            await Pure("ProgressService.Compute (province, 2024-12), uncached", Math.Max(3, repeat / 4), () => view = Compute.Invoke(null,
                [projects, progress, root, ProjectSelection.All, period, today, false, TimeConvention.Months, precision]));
            await Pure($"ProgressService.Compute (a unit: {firstUnit.Name}, 2024-12), uncached", repeat, () => Compute.Invoke(null,
                [projects, progress, firstUnit, ProjectSelection.All, period, today, false, TimeConvention.Months, precision]));
            var v = (ProgressView)view!;
            Console.WriteLine($"- the province's view: {v.Projects.Count:N0} project rows, {v.Children.Count} children");
            // What DashboardPage.razor does with the view on every render: Ranked (filter + sort of every project row) twice
            // (Slowest and Fastest), and Corrections (a count over the rows) once.
            await Pure("DashboardPage: Slowest + Fastest (Ranked sorted twice)", repeat, () =>
            {
                List<ProjectProgress> Ranked() => v.Projects.Where(p => p.Metrics.PointsAhead is not null)
                    .OrderBy(p => p.Metrics.PointsAhead!.Value.Exact).ThenBy(p => p.Project.Code, StringComparer.Ordinal).ToList();
                _ = Ranked().Take(10).ToList();
                _ = Ranked().AsEnumerable().Reverse().Take(10).ToList();
            });
            await Pure("ProgressView.Corrections", repeat, () => _ = v.Corrections);
        }

        await SubmitAsync(services, sql, actor, repeat, write);
    }

    private static async Task SubmitAsync(IServiceProvider services, Profiler.SqlLog sql, Actor actor, int repeat, bool write)
    {
        Console.WriteLine();
        Console.WriteLine("## ReportService.SaveAsync (submit: true) + GetAsync, as POST /api/v1/reports does, one at a time" + (write ? "" : " (dry run: not done)"));
        if (!write) return;
        var projects = KeyProjects.Dataset.ProvinceProjects.Generate().Take(3 + repeat).Select(p => KeyProjects.Domain.Projects.ProjectCode.Normalize(p.Draft.Code)).ToList();
        var times = new List<double>();
        var cpus = new List<double>();
        for (var i = -3; i < repeat; i++)
        {
            if (i == 0) sql.Clear();
            var code = projects[i + 3];
            var (ms, cpu, _) = await Time(async () =>
            {
                using var scope = services.CreateScope();
                var reports = scope.ServiceProvider.GetRequiredService<ReportService>();
                var input = new ReportInput { MonthCompleted = 0, StartStatus = StartStatus.Started, FundsMonth = Funds.None };
                var r = await reports.SaveAsync(actor, code, new Period(2025, 12), input, null, true);
                if (!r.Succeeded) throw new InvalidOperationException($"{code}: " + string.Join("; ", r.Errors));
                await reports.GetAsync(actor, r.Value.Id);
            });
            if (i < 0) continue;
            times.Add(ms);
            cpus.Add(cpu);
        }
        times.Sort();
        Console.WriteLine($"- SaveAsync + GetAsync: p50 {ScenarioResult.Percentile(times, 50)} ms, mean {times.Average():0.0} ms, CPU {cpus.Average():0.0} ms a call; SQL {sql.Total() / repeat:0.0} ms a call in {sql.Count / (double)repeat:0.#} statements");
        sql.Print(repeat);

        // SaveAsync's reads, each alone (the public methods that send the same statements), one at a time.
        var ids = new List<long>();
        using (var scope = services.CreateScope())
        {
            var reports = scope.ServiceProvider.GetRequiredService<ReportService>();
            foreach (var code in projects.Take(repeat))
                if ((await reports.ProjectAsync(actor, code)).Value.Project is { } p && await reports.FindAsync(p.Id, new Period(2025, 12)) is { } saved) ids.Add(saved.Id);
        }
        var k = 0;
        await Reads("ReportService.ProjectAsync (index snapshot, scope)", repeat, services, async r => await r.ProjectAsync(actor, projects[k++ % projects.Count]));
        k = 0;
        await Reads("ReportService.FindAsync (the month's report: SaveAsync's first SELECT)", repeat, services, async r =>
        {
            var p = (await r.ProjectAsync(actor, projects[k++ % projects.Count])).Value.Project;
            await r.FindAsync(p.Id, new Period(2025, 10));
        });
        k = 0;
        await Reads("ReportService.IsClosedAsync", repeat, services, async r =>
        {
            var p = (await r.ProjectAsync(actor, projects[k++ % projects.Count])).Value.Project;
            await r.IsClosedAsync(p.OrgId, new Period(2025, 10), default);
        });
        k = 0;
        await Reads("ReportService.PreviousAsync (the month before: like ContextAsync's six)", repeat, services, async r =>
        {
            var p = (await r.ProjectAsync(actor, projects[k++ % projects.Count])).Value.Project;
            await r.PreviousAsync(p.Id, new Period(2025, 10));
        });
        k = 0;
        await Reads("ReportService.GetAsync (the API's read-back)", repeat, services, async r => await r.GetAsync(actor, ids[k++ % ids.Count]));

        // The reads alone at 32 concurrent callers: no write lock.
        var readCodes = KeyProjects.Dataset.ProvinceProjects.Generate().Select(p => KeyProjects.Domain.Projects.ProjectCode.Normalize(p.Draft.Code)).ToArray();
        var n = -1;
        var readWalls = new System.Collections.Concurrent.ConcurrentBag<double>();
        var rc0 = Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds;
        var rt0 = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref n)) < 3000)
            {
                var t = Stopwatch.GetTimestamp();
                using var scope = services.CreateScope();
                var r = scope.ServiceProvider.GetRequiredService<ReportService>();
                var p = (await r.ProjectAsync(actor, readCodes[i % readCodes.Length])).Value.Project;
                await r.FindAsync(p.Id, new Period(2025, 10));
                await r.IsClosedAsync(p.OrgId, new Period(2025, 10), default);
                await r.PreviousAsync(p.Id, new Period(2025, 10));
                readWalls.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            }
        })));
        var rs = Stopwatch.GetElapsedTime(rt0).TotalSeconds;
        var rcpu = Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds - rc0;
        var rsorted = readWalls.Order().ToList();
        Console.WriteLine($"- SaveAsync's reads only (ProjectAsync, FindAsync, IsClosedAsync, PreviousAsync) at 32 concurrent callers: 3000 in {rs:0.0} s = {3000 / rs:0}/s, "
            + $"p50 {ScenarioResult.Percentile(rsorted, 50)} ms, p99 {ScenarioResult.Percentile(rsorted, 99)} ms, CPU {rcpu / 3000:0.0} ms a call ({rcpu / 10 / rs:0}% of one core)");

        // The same at 32 concurrent callers, in process (no HTTP, no JSON, no authentication): what the service and the
        // database allow. Each call a new (project, 2025-11); the time spent in the call's transaction is not visible
        // from here, but the wall time per call against the CPU per call shows the waiting.
        const int callers = 32;
        var all = KeyProjects.Dataset.ProvinceProjects.Generate().Select(p => KeyProjects.Domain.Projects.ProjectCode.Normalize(p.Draft.Code)).ToArray();
        var calls = Math.Min(all.Length, 3000);
        var next = -1;
        var walls = new System.Collections.Concurrent.ConcurrentBag<double>();
        var failures = 0;
        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds;
        var t0 = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < calls)
            {
                var t = Stopwatch.GetTimestamp();
                using var scope = services.CreateScope();
                var reports = scope.ServiceProvider.GetRequiredService<ReportService>();
                var input = new ReportInput { MonthCompleted = 0, StartStatus = StartStatus.Started, FundsMonth = Funds.None };
                try
                {
                    var r = await reports.SaveAsync(actor, all[i], new Period(2025, 11), input, null, true);
                    if (!r.Succeeded) Interlocked.Increment(ref failures);
                    else await reports.GetAsync(actor, r.Value.Id);
                }
                catch (Exception)
                {
                    Interlocked.Increment(ref failures);
                }
                walls.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            }
        })));
        var seconds = Stopwatch.GetElapsedTime(t0).TotalSeconds;
        var used = Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds - cpu0;
        var sorted = walls.Order().ToList();
        Console.WriteLine($"- SaveAsync + GetAsync at {callers} concurrent callers, in process: {calls} calls in {seconds:0.0} s = {calls / seconds:0}/s, "
            + $"p50 {ScenarioResult.Percentile(sorted, 50)} ms, p99 {ScenarioResult.Percentile(sorted, 99)} ms, CPU {used / calls:0.0} ms a call "
            + $"({used / 10 / seconds:0}% of one core), {failures} failed");
    }

    private static async Task Reads(string name, int repeat, IServiceProvider services, Func<ReportService, Task> call)
    {
        var times = new List<double>();
        var cpus = new List<double>();
        for (var i = -3; i < repeat; i++)
        {
            var (ms, cpu, _) = await Time(async () =>
            {
                using var scope = services.CreateScope();
                await call(scope.ServiceProvider.GetRequiredService<ReportService>());
            });
            if (i < 0) continue;
            times.Add(ms);
            cpus.Add(cpu);
        }
        times.Sort();
        Console.WriteLine($"- {name}: p50 {ScenarioResult.Percentile(times, 50)} ms, mean {times.Average():0.00} ms, CPU {cpus.Average():0.00} ms a call (with ProjectAsync where it needs the project)");
    }

    private static async Task Step(string name, int repeat, IServiceProvider services, Profiler.SqlLog sql, Func<ProgressService, Task<KeyProjects.Domain.Common.Result<ProgressView>>> call)
    {
        var times = new List<double>();
        var cpus = new List<double>();
        long allocated = 0;
        for (var i = -3; i < repeat; i++)
        {
            if (i == 0) sql.Clear();
            var (ms, cpu, alloc) = await Time(async () =>
            {
                using var scope = services.CreateScope();
                var r = await call(scope.ServiceProvider.GetRequiredService<ProgressService>());
                if (!r.Succeeded) throw new InvalidOperationException(string.Join("; ", r.Errors));
            });
            if (i < 0) continue;
            times.Add(ms);
            cpus.Add(cpu);
            allocated += alloc;
        }
        times.Sort();
        Console.WriteLine($"- {name}: p50 {ScenarioResult.Percentile(times, 50)} ms, p95 {ScenarioResult.Percentile(times, 95)} ms, mean {times.Average():0.00} ms, "
            + $"CPU {cpus.Average():0.00} ms, allocated {allocated / repeat / 1024:N0} KB a call; SQL {sql.Total() / repeat:0.00} ms in {sql.Count / (double)repeat:0.#} statements a call");
    }

    private static async Task Pure(string name, int repeat, Action call)
    {
        var times = new List<double>();
        long allocated = 0;
        for (var i = -2; i < repeat; i++)
        {
            var (ms, _, alloc) = await Time(() => { call(); return Task.CompletedTask; });
            if (i < 0) continue;
            times.Add(ms);
            allocated += alloc;
        }
        times.Sort();
        Console.WriteLine($"- {name}: p50 {ScenarioResult.Percentile(times, 50)} ms, mean {times.Average():0.00} ms, allocated {allocated / repeat / 1024:N0} KB a call");
    }

    private static async Task<(double Ms, double Cpu, long Allocated)> Time(Func<Task> call)
    {
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var c0 = Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds;
        var t0 = Stopwatch.GetTimestamp();
        await call();
        var ms = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
        return (ms, Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds - c0, GC.GetTotalAllocatedBytes(precise: true) - before);
    }
}
