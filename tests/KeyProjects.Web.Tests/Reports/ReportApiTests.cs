using System.Net;
using System.Text.Json;
using KeyProjects.Domain.Access;
using KeyProjects.Domain.Organisations;
using KeyProjects.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace KeyProjects.Web.Tests.Reports;

public abstract class ReportApiTests<TDb> : AppTest<TDb> where TDb : TestDatabase, new()
{
    private const string Unit = "濮阳君恒生物科技有限公司";

    /// <summary>3 June 2023, 10:00 in China: May's reports are due (window 25 May – 5 June).</summary>
    private void June3() => App.Clock.Set(new DateTimeOffset(2023, 6, 3, 10, 0, 0, TimeSpan.FromHours(8)));

    private async Task<(string Code, HttpClient Unit, HttpClient Staff)> ProjectWithUnitAsync(decimal plan = 20_000m, decimal total = 50_000m)
    {
        June3();
        var county = await OrgAsync("濮阳县");
        await App.CreateOrgAsync("濮阳县", Unit, OrgKind.ProjectUnit);
        var code = await App.CreateProjectAsync(Builders.Project(county, plan2023: plan, total: total) with { UnitName = Unit });
        await App.CreateUserAsync("junheng", Role.ProjectUnit, Unit);
        await App.CreateUserAsync("pyx", Role.Staff, "濮阳县");
        return (code, await App.ApiClientAsync("junheng"), await App.ApiClientAsync("pyx"));
    }

    private static object May(string code, decimal? ytd = null, decimal? month = null, bool submit = false, int? version = null, int m = 5) => new
    {
        projectCode = code, year = 2023, month = m, ytdCompleted = ytd, monthCompleted = month, submit, version,
        fundsMonth = new { local = 1_000m, bankLoan = 2_000m }, startStatus = "Started", workers = 320, imageProgress = "主体结构封顶",
    };

    private static async Task<JsonElement> OkJson(Task<HttpResponseMessage> call, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await call;
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task<JsonElement> Metrics(HttpClient client, string query) => await OkJson(client.GetAsync("/api/v1/metrics?" + query));

    [Fact]
    public async Task UnitSubmits_StaffApproves_AndTheCountysCompletionRateChanges()
    {
        var (code, unit, staff) = await ProjectWithUnitAsync();
        var county = await OrgAsync("濮阳县");

        var created = await OkJson(unit.PostJsonAsync("/api/v1/reports", May(code, ytd: 9_091m, submit: true)), HttpStatusCode.Created);
        created.Str("status").ShouldBe("Submitted");
        created.GetProperty("sinceStartCompleted").GetDecimal().ShouldBe(9_091m);
        created.GetProperty("fundsYtd").GetDecimal().ShouldBe(3_000m);
        var id = created.GetProperty("id").GetInt64();

        // Not approved yet: the county's figures do not count it.
        var before = await Metrics(staff, $"org={county}&period=2023-05");
        before.GetProperty("metrics").GetProperty("ytdCompleted").GetDecimal().ShouldBe(0m);

        (await unit.PostJsonAsync($"/api/v1/reports/{id}/approve", new { version = 1 })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var approved = await OkJson(staff.PostJsonAsync($"/api/v1/reports/{id}/approve", new { version = 1 }));
        approved.Str("status").ShouldBe("Approved");
        approved.Str("reviewedBy").ShouldBe("pyx");

        var after = (await Metrics(staff, $"org={county}&period=2023-05")).GetProperty("metrics");
        after.GetProperty("ytdCompleted").GetDecimal().ShouldBe(9_091m);
        after.GetProperty("completionRate").GetProperty("value").GetDecimal().ShouldBe(45.5m);
        after.GetProperty("timeProgress").GetProperty("value").GetDecimal().ShouldBe(41.7m);
        after.GetProperty("pointsAhead").GetProperty("value").GetDecimal().ShouldBe(3.8m);
        after.GetProperty("fundsRate").GetProperty("value").GetDecimal().ShouldBe(15.0m);
        after.GetProperty("startRate").GetProperty("value").GetDecimal().ShouldBe(100m);
        var days = (await Metrics(staff, $"org={county}&period=2023-05&convention=days")).GetProperty("metrics");
        days.GetProperty("timeProgress").GetProperty("value").GetDecimal().ShouldBe(41.4m);

        var listed = await OkJson(unit.GetAsync($"/api/v1/reports?projectCode={code}&year=2023&month=5"));
        listed.GetArrayLength().ShouldBe(1);
        listed[0].Str("status").ShouldBe("Approved");
    }

    [Fact]
    public async Task BadInput_IsRefusedInChinese_AndNothingIsWritten()
    {
        var (code, unit, staff) = await ProjectWithUnitAsync();

        var negative = await OkJson(unit.PostJsonAsync("/api/v1/reports", May(code, month: -5m)), HttpStatusCode.BadRequest);
        negative.GetProperty("errors").GetProperty("MonthCompleted")[0].GetString()!.ShouldNotBeNullOrWhiteSpace();

        var text = new StringContent($$"""{"projectCode":"{{code}}","year":2023,"month":5,"monthCompleted":"一千"}""", System.Text.Encoding.UTF8, "application/json");
        var nonNumeric = await unit.PostAsync("/api/v1/reports", text);
        nonNumeric.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await nonNumeric.Content.ReadAsStringAsync()).ShouldNotContain("   at ");

        App.Clock.Set(new DateTimeOffset(2023, 6, 3, 10, 0, 0, TimeSpan.FromHours(8)));
        var future = await OkJson(unit.PostJsonAsync("/api/v1/reports", May(code, month: 100m, m: 6)), HttpStatusCode.BadRequest);
        future.Str("detail").ShouldContain("尚未开始填报");

        var beyond = await OkJson(unit.PostJsonAsync("/api/v1/reports", May(code, month: 60_000m)), HttpStatusCode.BadRequest);
        beyond.GetProperty("errors").GetProperty("SinceStartCompleted")[0].GetString()!.ShouldContain("不能超过项目总投资");

        var other = await App.CreateProjectAsync(Builders.Project(await OrgAsync("南乐县")));
        (await unit.PostJsonAsync("/api/v1/reports", May(other, month: 5m))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await staff.PostJsonAsync("/api/v1/reports", May(other, month: 5m))).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        (await OkJson(staff.GetAsync("/api/v1/reports?year=2023"))).GetArrayLength().ShouldBe(0);
        var bad = await OkJson(staff.GetAsync("/api/v1/metrics?convention=weeks&asOf=2023-13-01"), HttpStatusCode.BadRequest);
        bad.GetProperty("errors").EnumerateObject().Select(p => p.Name).ShouldBe(["asOf", "convention"], ignoreOrder: true);
    }

    [Fact]
    public async Task CumulativeBelowLastMonth_IsRefused_AndTheMonthIsDerivedFromTheYearToDate()
    {
        var (code, unit, staff) = await ProjectWithUnitAsync();
        var april = await OkJson(unit.PostJsonAsync("/api/v1/reports", May(code, ytd: 4_000m, submit: true, m: 4)), HttpStatusCode.Created);
        await OkJson(staff.PostJsonAsync($"/api/v1/reports/{april.GetProperty("id").GetInt64()}/approve", new { version = 1 }));

        var lower = await OkJson(unit.PostJsonAsync("/api/v1/reports", May(code, ytd: 3_500m)), HttpStatusCode.BadRequest);
        lower.GetProperty("errors").GetProperty("YtdCompleted")[0].GetString()!.ShouldContain("不能低于上月");

        var may = await OkJson(unit.PostJsonAsync("/api/v1/reports", May(code, ytd: 5_500m)), HttpStatusCode.Created);
        may.GetProperty("monthCompleted").GetDecimal().ShouldBe(1_500m);
        may.GetProperty("fundsYtd").GetDecimal().ShouldBe(6_000m);
    }

    [Fact]
    public async Task TwoPeopleSavingTheSameReport_TheSecondIsToldToReload()
    {
        var (code, unit, staff) = await ProjectWithUnitAsync();
        var created = await OkJson(unit.PostJsonAsync("/api/v1/reports", May(code, ytd: 5_000m)), HttpStatusCode.Created);
        var v = created.GetProperty("version").GetInt32();

        await OkJson(unit.PostJsonAsync("/api/v1/reports", May(code, ytd: 5_100m, version: v)));
        var stale = await unit.PostJsonAsync("/api/v1/reports", May(code, ytd: 5_200m, version: v));
        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        // The report exists: a save without its version is refused as 428 (it was 409 before the API contract of issue 11).
        var again = await OkJson(unit.PostJsonAsync("/api/v1/reports", May(code, ytd: 5_300m)), (HttpStatusCode)428);
        again.Str("title").ShouldNotBeNullOrWhiteSpace();

        // Two submissions of the same version at once: one wins.
        var id = created.GetProperty("id").GetInt64();
        var both = await Task.WhenAll(
            unit.PostJsonAsync($"/api/v1/reports/{id}/submit", new { version = v + 1 }),
            staff.PostJsonAsync($"/api/v1/reports/{id}/submit", new { version = v + 1 }));
        both.Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBe(1);
        both.Count(r => r.StatusCode == HttpStatusCode.Conflict).ShouldBe(1);
        var final = await OkJson(unit.GetAsync($"/api/v1/reports/{id}"));
        final.GetProperty("ytdCompleted").GetDecimal().ShouldBe(5_100m);
        final.GetProperty("version").GetInt32().ShouldBe(v + 2);
    }

    [Fact]
    public async Task ReturnNeedsAReason_ClosingLocks_AndOnlyAnAdministratorReopensWithAReason()
    {
        var (code, unit, staff) = await ProjectWithUnitAsync();
        var county = await OrgAsync("濮阳县");
        var r = await OkJson(unit.PostJsonAsync("/api/v1/reports", May(code, ytd: 5_000m, submit: true)), HttpStatusCode.Created);
        var id = r.GetProperty("id").GetInt64();

        var noReason = await OkJson(staff.PostJsonAsync($"/api/v1/reports/{id}/return", new { version = 1 }), HttpStatusCode.BadRequest);
        noReason.GetProperty("errors").GetProperty("Reason")[0].GetString()!.ShouldNotBeNullOrWhiteSpace();
        var closeEarly = await OkJson(staff.PostAsync($"/api/v1/periods/close?org={county}&year=2023&month=5", null), HttpStatusCode.BadRequest);
        closeEarly.Str("detail").ShouldContain("待审核");

        var returned = await OkJson(staff.PostJsonAsync($"/api/v1/reports/{id}/return", new { version = 1, reason = "到位资金来源不清" }));
        returned.Str("status").ShouldBe("Returned");
        returned.Str("returnReason").ShouldBe("到位资金来源不清");
        var fixedUp = await OkJson(unit.PostJsonAsync("/api/v1/reports", May(code, ytd: 5_000m, submit: true, version: 2)));
        fixedUp.Str("status").ShouldBe("Submitted");
        await OkJson(staff.PostJsonAsync($"/api/v1/reports/{id}/approve", new { version = 3 }));

        (await OkJson(staff.PostAsync($"/api/v1/periods/close?org={county}&year=2023&month=5", null))).GetProperty("locked").GetInt32().ShouldBe(1);
        (await OkJson(unit.GetAsync($"/api/v1/reports/{id}"))).Str("status").ShouldBe("Locked");
        var late = await App.CreateProjectAsync(Builders.Project(county) with { UnitName = Unit });
        (await OkJson(unit.PostJsonAsync("/api/v1/reports", May(late, month: 10m)), HttpStatusCode.BadRequest)).Str("detail").ShouldContain("已关闭");
        (await OkJson(unit.PostJsonAsync("/api/v1/reports", May(code, ytd: 6_000m, version: 5)), HttpStatusCode.BadRequest)).Str("detail").ShouldContain("锁定");

        (await staff.PostJsonAsync($"/api/v1/reports/{id}/reopen", new { version = 5, reason = "统计局核减" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        await App.CreateUserAsync("pyadmin", Role.Admin, "濮阳县");
        var admin = await App.ApiClientAsync("pyadmin");
        (await admin.PostJsonAsync($"/api/v1/reports/{id}/reopen", new { version = 5 })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var reopened = await OkJson(admin.PostJsonAsync($"/api/v1/reports/{id}/reopen", new { version = 5, reason = "统计局核减" }));
        reopened.Str("status").ShouldBe("Returned");

        var audit = await OkJson(admin.GetAsync("/api/v1/audit?entityType=MonthlyReport"));
        audit.GetRawText().ShouldContain("统计局核减");
    }

    [Fact]
    public async Task History_CountsFromItsDate_AndALaterCorrectionIsNotRewrittenIntoThePast()
    {
        var (code, _, staff) = await ProjectWithUnitAsync();
        var county = await OrgAsync("濮阳县");
        await App.CreateUserAsync("pyadmin", Role.Admin, "濮阳县");
        var admin = await App.ApiClientAsync("pyadmin");
        (await staff.PostJsonAsync("/api/v1/reports", new { projectCode = code, year = 2023, month = 3, ytdCompleted = 3_000m, history = true }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var loaded = await OkJson(admin.PostJsonAsync("/api/v1/reports",
            new { projectCode = code, year = 2023, month = 3, ytdCompleted = 3_000m, history = true }), HttpStatusCode.Created);
        loaded.GetProperty("isLoaded").GetBoolean().ShouldBeTrue();
        loaded.Str("loadedBy").ShouldBe("pyadmin");
        loaded.Str("status").ShouldBe("Locked");
        await OkJson(admin.PostJsonAsync("/api/v1/reports",
            new { projectCode = code, year = 2023, month = 3, ytdCompleted = 3_600m, history = true, knownFrom = "2023-05-20" }));

        // Known from the deadline (5 April) by default; as of 1 April nothing was known yet.
        var early = (await Metrics(staff, $"org={county}&asOf=2023-04-01&period=2023-03")).GetProperty("metrics");
        early.GetProperty("ytdCompleted").GetDecimal().ShouldBe(0m);
        var april = await Metrics(staff, $"org={county}&asOf=2023-04-29");
        april.Str("period").ShouldBe("2023-03");
        april.GetProperty("metrics").GetProperty("ytdCompleted").GetDecimal().ShouldBe(3_000m);
        april.GetProperty("corrections").GetInt32().ShouldBe(1);
        var now = await Metrics(staff, $"org={county}&period=2023-03");
        now.GetProperty("metrics").GetProperty("ytdCompleted").GetDecimal().ShouldBe(3_600m);
        now.GetProperty("corrections").GetInt32().ShouldBe(1);
        // April not reported: March carries forward into 1至4月.
        var carried = (await Metrics(staff, $"org={county}&period=2023-04")).GetProperty("metrics");
        carried.GetProperty("ytdCompleted").GetDecimal().ShouldBe(3_600m);
    }

    [Fact]
    public async Task AnOrganisationsOwnWindow_OpensItsMonthEarlier_ForItsSubtreeOnly()
    {
        // 南乐县 opens a month's reports on the 20th; everyone else on the installation's 25th.
        var reporting = App.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<KeyProjects.Web.Features.Reports.ReportingOptions>>().Value;
        reporting.Organisations["南乐县"] = new() { OpensOnDay = 20, DeadlineDay = 3 };
        App.Clock.Set(new DateTimeOffset(2023, 5, 21, 10, 0, 0, TimeSpan.FromHours(8)));
        await App.CreateUserAsync("pys", Role.Staff, "濮阳市");
        var city = await App.ApiClientAsync("pys");
        var nanle = await App.CreateProjectAsync(Builders.Project(await OrgAsync("南乐县")));
        var puyang = await App.CreateProjectAsync(Builders.Project(await OrgAsync("濮阳县")));

        (await city.PostJsonAsync("/api/v1/reports", May(nanle, month: 100m))).StatusCode.ShouldBe(HttpStatusCode.Created);
        var refused = await OkJson(city.PostJsonAsync("/api/v1/reports", May(puyang, month: 100m)), HttpStatusCode.BadRequest);
        refused.Str("detail").ShouldContain("2023-05-25");
    }

    [Fact]
    public async Task PlanConvention_MeasuresTimeByTheProjectsOwnMonthlyPlan()
    {
        var (code, unit, staff) = await ProjectWithUnitAsync(plan: 12_000m);
        var county = await OrgAsync("濮阳县");
        decimal[] amounts = [600m, 900m, 1_200m, 1_500m, 1_800m, 1_000m, 1_000m, 1_000m, 1_000m, 1_000m, 500m, 500m];
        await OkJson(staff.PutJsonAsync($"/api/v1/projects/{code}/monthly-plans/2023", new { version = 0, amounts }));
        var may = await OkJson(unit.PostJsonAsync("/api/v1/reports", May(code, ytd: 5_460m, submit: true)), HttpStatusCode.Created);
        await OkJson(staff.PostJsonAsync($"/api/v1/reports/{may.GetProperty("id").GetInt64()}/approve", new { version = 1 }));

        var plan = (await Metrics(staff, $"org={county}&period=2023-05&convention=plan")).GetProperty("metrics");
        plan.GetProperty("completionRate").GetProperty("value").GetDecimal().ShouldBe(45.5m);
        plan.GetProperty("timeProgress").GetProperty("value").GetDecimal().ShouldBe(50.0m);
        plan.GetProperty("pointsAhead").GetProperty("value").GetDecimal().ShouldBe(-4.5m);
        var months = (await Metrics(staff, $"org={county}&period=2023-05&convention=months")).GetProperty("metrics");
        months.GetProperty("pointsAhead").GetProperty("value").GetDecimal().ShouldBe(3.8m);
    }

    [Fact]
    public async Task ByChildren_GivesEachCountyAndItsPointsAboveTheCity()
    {
        June3();
        await App.CreateUserAsync("pysadmin", Role.Admin, "濮阳市");
        var admin = await App.ApiClientAsync("pysadmin");
        var puyang = await App.CreateProjectAsync(Builders.Project(await OrgAsync("濮阳县"), plan2023: 10_000m));
        var nanle = await App.CreateProjectAsync(Builders.Project(await OrgAsync("南乐县"), plan2023: 30_000m));
        await OkJson(admin.PostJsonAsync("/api/v1/reports", new { projectCode = puyang, year = 2023, month = 4, ytdCompleted = 5_100m, history = true }), HttpStatusCode.Created);
        await OkJson(admin.PostJsonAsync("/api/v1/reports", new { projectCode = nanle, year = 2023, month = 4, ytdCompleted = 12_500m, history = true }), HttpStatusCode.Created);

        var city = await Metrics(admin, $"org={await OrgAsync("濮阳市")}&period=2023-04&by=children&list=City");
        city.GetProperty("metrics").GetProperty("completionRate").GetProperty("value").GetDecimal().ShouldBe(44.0m);
        var children = city.GetProperty("children").EnumerateArray().ToDictionary(c => c.Str("orgName"));
        children["濮阳县"].GetProperty("completionRate").GetProperty("value").GetDecimal().ShouldBe(51.0m);
        children["濮阳县"].GetProperty("pointsAboveParent").GetProperty("value").GetDecimal().ShouldBe(7.0m);
        children["南乐县"].GetProperty("pointsAboveParent").GetProperty("value").GetDecimal().ShouldBe(-2.3m);
        var none = await Metrics(admin, $"org={await OrgAsync("濮阳市")}&period=2023-04&list=Provincial");
        none.GetProperty("metrics").GetProperty("projects").GetInt32().ShouldBe(0);
    }
}

public sealed class ReportApiTestsSqlite : ReportApiTests<SqliteTestDatabase>;

public sealed class ReportApiTestsPostgres : ReportApiTests<PostgresTestDatabase>;
