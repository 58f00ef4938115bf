using System.Net;
using System.Text.Json;
using KeyProjects.Domain.Access;
using KeyProjects.Domain.Calendar;
using KeyProjects.Domain.Organisations;
using KeyProjects.Domain.Problems;
using KeyProjects.Domain.Projects;
using KeyProjects.Web.Data;
using KeyProjects.Web.Features.Audit;
using KeyProjects.Web.Features.Calendar;
using KeyProjects.Web.Features.Milestones;
using KeyProjects.Web.Features.Organisations;
using KeyProjects.Web.Features.Problems;
using KeyProjects.Web.Features.Projects;
using KeyProjects.Web.Features.Reports;
using KeyProjects.Web.Infrastructure.Changes;
using KeyProjects.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KeyProjects.Web.Tests.Platform;

/// <summary>
/// Decision 016: every write to a counted table takes its counter's number in the same transaction — through a save,
/// a bulk command or BulkWriter — or the guard refuses it; every writer moves its counter; and a second server on the
/// same database sees each change on its next request.
/// </summary>
public abstract class ChangeNumberTests<TDb> : AppTest<TDb> where TDb : TestDatabase, new()
{
    private const string Unit = "濮阳君恒生物科技有限公司";

    /// <summary>3 June 2023, 10:00 in China: May's reports are due.</summary>
    private void June3() => App.Clock.Set(new DateTimeOffset(2023, 6, 3, 10, 0, 0, TimeSpan.FromHours(8)));

    private static void Audit(AppDbContext db) =>
        AuditLog.Add(db, TimeProvider.System, Actor.System("test"), "Test", "behind the services' back", "/", AuditAction.Updated, []);

    private Task<ChangeNumbers> NumbersAsync() => App.WithServicesAsync(sp => ChangeCounter.ReadAsync(sp.GetRequiredService<AppDbContext>(), default));

    /// <summary>A problem written as the services write it (stamped), to be written again without a number.</summary>
    private async Task<(string Code, long Problem)> ProjectWithProblemAsync()
    {
        var code = await App.CreateProjectAsync(Builders.Project(await OrgAsync("濮阳县")));
        var id = await App.WithServicesAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var project = await db.Projects.SingleAsync(p => p.Code == code);
            var problem = new Problem
            {
                ProjectId = project.Id, OrgId = project.OrgId, Title = "用地指标未落实", RaisedById = "test", RaisedByName = "test", RaisedAtUtc = DateTime.UtcNow,
                RaisedOn = new DateOnly(2026, 11, 23), Level = 1, Deadline = new DateOnly(2026, 11, 26), DueOn = new DateOnly(2026, 11, 26), Status = ProblemStatus.Pending,
            };
            db.Add(problem);
            Audit(db);
            await using var tx = await db.UnitOfWorkAsync(default);
            await db.SaveChangesAsync();
            await ChangeCounter.StampProblemsAsync(db, [problem.Id], default);
            await tx.CommitAsync(default);
            return problem.Id;
        });
        return (code, id);
    }

    /// <summary>Writes in a transaction (as a writer that forgot its number would) and returns what the guard said.</summary>
    private Task<string> RefusedAsync(Func<AppDbContext, Task> write) => App.WithServicesAsync(async sp =>
    {
        var db = sp.GetRequiredService<AppDbContext>();
        await using var tx = await db.UnitOfWorkAsync(default);
        var error = await Should.ThrowAsync<InvalidOperationException>(async () =>
        {
            await write(db);
            await tx.CommitAsync(default);
        });
        return error.Message;
    });

    public static TheoryData<string> Tables => ["Project", "ProjectYearPlan", "ProjectListMembership", "ProjectTeamMember", "Organisation", "CalendarEntry",
        "ReportRevision", "ProjectMonthlyPlan", "Problem"];

    [Theory]
    [MemberData(nameof(Tables))]
    public async Task Save_OfACountedTable_WithoutItsNumber_IsRefused(string table)
    {
        var (code, problemId) = await ProjectWithProblemAsync();
        var projectId = await App.WithServicesAsync(sp => sp.GetRequiredService<AppDbContext>().Projects.Where(p => p.Code == code).Select(p => p.Id).SingleAsync());
        var message = await RefusedAsync(async db =>
        {
            switch (table)
            {
                case "Project":
                    (await db.Projects.SingleAsync(p => p.Id == projectId)).Name = "改名但不编号";
                    break;
                case "ProjectYearPlan":
                    (await db.ProjectYearPlans.FirstAsync(y => y.ProjectId == projectId)).PlannedInvestment += 1;
                    break;
                case "ProjectListMembership":
                    db.ProjectLists.Add(new ProjectListMembership { ProjectId = projectId, List = ProjectList.SpecialBond });
                    break;
                case "ProjectTeamMember":
                    db.ProjectTeam.Add(new ProjectTeamMember { ProjectId = projectId, Role = TeamRole.Leader, Name = "张三" });
                    break;
                case "Organisation":
                    (await db.Organisations.SingleAsync(o => o.Name == "范县")).Name = "范县（改）";
                    break;
                case "CalendarEntry":
                    db.Add(new CalendarEntry { Date = new DateOnly(2026, 12, 26), Kind = DayKind.MakeUpWorkday, Name = "调休", UpdatedByName = "test" });
                    break;
                case "ReportRevision":
                    db.Remove(new ReportRevision { Id = 1, ProjectId = projectId });
                    break;
                case "ProjectMonthlyPlan":
                    db.Remove(new ProjectMonthlyPlan { ProjectId = projectId, Year = 2023, Month = 1 });
                    break;
                case "Problem":
                    (await db.Problems.SingleAsync(p => p.Id == problemId)).Title = "改了标题但不编号";
                    break;
            }
            Audit(db);
            await db.SaveChangesAsync();
        });
        message.ShouldContain("change number");
        message.ShouldContain(ChangeGuard.NumberName(CountedTables.ByType.Single(t => t.Key.Name == table).Value));
    }

    [Fact]
    public async Task Save_OfACountedTable_OutsideATransaction_IsRefused()
    {
        await App.WithServicesAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            (await db.Organisations.SingleAsync(o => o.Name == "范县")).Name = "范县（改）";
            Audit(db);
            var error = await Should.ThrowAsync<InvalidOperationException>(() => db.SaveChangesAsync());
            error.Message.ShouldContain("organisation tree change number");
        });
    }

    [Theory]
    [MemberData(nameof(Tables))]
    public async Task BulkCommand_OnACountedTable_WithoutItsNumber_IsRefusedAtTheCommit(string table)
    {
        var message = await RefusedAsync(db => table switch
        {
            "Project" => db.Projects.Where(p => p.Id < 0).ExecuteUpdateAsync(u => u.SetProperty(p => p.Name, "批量改名")),
            "ProjectYearPlan" => db.ProjectYearPlans.Where(p => p.Id < 0).ExecuteDeleteAsync(),
            "ProjectListMembership" => db.ProjectLists.Where(p => p.Id < 0).ExecuteDeleteAsync(),
            "ProjectTeamMember" => db.ProjectTeam.Where(p => p.Id < 0).ExecuteUpdateAsync(u => u.SetProperty(p => p.Name, "李四")),
            "Organisation" => db.Organisations.Where(o => o.Id < 0).ExecuteUpdateAsync(u => u.SetProperty(o => o.Name, "批量改名")),
            "CalendarEntry" => db.CalendarEntries.Where(c => c.Version < 0).ExecuteDeleteAsync(),
            "ReportRevision" => db.ReportRevisions.Where(r => r.Id < 0).ExecuteDeleteAsync(),
            "ProjectMonthlyPlan" => db.ProjectMonthlyPlans.Where(p => p.Year < 0).ExecuteUpdateAsync(u => u.SetProperty(p => p.PlannedInvestment, 1m)),
            _ => db.Problems.Where(p => p.Id < 0).ExecuteUpdateAsync(u => u.SetProperty(p => p.Level, 2)),
        });
        message.ShouldContain(ChangeGuard.NumberName(CountedTables.ByType.Single(t => t.Key.Name == table).Value));
    }

    [Fact]
    public async Task BulkWriter_RowsWithoutTheirNumber_AreRefused_AndWithItTheyAreWritten()
    {
        var code = await App.CreateProjectAsync(Builders.Project(await OrgAsync("濮阳县")));
        var projectId = await App.WithServicesAsync(sp => sp.GetRequiredService<AppDbContext>().Projects.Where(p => p.Code == code).Select(p => p.Id).SingleAsync());
        List<ProjectMonthlyPlan> Plans(long seq) => [.. Enumerable.Range(1, 12).Select(m => new ProjectMonthlyPlan { ProjectId = projectId, Year = 2024, Month = m, PlannedInvestment = 1m, ChangeSeq = seq })];

        (await RefusedAsync(db => BulkWriter.InsertAsync(db, Plans(0), default))).ShouldContain("progress change number");
        (await RefusedAsync(async db =>
        {
            await ChangeCounter.NextAsync(db, Counter.Progress, default);
            await BulkWriter.InsertAsync(db, Plans(0), default); // the number taken, but the rows do not carry it
        })).ShouldContain("progress change number");
        var root = await OrgAsync("濮阳市");
        (await RefusedAsync(db => BulkWriter.InsertAsync(db, [new Organisation { Name = "批量新建", Kind = OrgKind.Department, ParentId = root, Path = "/bulk/", Version = 1 }], default)))
            .ShouldContain("organisation tree change number");

        var before = await NumbersAsync();
        await App.WithServicesAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            await using var tx = await db.UnitOfWorkAsync(default);
            await BulkWriter.InsertAsync(db, Plans(await ChangeCounter.NextAsync(db, Counter.Progress, default)), default);
            await tx.CommitAsync(default);
        });
        (await NumbersAsync()).Progress.ShouldBe(before.Progress + 1);
        (await App.WithServicesAsync(sp => sp.GetRequiredService<AppDbContext>().ProjectMonthlyPlans.CountAsync(p => p.Year == 2024))).ShouldBe(12);
    }

    [Fact]
    public async Task AWriteThatTakesItsNumber_IsCommitted_ByEveryPath()
    {
        var (_, problemId) = await ProjectWithProblemAsync();
        var before = await NumbersAsync();
        await App.WithServicesAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            await using var tx = await db.UnitOfWorkAsync(default);
            (await db.Organisations.SingleAsync(o => o.Name == "范县")).SortOrder += 1;
            Audit(db);
            await db.SaveChangesAsync();
            await ChangeCounter.NextAsync(db, Counter.Organisations, default); // before the commit is enough for the tree
            await db.Problems.Where(p => p.Id == problemId).ExecuteUpdateAsync(u => u.SetProperty(p => p.Level, 2));
            await ChangeCounter.StampProblemsAsync(db, [problemId], default);
            await tx.CommitAsync(default);
        });
        var after = await NumbersAsync();
        (after.Organisations, after.Problems).ShouldBe((before.Organisations + 1, before.Problems + 1));
    }

    [Fact]
    public async Task EveryWriter_MovesItsCounter()
    {
        June3();
        var county = await OrgAsync("濮阳县");
        var n = await NumbersAsync();
        async Task<ChangeNumbers> Moved(Func<ChangeNumbers, long> counter, string writer)
        {
            var now = await NumbersAsync();
            counter(now).ShouldBeGreaterThan(counter(n), writer);
            return n = now;
        }

        await App.CreateOrgAsync("濮阳县", Unit, OrgKind.ProjectUnit);
        await Moved(x => x.Organisations, "OrgService.CreateAsync");
        var unitId = await OrgAsync(Unit);
        await App.WithServicesAsync(async sp => (await sp.GetRequiredService<OrgService>().RenameAsync(Actor.System("test"), unitId, Unit, true)).Succeeded.ShouldBeTrue());
        (await NumbersAsync()).ShouldBe(n); // nothing changed: nothing written
        await App.WithServicesAsync(async sp => (await sp.GetRequiredService<OrgService>().RenameAsync(Actor.System("test"), await OrgAsync("范县"), "范县新区", true)).Succeeded.ShouldBeTrue());
        await Moved(x => x.Organisations, "OrgService.RenameAsync");

        var code = await App.CreateProjectAsync(Builders.Project(county, plan2023: 12_000m, total: 50_000m) with { UnitName = Unit });
        await Moved(x => x.Projects, "ProjectService.CreateAsync");
        await App.WithServicesAsync(async sp => (await sp.GetRequiredService<ProjectService>().RetireAsync(Actor.System("test"), code, 1, "测试")).Succeeded.ShouldBeTrue());
        await Moved(x => x.Projects, "ProjectService.RetireAsync");
        await App.WithServicesAsync(async sp => (await sp.GetRequiredService<ProjectService>().RestoreAsync(Actor.System("test"), code, 2, "测试")).Succeeded.ShouldBeTrue());
        await Moved(x => x.Projects, "ProjectService.RestoreAsync");

        await App.CreateUserAsync("junheng", Role.ProjectUnit, Unit);
        await App.CreateUserAsync("pyx", Role.Staff, "濮阳县");
        var unit = await App.ApiClientAsync("junheng");
        var staff = await App.ApiClientAsync("pyx");
        decimal[] amounts = [600m, 900m, 1_200m, 1_500m, 1_800m, 1_000m, 1_000m, 1_000m, 1_000m, 1_000m, 500m, 500m];
        (await staff.PutJsonAsync($"/api/v1/projects/{code}/monthly-plans/2023", new { version = 0, amounts })).StatusCode.ShouldBe(HttpStatusCode.OK);
        await Moved(x => x.Progress, "MilestoneService.SaveMonthlyPlanAsync");
        var id = await SubmitMayAsync(unit, code);
        (await NumbersAsync()).Progress.ShouldBe(n.Progress); // a submission changes no metric (decision 008)
        (await staff.PostJsonAsync($"/api/v1/reports/{id}/approve", new { version = 1 })).StatusCode.ShouldBe(HttpStatusCode.OK);
        await Moved(x => x.Progress, "ReportService.ApproveAsync");

        await App.WithServicesAsync(async sp => (await sp.GetRequiredService<CalendarService>().SetAsync(Actor.System("test"), new DateOnly(2026, 12, 26), DayKind.MakeUpWorkday, "调休", null, default)).Succeeded.ShouldBeTrue());
        await Moved(x => x.Organisations, "CalendarService.SetAsync");
        await App.WithServicesAsync(async sp => (await sp.GetRequiredService<CalendarService>().RemoveAsync(Actor.System("test"), new DateOnly(2026, 12, 26), default)).Succeeded.ShouldBeTrue());
        await Moved(x => x.Organisations, "CalendarService.RemoveAsync");
    }

    private static async Task<long> SubmitMayAsync(HttpClient unit, string code)
    {
        var response = await unit.PostJsonAsync("/api/v1/reports", new
        {
            projectCode = code, year = 2023, month = 5, ytdCompleted = 9_091m, submit = true,
            fundsMonth = new { local = 1_000m, bankLoan = 2_000m }, startStatus = "Started", workers = 320, imageProgress = "主体结构封顶",
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.JsonAsync()).GetProperty("id").GetInt64();
    }

    /// <summary>The county's metrics for May as a user sees them on another server.</summary>
    private async Task<JsonElement> MetricsOnAsync(WebApplicationFactory<Program> server, string user, string query)
    {
        var client = server.CreateClient();
        client.DefaultRequestHeaders.Authorization = (await App.ApiClientAsync(user)).DefaultRequestHeaders.Authorization;
        var response = await client.GetAsync("/api/v1/metrics?" + query);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }

    [Fact]
    public async Task ASecondServer_SeesARevisionAMonthlyPlanAndARename_OnItsNextRequest()
    {
        June3();
        var county = await OrgAsync("濮阳县");
        await App.CreateOrgAsync("濮阳县", Unit, OrgKind.ProjectUnit);
        var code = await App.CreateProjectAsync(Builders.Project(county, plan2023: 12_000m, total: 50_000m) with { UnitName = Unit });
        await App.CreateUserAsync("junheng", Role.ProjectUnit, Unit);
        await App.CreateUserAsync("pyx", Role.Staff, "濮阳县");
        var unit = await App.ApiClientAsync("junheng");
        var staff = await App.ApiClientAsync("pyx");
        await using var second = App.WithWebHostBuilder(_ => { });
        var may = $"org={county}&period=2023-05&convention=plan";
        var first = (await MetricsOnAsync(second, "pyx", may)).GetProperty("metrics"); // its copies load now
        first.GetProperty("ytdCompleted").GetDecimal().ShouldBe(0m);
        first.Str("orgName").ShouldBe("濮阳县");

        var id = await SubmitMayAsync(unit, code);
        (await staff.PostJsonAsync($"/api/v1/reports/{id}/approve", new { version = 1 })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var approved = (await MetricsOnAsync(second, "pyx", may)).GetProperty("metrics");
        approved.GetProperty("ytdCompleted").GetDecimal().ShouldBe(9_091m); // the revision
        approved.GetProperty("timeProgress").GetProperty("value").GetDecimal().ShouldBe(41.7m); // no monthly plan: the annual plan spread evenly

        decimal[] amounts = [600m, 900m, 1_200m, 1_500m, 1_800m, 1_000m, 1_000m, 1_000m, 1_000m, 1_000m, 500m, 500m];
        (await staff.PutJsonAsync($"/api/v1/projects/{code}/monthly-plans/2023", new { version = 0, amounts })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await MetricsOnAsync(second, "pyx", may)).GetProperty("metrics").GetProperty("timeProgress").GetProperty("value").GetDecimal().ShouldBe(50.0m); // the plan

        await App.WithServicesAsync(async sp => (await sp.GetRequiredService<OrgService>().RenameAsync(Actor.System("test"), county, "濮阳县（新）", true)).Succeeded.ShouldBeTrue());
        (await MetricsOnAsync(second, "pyx", may)).GetProperty("metrics").Str("orgName").ShouldBe("濮阳县（新）"); // the tree
    }
}

public sealed class ChangeNumberTestsSqlite : ChangeNumberTests<SqliteTestDatabase>;

public sealed class ChangeNumberTestsPostgres : ChangeNumberTests<PostgresTestDatabase>;
