using System.Net;
using System.Text.Json;
using KeyProjects.Domain.Access;
using KeyProjects.Web.Data;
using KeyProjects.Web.Features.Milestones;
using KeyProjects.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KeyProjects.Web.Tests.Milestones;

/// <summary>倒排工期 and 按月排进度 over the API, as an integrator would use them. The test clock's today is 2026-11-22.</summary>
public abstract class MilestoneApiTests<TDb> : AppTest<TDb> where TDb : TestDatabase, new()
{
    private async Task<(HttpClient Client, string Code)> CountyStaffWithProjectAsync(decimal? plan2023 = 12_000m)
    {
        var code = await App.CreateProjectAsync(Builders.Project(await OrgAsync("濮阳县"), plan2023: plan2023));
        await App.CreateUserAsync("pyx", Role.Staff, "濮阳县");
        return (await App.ApiClientAsync("pyx"), code);
    }

    private static object NewMilestone(string name = "主体封顶", string planned = "2026-12-31", string? owner = "县住建局") =>
        new { name, owner, plannedDate = planned, sortOrder = 10, note = "关键节点" };

    private static async Task<JsonElement> CreatedAsync(HttpClient client, string code, object body)
    {
        var response = await client.PostJsonAsync($"/api/v1/projects/{code}/milestones", body);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }

    private Task<int> CountAsync<T>() where T : class =>
        App.WithServicesAsync(sp => sp.GetRequiredService<AppDbContext>().Set<T>().CountAsync());

    [Fact]
    public async Task Create_SetsTheBaselineToThePlannedDate_AndListsIt()
    {
        var (client, code) = await CountyStaffWithProjectAsync();

        var m = await CreatedAsync(client, code, NewMilestone());

        m.Str("baselineDate").ShouldBe("2026-12-31");
        m.Str("plannedDate").ShouldBe("2026-12-31");
        m.GetProperty("actualDate").ValueKind.ShouldBe(JsonValueKind.Null);
        m.GetProperty("daysLate").GetInt32().ShouldBe(0);
        m.GetProperty("overdue").GetBoolean().ShouldBeFalse();
        m.GetProperty("version").GetInt32().ShouldBe(1);
        var list = await (await client.GetAsync($"/api/v1/projects/{code}/milestones")).JsonAsync();
        list.GetProperty("items").EnumerateArray().Select(i => i.Str("name")).ShouldBe(["主体封顶"]);
        var audit = await (await client.GetAsync($"/api/v1/audit?entityType=Milestone&entityKey={code}%23{m.GetProperty("id").GetInt32()}")).JsonAsync();
        audit.GetProperty("items").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task MovingThePlannedDate_WithAReason_KeepsTheBaseline_RecordsTheChange_AndCountsDaysLate()
    {
        var (client, code) = await CountyStaffWithProjectAsync();
        var m = await CreatedAsync(client, code, NewMilestone(planned: "2026-10-31"));
        var id = m.GetProperty("id").GetInt32();

        var put = await client.PutJsonAsync($"/api/v1/projects/{code}/milestones/{id}",
            new { name = "主体封顶", owner = "县住建局", plannedDate = "2026-12-15", sortOrder = 10, version = 1, reasonCode = "Land", reasonNote = "征迁未完成" });

        put.StatusCode.ShouldBe(HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
        var saved = await put.JsonAsync();
        saved.Str("baselineDate").ShouldBe("2026-10-31");
        saved.Str("plannedDate").ShouldBe("2026-12-15");
        saved.GetProperty("daysLate").GetInt32().ShouldBe(45);
        saved.GetProperty("version").GetInt32().ShouldBe(2);
        var change = saved.GetProperty("changes").EnumerateArray().Single();
        change.Str("oldDate").ShouldBe("2026-10-31");
        change.Str("newDate").ShouldBe("2026-12-15");
        change.Str("reasonCode").ShouldBe("Land");
        change.Str("reasonNote").ShouldBe("征迁未完成");
        change.Str("changedBy").ShouldBe("pyx");
    }

    [Fact]
    public async Task APlannedDateThatPassed_WithNothingDone_IsOverdue_AndLateUntilToday()
    {
        var (client, code) = await CountyStaffWithProjectAsync();
        await CreatedAsync(client, code, NewMilestone(planned: "2026-11-12"));

        var item = (await (await client.GetAsync($"/api/v1/projects/{code}/milestones")).JsonAsync()).GetProperty("items")[0];

        item.GetProperty("overdue").GetBoolean().ShouldBeTrue();
        item.GetProperty("daysLate").GetInt32().ShouldBe(10);
    }

    [Fact]
    public async Task ChangingTheDate_WithoutAReason_IsRefusedInChinese_AndNothingChanges()
    {
        var (client, code) = await CountyStaffWithProjectAsync();
        var id = (await CreatedAsync(client, code, NewMilestone())).GetProperty("id").GetInt32();

        var put = await client.PutJsonAsync($"/api/v1/projects/{code}/milestones/{id}", new { name = "主体封顶", plannedDate = "2027-03-31", version = 1 });

        put.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await put.JsonAsync()).GetProperty("errors").GetProperty("ReasonCode")[0].GetString().ShouldBe("修改计划完成日期须选择调整原因。");
        var item = (await (await client.GetAsync($"/api/v1/projects/{code}/milestones")).JsonAsync()).GetProperty("items")[0];
        item.Str("plannedDate").ShouldBe("2026-12-31");
        item.GetProperty("version").GetInt32().ShouldBe(1);
        (await CountAsync<MilestoneChange>()).ShouldBe(0);
    }

    [Fact]
    public async Task ReasonOther_WithoutANote_IsRefused_InTheCallersLanguage()
    {
        var (client, code) = await CountyStaffWithProjectAsync();
        var id = (await CreatedAsync(client, code, NewMilestone())).GetProperty("id").GetInt32();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");

        var put = await client.PutJsonAsync($"/api/v1/projects/{code}/milestones/{id}", new { name = "主体封顶", plannedDate = "2027-03-31", version = 1, reasonCode = "Other" });

        put.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await put.JsonAsync()).GetProperty("errors").GetProperty("ReasonNote")[0].GetString().ShouldBe("With the reason “Other”, explain what it is.");
        (await CountAsync<MilestoneChange>()).ShouldBe(0);
    }

    [Fact]
    public async Task ANameTooLong_IsRefused_AndNothingIsCreated()
    {
        var (client, code) = await CountyStaffWithProjectAsync();

        var response = await client.PostJsonAsync($"/api/v1/projects/{code}/milestones", NewMilestone(name: new string('节', 101)));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.JsonAsync()).GetProperty("errors").GetProperty("Name")[0].GetString().ShouldBe("不能超过 100 个字。");
        (await CountAsync<Milestone>()).ShouldBe(0);
    }

    [Fact]
    public async Task AStaleVersion_Is409_AndTheFirstSaveStands()
    {
        var (client, code) = await CountyStaffWithProjectAsync();
        var id = (await CreatedAsync(client, code, NewMilestone())).GetProperty("id").GetInt32();
        (await client.PutJsonAsync($"/api/v1/projects/{code}/milestones/{id}", new { name = "主体结构封顶", plannedDate = "2026-12-31", version = 1 }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

        var stale = await client.PutJsonAsync($"/api/v1/projects/{code}/milestones/{id}", new { name = "封顶", plannedDate = "2026-12-31", version = 1 });

        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var problem = await stale.JsonAsync();
        problem.GetProperty("currentVersion").GetInt32().ShouldBe(2);
        problem.GetProperty("changedFields").EnumerateArray().Select(f => f.GetString()).ShouldContain("Name");
        (await (await client.GetAsync($"/api/v1/projects/{code}/milestones")).JsonAsync()).GetProperty("items")[0].Str("name").ShouldBe("主体结构封顶");
    }

    [Fact]
    public async Task SomeoneElsesProject_IsNotFound_AndAViewerMayReadButNotPlan()
    {
        var other = await App.CreateProjectAsync(Builders.Project(await OrgAsync("南乐县")));
        var (client, code) = await CountyStaffWithProjectAsync();
        await App.CreateUserAsync("leader", Role.Leader, "濮阳县");
        var leader = await App.ApiClientAsync("leader");

        (await client.GetAsync($"/api/v1/projects/{other}/milestones")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.PostJsonAsync($"/api/v1/projects/{other}/milestones", NewMilestone())).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.PutJsonAsync($"/api/v1/projects/{other}/monthly-plans/2023", new { version = 0, amounts = Enumerable.Repeat(1000m, 12) }))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await leader.GetAsync($"/api/v1/projects/{code}/milestones")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var refused = await leader.PostJsonAsync($"/api/v1/projects/{code}/milestones", NewMilestone());
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await refused.JsonAsync()).Str("detail").ShouldBe("您不能编排这个项目的节点计划和按月计划。");
        (await CountAsync<Milestone>()).ShouldBe(0);
        (await CountAsync<ProjectMonthlyPlan>()).ShouldBe(0);
    }

    [Fact]
    public async Task TheProjectsOwnUnit_MayPlanItsMilestonesAndMonths()
    {
        var org = await OrgAsync("濮阳县");
        await App.CreateOrgAsync("濮阳县", "测试项目单位有限公司", Domain.Organisations.OrgKind.ProjectUnit);
        var code = await App.CreateProjectAsync(Builders.Project(org, plan2023: 1_200m));
        await App.CreateUserAsync("unit", Role.ProjectUnit, "测试项目单位有限公司");
        var client = await App.ApiClientAsync("unit");

        await CreatedAsync(client, code, NewMilestone());
        (await client.PutJsonAsync($"/api/v1/projects/{code}/monthly-plans/2023", new { version = 0, amounts = Enumerable.Repeat(100m, 12) }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    // ---- 按月排进度

    [Fact]
    public async Task MonthlyPlan_SavedWhenItAddsUpToTheAnnualPlan_WithCumulativeAndPercent_AndOneChangeNumber()
    {
        var (client, code) = await CountyStaffWithProjectAsync(plan2023: 12_000m);
        var before = await App.WithServicesAsync(sp => Web.Infrastructure.Changes.ChangeCounter.ReadAsync(sp.GetRequiredService<AppDbContext>(), default));
        decimal[] amounts = [0, 0, 1000, 1000, 1500, 1500, 1500, 1500, 1000, 1000, 1000, 1000];

        var put = await client.PutJsonAsync($"/api/v1/projects/{code}/monthly-plans/2023", new { version = 0, amounts });

        put.StatusCode.ShouldBe(HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
        var plan = await put.JsonAsync();
        plan.GetProperty("total").GetDecimal().ShouldBe(12_000m);
        plan.GetProperty("annualPlan").GetDecimal().ShouldBe(12_000m);
        var june = plan.GetProperty("months")[5];
        june.GetProperty("cumulative").GetDecimal().ShouldBe(5_000m);
        june.GetProperty("percentOfAnnualPlan").GetDecimal().ShouldBe(41.7m);
        var after = await App.WithServicesAsync(sp => Web.Infrastructure.Changes.ChangeCounter.ReadAsync(sp.GetRequiredService<AppDbContext>(), default));
        after.Progress.ShouldBe(before.Progress + 1);
        plan.GetProperty("version").GetInt64().ShouldBe(after.Progress);
        var rows = await App.WithServicesAsync(sp => sp.GetRequiredService<AppDbContext>().ProjectMonthlyPlans.ToListAsync());
        rows.Count.ShouldBe(12);
        rows.ShouldAllBe(r => r.ChangeSeq == after.Progress && r.Year == 2023);
        var got = await client.GetAsync($"/api/v1/projects/{code}/monthly-plans/2023");
        got.Headers.ETag!.ToString().ShouldBe($"\"{after.Progress}\""); // strong, as If-Match compares
    }

    [Fact]
    public async Task MonthlyPlan_NotAddingUp_IsRefusedWithTheDifference_AndNothingIsWritten()
    {
        var (client, code) = await CountyStaffWithProjectAsync(plan2023: 12_000m);

        var put = await client.PutJsonAsync($"/api/v1/projects/{code}/monthly-plans/2023", new { version = 0, amounts = Enumerable.Repeat(900m, 12) });

        put.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await put.JsonAsync()).GetProperty("errors").GetProperty("Total")[0].GetString()
            .ShouldBe("12 个月合计 10,800 万元，与年度计划投资 12,000 万元相差 -1,200 万元，请调整后再保存。");
        (await CountAsync<ProjectMonthlyPlan>()).ShouldBe(0);
    }

    [Fact]
    public async Task MonthlyPlan_WithoutAnAnnualPlan_AcceptsAnySplit()
    {
        var (client, code) = await CountyStaffWithProjectAsync(plan2023: null);

        var put = await client.PutJsonAsync($"/api/v1/projects/{code}/monthly-plans/2023", new { version = 0, amounts = Enumerable.Repeat(7.5m, 12) });

        put.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await put.JsonAsync()).GetProperty("annualPlan").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task MonthlyPlan_NegativeOrNonNumericAmounts_AreRefused_AndNothingIsWritten()
    {
        var (client, code) = await CountyStaffWithProjectAsync(plan2023: 12_000m);
        var amounts = Enumerable.Repeat(1000m, 12).ToArray();
        amounts[0] = 1500m;
        amounts[1] = -500m;

        var negative = await client.PutJsonAsync($"/api/v1/projects/{code}/monthly-plans/2023", new { version = 0, amounts });
        var text = await client.PutAsync($"/api/v1/projects/{code}/monthly-plans/2023",
            new StringContent("{\"version\":0,\"amounts\":[\"很多\",0,0,0,0,0,0,0,0,0,0,0]}", System.Text.Encoding.UTF8, "application/json"));

        negative.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await negative.JsonAsync()).GetProperty("errors").GetProperty("Months[2]")[0].GetString().ShouldBe("金额不能为负数。");
        text.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await text.JsonAsync()).Str("title").ShouldBe("请求无法处理");
        (await CountAsync<ProjectMonthlyPlan>()).ShouldBe(0);
    }

    [Fact]
    public async Task MonthlyPlan_AStaleVersion_Is409_NoLostUpdate_AndARewriteNeverDeletesAMonth()
    {
        var (client, code) = await CountyStaffWithProjectAsync(plan2023: 1_200m);
        var first = await (await client.PutJsonAsync($"/api/v1/projects/{code}/monthly-plans/2023", new { version = 0, amounts = Enumerable.Repeat(100m, 12) })).JsonAsync();
        var v1 = first.GetProperty("version").GetInt64();
        decimal[] frontLoaded = [600, 600, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        var second = await client.PutJsonAsync($"/api/v1/projects/{code}/monthly-plans/2023", new { version = v1, amounts = frontLoaded });
        second.StatusCode.ShouldBe(HttpStatusCode.OK);
        var v2 = (await second.JsonAsync()).GetProperty("version").GetInt64();

        var stale = await client.PutJsonAsync($"/api/v1/projects/{code}/monthly-plans/2023", new { version = v1, amounts = Enumerable.Repeat(100m, 12) });
        var firstSaveAgain = await client.PutJsonAsync($"/api/v1/projects/{code}/monthly-plans/2023", new { version = 0, amounts = Enumerable.Repeat(100m, 12) });

        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await stale.JsonAsync()).GetProperty("changedBy").GetString().ShouldBe("pyx");
        firstSaveAgain.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var rows = await App.WithServicesAsync(sp => sp.GetRequiredService<AppDbContext>().ProjectMonthlyPlans.OrderBy(r => r.Month).ToListAsync());
        rows.Select(r => r.PlannedInvestment).ShouldBe(frontLoaded);
        rows.ShouldAllBe(r => r.ChangeSeq == v2);
        v2.ShouldBeGreaterThan(v1);
    }

    [Fact]
    public async Task MonthlyPlan_WithoutAVersion_Is428()
    {
        var (client, code) = await CountyStaffWithProjectAsync(plan2023: 1_200m);
        var put = await client.PutJsonAsync($"/api/v1/projects/{code}/monthly-plans/2023", new { amounts = Enumerable.Repeat(100m, 12) });
        put.StatusCode.ShouldBe(HttpStatusCode.PreconditionRequired);
    }
}

public sealed class MilestoneApiTestsSqlite : MilestoneApiTests<SqliteTestDatabase>;

public sealed class MilestoneApiTestsPostgres : MilestoneApiTests<PostgresTestDatabase>;
