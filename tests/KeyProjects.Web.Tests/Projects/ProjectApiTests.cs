using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using KeyProjects.Domain.Access;
using KeyProjects.Domain.Projects;
using KeyProjects.Web.Tests.Infrastructure;

namespace KeyProjects.Web.Tests.Projects;

public abstract class ProjectApiTests<TDb> : AppTest<TDb> where TDb : TestDatabase, new()
{
    private async Task<HttpClient> CountyStaffAsync()
    {
        await App.CreateUserAsync("pyx", Role.Staff, "濮阳县");
        return await App.ApiClientAsync("pyx");
    }

    private static object NewProjectBody(int orgId, string code, decimal total = 80_000m) => new
    {
        code,
        name = "京东智慧物流港二期",
        orgId,
        levels = new[] { "Provincial", "City" },
        stage = "Procedures",
        sector = "ModernServices",
        investmentKind = "Enterprise",
        totalInvestment = total,
        yearPlans = new[] { new { year = 2023, plannedInvestment = 30_000m, kind = "New" } },
        plannedStart = "2023-04-01",
        plannedCompletion = "2024-10-31",
        lists = new object[] { new { list = "ThreeBatches", period = 7, batch = "Starting" }, new { list = "SpecialBond" } },
        team = new[] { new { role = "Leader", name = "张振华", title = "副县长" } },
        contactPhone = "0393-1234567",
    };

    [Fact]
    public async Task List_WithoutToken_Is401WithProblemDetails()
    {
        var response = await App.CreateClient().GetAsync("/api/v1/projects");
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var problem = await response.JsonAsync();
        problem.GetProperty("status").GetInt32().ShouldBe(401);
        problem.Str("title").ShouldBe("需要登录");
    }

    [Fact]
    public async Task Get_ProjectOutsideCallersSubtree_Is404()
    {
        var code = await App.CreateProjectAsync(Builders.Project(await OrgAsync("南乐县")));
        var client = await CountyStaffAsync();

        var response = await client.GetAsync($"/api/v1/projects/{code}");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Create_ThenGet_ReturnsWhatWasSent_WithVersionAndETag()
    {
        var client = await CountyStaffAsync();
        var org = await OrgAsync("濮阳县");
        var code = Builders.NextCode();

        var created = await client.PostJsonAsync("/api/v1/projects", NewProjectBody(org, code.ToLowerInvariant()));

        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        created.Headers.Location!.ToString().ShouldBe($"/api/v1/projects/{code}");
        var got = await client.GetAsync($"/api/v1/projects/{code}");
        got.Headers.ETag!.ToString().ShouldBe("\"1\""); // strong, as If-Match compares
        var p = await got.JsonAsync();
        p.Str("code").ShouldBe(code);
        p.Str("orgName").ShouldBe("濮阳县");
        p.GetProperty("totalInvestment").GetDecimal().ShouldBe(80_000m);
        p.GetProperty("levels").EnumerateArray().Select(l => l.GetString()).ShouldBe(["Provincial", "City"]);
        p.GetProperty("yearPlans")[0].GetProperty("plannedInvestment").GetDecimal().ShouldBe(30_000m);
        p.GetProperty("lists").EnumerateArray().Select(l => l.Str("list")).ShouldBe(["ThreeBatches", "SpecialBond"]);
        p.GetProperty("lists")[0].GetProperty("period").GetInt32().ShouldBe(7);
        p.GetProperty("version").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task Create_WithBadFields_Is400WithEveryMessageInChinese_AndCreatesNothing()
    {
        var client = await CountyStaffAsync();
        var code = Builders.NextCode();
        var body = new { code, name = "", orgId = await OrgAsync("濮阳县"), levels = new[] { "City" }, totalInvestment = -5m,
            yearPlans = new[] { new { year = 2023, plannedInvestment = 10m } }, plannedStart = "2024-01-01", plannedCompletion = "2023-01-01" };

        var response = await client.PostJsonAsync("/api/v1/projects", body);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await response.JsonAsync()).GetProperty("errors");
        errors.GetProperty("Name")[0].GetString().ShouldBe("必填。");
        errors.GetProperty("TotalInvestment")[0].GetString().ShouldBe("金额须大于 0。");
        errors.GetProperty("PlannedCompletion")[0].GetString().ShouldBe("计划竣工时间不能早于计划开工时间。");
        (await client.GetAsync($"/api/v1/projects/{code}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Create_WithEnglishAcceptLanguage_AnswersInEnglish()
    {
        var client = await CountyStaffAsync();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var response = await client.PostJsonAsync("/api/v1/projects", new { code = "X", name = "n", orgId = await OrgAsync("濮阳县"), totalInvestment = 1m, levels = new[] { "City" } });
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.JsonAsync()).GetProperty("errors").GetProperty("Code")[0].GetString()!.ShouldStartWith("A project code has 4–40");
    }

    [Fact]
    public async Task Create_OnAnotherCountysRegion_IsRefused()
    {
        var client = await CountyStaffAsync();
        var response = await client.PostJsonAsync("/api/v1/projects", NewProjectBody(await OrgAsync("南乐县"), Builders.NextCode()));
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.JsonAsync()).GetProperty("errors").GetProperty("OrgId")[0].GetString().ShouldBe("所选地区不在您的管辖范围内。");
    }

    [Fact]
    public async Task Create_WithCodeInUse_IsRefused()
    {
        var client = await CountyStaffAsync();
        var code = await App.CreateProjectAsync(Builders.Project(await OrgAsync("南乐县")));
        var response = await client.PostJsonAsync("/api/v1/projects", NewProjectBody(await OrgAsync("濮阳县"), code));
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.JsonAsync()).GetProperty("errors").GetProperty("Code")[0].GetString().ShouldBe($"项目代码 {code} 已被其他项目使用。");
    }

    [Fact]
    public async Task Create_WithMalformedJson_Is400ProblemDetails_NotAStackTrace()
    {
        var client = await CountyStaffAsync();
        var response = await client.PostAsync("/api/v1/projects", new StringContent("{\"totalInvestment\": \"lots\"}", System.Text.Encoding.UTF8, "application/json"));
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var text = await response.Content.ReadAsStringAsync();
        text.ShouldContain("请求无法处理");
        text.ShouldNotContain("   at ");
    }

    [Fact]
    public async Task Update_WithTheVersionRead_SavesAndAudits_FieldOldToNew()
    {
        var client = await CountyStaffAsync();
        var code = await App.CreateProjectAsync(Builders.Project(await OrgAsync("濮阳县"), total: 50_000m));
        var current = await (await client.GetAsync($"/api/v1/projects/{code}")).JsonAsync();

        var put = await client.PutJsonAsync($"/api/v1/projects/{code}", Edited(current, total: 65_000m));

        put.StatusCode.ShouldBe(HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
        (await put.JsonAsync()).GetProperty("version").GetInt32().ShouldBe(2);
        var audit = await (await client.GetAsync($"/api/v1/audit?entityType=Project&entityKey={code}")).JsonAsync();
        audit.GetProperty("items").EnumerateArray().Select(e => e.Str("action")).ShouldBe(["Updated", "Created"]);
        var entry = audit.GetProperty("items")[0];
        entry.Str("userName").ShouldBe("pyx");
        entry.Str("action").ShouldBe("Updated");
        entry.Str("channel").ShouldBe("api");
        var change = entry.GetProperty("changes").EnumerateArray().Single();
        change.Str("field").ShouldBe("TotalInvestment");
        change.Str("old").ShouldBe("50000");
        change.Str("new").ShouldBe("65000");
    }

    [Fact]
    public async Task Update_WithAStaleVersion_Is409NamingWhoChangedWhat_AndTheirChangeStays()
    {
        var first = await CountyStaffAsync();
        await App.CreateUserAsync("pyx2", Role.Staff, "濮阳县");
        var second = await App.ApiClientAsync("pyx2");
        var code = await App.CreateProjectAsync(Builders.Project(await OrgAsync("濮阳县"), total: 50_000m));
        var seenByBoth = await (await first.GetAsync($"/api/v1/projects/{code}")).JsonAsync();

        (await first.PutJsonAsync($"/api/v1/projects/{code}", Edited(seenByBoth, total: 60_000m))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var late = await second.PutJsonAsync($"/api/v1/projects/{code}", Edited(seenByBoth, name: "第二个人的名称"));

        late.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var problem = await late.JsonAsync();
        problem.GetProperty("currentVersion").GetInt32().ShouldBe(2);
        problem.GetProperty("changedBy").GetString().ShouldBe("pyx");
        problem.GetProperty("changedFields").EnumerateArray().Select(f => f.GetString()).ShouldBe(["TotalInvestment"]);
        var now = await (await first.GetAsync($"/api/v1/projects/{code}")).JsonAsync();
        now.GetProperty("totalInvestment").GetDecimal().ShouldBe(60_000m);
        now.Str("name").ShouldBe("测试项目");
    }

    [Fact]
    public async Task Update_WithoutAnyVersion_Is428_AndWithIfMatch_Succeeds()
    {
        var client = await CountyStaffAsync();
        var code = await App.CreateProjectAsync(Builders.Project(await OrgAsync("濮阳县")));
        var current = await (await client.GetAsync($"/api/v1/projects/{code}")).JsonAsync();
        var body = Edited(current, name: "改名后的项目");
        body.Remove("version");

        (await client.PutJsonAsync($"/api/v1/projects/{code}", body)).StatusCode.ShouldBe((HttpStatusCode)428);
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/projects/{code}") { Content = JsonContent.Create(body, options: KeyProjectsApp.Json) };
        request.Headers.TryAddWithoutValidation("If-Match", "W/\"1\"");
        (await client.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Delete_RetiresWithAReason_ThenTheListLeavesItOutUnlessAsked_AndRestoreBringsItBack()
    {
        var client = await CountyStaffAsync();
        var code = await App.CreateProjectAsync(Builders.Project(await OrgAsync("濮阳县")));

        (await client.DeleteAsync($"/api/v1/projects/{code}?version=1")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var retired = await client.DeleteAsync($"/api/v1/projects/{code}?version=1&reason={Uri.EscapeDataString("项目取消，调出清单")}");

        retired.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await retired.JsonAsync()).GetProperty("isRetired").GetBoolean().ShouldBeTrue();
        (await (await client.GetAsync("/api/v1/projects?year=all")).JsonAsync()).Codes().ShouldNotContain(code);
        (await (await client.GetAsync("/api/v1/projects?year=all&includeRetired=true")).JsonAsync()).Codes().ShouldContain(code);
        var restored = await client.PostJsonAsync($"/api/v1/projects/{code}/restore", new { reason = "恢复", version = 2 });
        restored.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await restored.JsonAsync()).GetProperty("isRetired").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task List_FiltersSortsAndPages_WithTotalsOfEverythingSelected()
    {
        var puyang = await OrgAsync("濮阳县");
        var nanle = await OrgAsync("南乐县");
        var a = await App.CreateProjectAsync(Builders.Project(puyang, name: "氢能产业园", total: 300_000m, plan2023: 100_000m) with { Sector = Sector.Energy, Levels = ProjectLevel.Provincial | ProjectLevel.City });
        var b = await App.CreateProjectAsync(Builders.Project(puyang, name: "绿色建材产业园", total: 100_000m, plan2023: 40_000m) with
        {
            Lists = [new ListMembershipDraft(ProjectList.SpecialBond)],
            YearPlans = [new YearPlanDraft(2023, 40_000m, ConstructionKind.Continuing)],
        });
        var c = await App.CreateProjectAsync(Builders.Project(nanle, name: "聚乳酸项目", total: 200_000m, plan2023: 50_000m));
        var d = await App.CreateProjectAsync(Builders.Project(puyang, name: "2024年新项目", total: 10_000m, plan2023: null) with { YearPlans = [new YearPlanDraft(2024, 5_000m)] });
        await App.CreateUserAsync("city", Role.Staff, "濮阳市");
        var client = await App.ApiClientAsync("city");

        async Task<JsonElement> List(string query) => await (await client.GetAsync("/api/v1/projects?" + query)).JsonAsync();

        var all2023 = await List("year=2023&sort=TotalInvestment&desc=true");
        all2023.Codes().ShouldBe([a, c, b]);
        all2023.GetProperty("sumTotalInvestment").GetDecimal().ShouldBe(600_000m);
        all2023.GetProperty("sumAnnualPlan").GetDecimal().ShouldBe(190_000m);
        (await List($"year=2023&org={puyang}")).Codes().ShouldBe(new[] { a, b }.Order());
        (await List("year=2023&level=Provincial")).Codes().ShouldBe([a]);
        (await List("year=2023&sector=Energy")).Codes().ShouldBe([a]);
        (await List("year=2023&list=SpecialBond")).Codes().ShouldBe([b]);
        (await List("year=2023&kind=Continuing")).Codes().ShouldBe([b]);
        (await List("year=2023&q=" + Uri.EscapeDataString("建材"))).Codes().ShouldBe([b]);
        (await List("year=2024")).Codes().ShouldBe([d]);
        (await List("year=all")).GetProperty("total").GetInt32().ShouldBe(4);
        var page2 = await List("year=2023&sort=Name&pageSize=2&page=2");
        page2.GetProperty("total").GetInt32().ShouldBe(3);
        page2.GetProperty("items").GetArrayLength().ShouldBe(1);
    }

    /// <summary>
    /// A list asked again is answered from what the registry's snapshot remembers of it (issue 11): the same filter from
    /// another subtree is its own list, and a write makes a new snapshot, so the list asked again shows it.
    /// </summary>
    [Fact]
    public async Task List_AskedAgain_IsTheCallersOwn_AndShowsAWriteMadeInBetween()
    {
        var puyang = await OrgAsync("濮阳县");
        var nanle = await OrgAsync("南乐县");
        var a = await App.CreateProjectAsync(Builders.Project(puyang, total: 300_000m, plan2023: 100_000m));
        var b = await App.CreateProjectAsync(Builders.Project(nanle, total: 200_000m, plan2023: 50_000m));
        await App.CreateUserAsync("city", Role.Staff, "濮阳市");
        var city = await App.ApiClientAsync("city");
        var county = await CountyStaffAsync();
        const string query = "/api/v1/projects?year=2023&sort=TotalInvestment&desc=true&pageSize=1";

        var first = await (await city.GetAsync(query)).JsonAsync();
        first.Codes().ShouldBe([a]);
        first.GetProperty("total").GetInt32().ShouldBe(2);
        first.GetProperty("sumTotalInvestment").GetDecimal().ShouldBe(500_000m);
        (await (await city.GetAsync(query + "&page=2")).JsonAsync()).Codes().ShouldBe([b]);
        var countys = await (await county.GetAsync(query)).JsonAsync();
        countys.Codes().ShouldBe([a]);
        countys.GetProperty("total").GetInt32().ShouldBe(1);
        countys.GetProperty("sumTotalInvestment").GetDecimal().ShouldBe(300_000m);

        var c = await App.CreateProjectAsync(Builders.Project(puyang, total: 400_000m, plan2023: 10_000m));
        var again = await (await city.GetAsync(query)).JsonAsync();
        again.Codes().ShouldBe([c]);
        again.GetProperty("total").GetInt32().ShouldBe(3);
        again.GetProperty("sumTotalInvestment").GetDecimal().ShouldBe(900_000m);
        (await (await county.GetAsync(query)).JsonAsync()).GetProperty("total").GetInt32().ShouldBe(2);
    }

    [Fact]
    public async Task List_WithAnUnknownFilterValue_Is400NamingTheParameter()
    {
        var client = await CountyStaffAsync();
        var response = await client.GetAsync("/api/v1/projects?level=Galactic&pageSize=5000");
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await response.JsonAsync()).GetProperty("errors");
        errors.TryGetProperty("level", out _).ShouldBeTrue();
        errors.TryGetProperty("pageSize", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task ProjectUnit_SeesOnlyItsOwnProjects_MayChangeItsContact_ButNotTheInvestment()
    {
        var org = await OrgAsync("工业园区");
        await App.CreateOrgAsync("工业园区", "濮阳君恒生物科技有限公司", Domain.Organisations.OrgKind.ProjectUnit);
        var own = await App.CreateProjectAsync(Builders.Project(org, name: "君恒生物年产30万吨生物新能源项目") with { UnitName = "濮阳君恒生物科技有限公司" });
        var other = await App.CreateProjectAsync(Builders.Project(org, name: "恩赢苯并噁嗪树脂项目") with { UnitName = "濮阳恩赢高分子材料有限公司" });
        await App.CreateUserAsync("junheng", Role.ProjectUnit, "濮阳君恒生物科技有限公司");
        var client = await App.ApiClientAsync("junheng");

        (await (await client.GetAsync("/api/v1/projects?year=all")).JsonAsync()).Codes().ShouldBe([own]);
        (await client.GetAsync($"/api/v1/projects/{other}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var current = await (await client.GetAsync($"/api/v1/projects/{own}")).JsonAsync();
        var contact = Edited(current);
        contact["contactPhone"] = "13912345678";
        (await client.PutJsonAsync($"/api/v1/projects/{own}", contact)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var money = Edited(await (await client.GetAsync($"/api/v1/projects/{own}")).JsonAsync(), total: 999_999m);
        var refused = await client.PutJsonAsync($"/api/v1/projects/{own}", money);
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.JsonAsync()).GetProperty("errors").GetProperty("TotalInvestment")[0].GetString()!.ShouldContain("项目单位只能修改");
        (await client.DeleteAsync($"/api/v1/projects/{own}?version=2&reason=x")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await client.PostJsonAsync("/api/v1/projects", NewProjectBody(org, Builders.NextCode()))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Department_SeesTheProjectsItIsResponsibleFor()
    {
        await App.CreateOrgAsync("濮阳县", "濮阳县自然资源局", Domain.Organisations.OrgKind.Department);
        var org = await OrgAsync("濮阳县");
        var mine = await App.CreateProjectAsync(Builders.Project(org) with { ResponsibleUnit = "濮阳县自然资源局" });
        await App.CreateProjectAsync(Builders.Project(org) with { ResponsibleUnit = "濮阳县发改委" });
        await App.CreateUserAsync("zrj", Role.Department, "濮阳县自然资源局");
        var client = await App.ApiClientAsync("zrj");

        (await (await client.GetAsync("/api/v1/projects?year=all")).JsonAsync()).Codes().ShouldBe([mine]);
    }

    /// <summary>A PUT body made from a GET: the same project with the changes the test is about.</summary>
    private static Dictionary<string, object?> Edited(JsonElement current, decimal? total = null, string? name = null)
    {
        var body = JsonSerializer.Deserialize<Dictionary<string, object?>>(current.GetRawText())!;
        body.Remove("orgName");
        if (total is { } t) body["totalInvestment"] = t;
        if (name is { } n) body["name"] = n;
        return body;
    }
}

public sealed class ProjectApiTestsSqlite : ProjectApiTests<SqliteTestDatabase>;

public sealed class ProjectApiTestsPostgres : ProjectApiTests<PostgresTestDatabase>;
