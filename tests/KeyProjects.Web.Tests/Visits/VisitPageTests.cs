using System.Net;
using KeyProjects.Web.Tests.Daily;
using KeyProjects.Web.Tests.Infrastructure;
using static KeyProjects.Web.Tests.Visits.VisitFixture;

namespace KeyProjects.Web.Tests.Visits;

public abstract class VisitPageTests<TDb> : AppTest<TDb> where TDb : TestDatabase, new()
{
    [Fact]
    public async Task ALeader_RecordsAVisitFromTheProjectPage_AndSeesItInTheMonthsList()
    {
        var c = await SeedAsync(App);
        using var leader = await App.LoginAsync("zzh");
        var project = await leader.GetAsync($"/projects/{c.Water}");
        var link = project.One("[data-testid=visit-link]")!.GetAttribute("href")!;
        link.ShouldBe($"/visits/new?project={c.Water}");

        var form = await leader.GetAsync(link);
        form.Text("[data-testid=own-leader]").ShouldBe("张振华");
        form.All("#projectCode option[value]:not([value=''])").Count.ShouldBe(2); // the two projects 张振华 holds
        form.One("#projectCode option[selected]")!.GetAttribute("value").ShouldBe(c.Water);
        var body = DailyFixture.Form(null);
        body.Add(new StringContent(c.Water), "projectCode");
        body.Add(new StringContent("2026-11-21"), "date");
        body.Add(new StringContent("OnSiteOffice"), "type");
        body.Add(new StringContent("现场办公，协调电力接入。"), "findings");
        body.Add(new StringContent("电力增容手续未办结"), "problems");
        var page = await leader.PostMultipartAsync(link, "/visits/new", body);

        page.Status.ShouldBe(HttpStatusCode.OK, page.Html);
        page.Url.ShouldBe("/visits?month=2026-11&done=visit-logged");
        page.Text("[data-testid=flash]").ShouldBe("走访记录已保存。");
        page.Text("[data-testid=visit-leader]").ShouldBe("张振华");
        page.Text("[data-testid=visit-problems]").ShouldBe("电力增容手续未办结");
        (await WrittenAsync(App)).ShouldBe((1, 1));
    }

    /// <summary>Issue 13: a leader sets the category and the department of what the visit found; another city's department is refused and nothing is saved.</summary>
    [Fact]
    public async Task ALeader_SetsTheProblemsCategoryAndDepartment_AndTheLedgerHasThem()
    {
        var c = await SeedAsync(App);
        var land = await App.CreateOrgAsync("濮阳县", "濮阳县自然资源局", Domain.Organisations.OrgKind.Department);
        var elsewhere = await App.CreateOrgAsync("郑州市", "郑州市自然资源和规划局", Domain.Organisations.OrgKind.Department);
        using var leader = await App.LoginAsync("zzh");
        var form = await leader.GetAsync($"/visits/new?project={c.Water}");
        form.All("#problemDepartment optgroup option").Select(o => o.TextContent).ShouldContain("濮阳县自然资源局");

        MultipartFormDataContent Body(int department)
        {
            var body = DailyFixture.Form(null);
            body.Add(new StringContent(c.Water), "projectCode");
            body.Add(new StringContent("2026-11-21"), "date");
            body.Add(new StringContent("现场查看。"), "findings");
            body.Add(new StringContent("取水口用地未批"), "problems");
            body.Add(new StringContent("Land"), "problemCategory");
            body.Add(new StringContent(department.ToString(System.Globalization.CultureInfo.InvariantCulture)), "problemDepartmentOrgId");
            return body;
        }
        var refused = await leader.PostMultipartAsync("/visits/new", "/visits/new", Body(elsewhere));
        refused.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        refused.One("[data-field-error=ProblemDepartmentOrgId]").ShouldNotBeNull();
        (await WrittenAsync(App)).ShouldBe((0, 0));

        (await leader.PostMultipartAsync("/visits/new", "/visits/new", Body(land))).Status.ShouldBe(HttpStatusCode.OK);
        var api = await App.ApiClientAsync("pyx");
        var problem = (await (await api.GetAsync($"/api/v1/problems?project={c.Water}")).JsonAsync()).GetProperty("items").EnumerateArray().Single();
        problem.Str("category").ShouldBe("Land");
        problem.GetProperty("departmentOrgId").GetInt32().ShouldBe(land);

        // The API takes the same two fields, and refuses the same department.
        using var leaderApi = await App.ApiClientAsync("zzh");
        var viaApi = new { projectCode = c.Water, date = "2026-11-20", findings = "再次查看。", problems = new[] { "施工用电未接入" },
            problemCategory = "Approvals", problemDepartmentOrgId = elsewhere };
        (await leaderApi.PostJsonAsync("/api/v1/visits", viaApi)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await leaderApi.PostJsonAsync("/api/v1/visits", viaApi with { problemDepartmentOrgId = land })).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task TheForm_WithAFutureDate_ShowsTheMessage_KeepsWhatWasTyped_AndSavesNothing()
    {
        var c = await SeedAsync(App);
        using var staff = await App.LoginAsync("pyx");
        var body = DailyFixture.Form(null);
        body.Add(new StringContent(c.School), "projectCode");
        body.Add(new StringContent("李明"), "leaderName");
        body.Add(new StringContent("2026-11-30"), "date");
        body.Add(new StringContent("督促加快进度"), "findings");

        var page = await staff.PostMultipartAsync("/visits/new", "/visits/new", body);

        page.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        page.Text("[data-field-error=Date]").ShouldBe("走访日期不能晚于今天。");
        page.Text("#findings").ShouldBe("督促加快进度");
        page.One("#leaderName")!.GetAttribute("value").ShouldBe("李明");
        (await WrittenAsync(App)).ShouldBe((0, 0));
    }

    [Fact]
    public async Task Compliance_ShowsEachLeaderWithATotalRow_ShortfallsInRed_InChineseAndEnglish()
    {
        var c = await SeedAsync(App);
        var api = await App.ApiClientAsync("pyx");
        (await api.PostJsonAsync("/api/v1/visits", Visit(c.Park, leader: "张振华", date: "2026-11-03"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await api.PostJsonAsync("/api/v1/visits", Visit(c.Water, leader: "李明", date: "2026-11-04"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await api.PostJsonAsync("/api/v1/visits", Visit(c.School, leader: "李明", date: "2026-11-05"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        using var staff = await App.LoginAsync("pyx");

        var page = await staff.GetAsync("/visits/compliance?month=2026-11");

        page.Status.ShouldBe(HttpStatusCode.OK);
        var rows = page.All("[data-testid=leader-row]");
        rows.Select(r => r.GetAttribute("data-leader")).ShouldBe(["张振华", "李明"]);
        var zhang = rows[0];
        zhang.QuerySelector("[data-testid=shortfall]")!.ClassList.ShouldContain("text-danger");
        zhang.QuerySelector("[data-testid=status]")!.TextContent.Trim().ShouldBe("还差 1 次");
        zhang.QuerySelector("[data-testid=visits]")!.GetAttribute("href").ShouldBe($"/visits?org={await OrgAsync("濮阳县")}&month=2026-11&leader=%E5%BC%A0%E6%8C%AF%E5%8D%8E");
        rows[1].QuerySelector("[data-testid=status]")!.TextContent.Trim().ShouldBe("已达标");
        page.Text("[data-testid=total-row] td:nth-child(2)").ShouldBe("合计（2 人）");
        (page.Text("[data-testid=total-held]"), page.Text("[data-testid=total-covered]"), page.Text("[data-testid=total-visits]"), page.Text("[data-testid=total-rate]"))
            .ShouldBe(("4", "3", "3", "75.0%"));
        page.Text("[data-testid=total-compliant]").ShouldBe("达标 1/2 人（50.0%）");

        var detail = await staff.GetAsync(zhang.QuerySelector("[data-testid=held]")!.GetAttribute("href")!);
        detail.All("[data-testid=project-row]").Select(r => r.GetAttribute("data-code")).ShouldBe([c.Water, c.Park]);
        detail.One("[data-testid=project-row] [data-testid=project-shortfall]")!.ClassList.ShouldContain("text-danger");

        await staff.GetAsync("/culture/en?returnUrl=/");
        var english = await staff.GetAsync("/visits/compliance?month=2026-11");
        english.All("[data-testid=status]")[0].TextContent.Trim().ShouldBe("1 still owed");
        english.Text("[data-testid=total-row] td:nth-child(2)").ShouldBe("Total (2 leaders)");
    }

    [Fact]
    public async Task Export_WritesTheTableAsShown_WithItsTotalRow()
    {
        var c = await SeedAsync(App);
        var api = await App.ApiClientAsync("pyx");
        (await api.PostJsonAsync("/api/v1/visits", Visit(c.Park, leader: "张振华", date: "2026-11-03"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        using var staff = await App.LoginAsync("pyx");

        var response = await staff.Http.GetAsync("/visits/compliance/export?month=2026-11");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var rows = Xlsx.Read(await response.Content.ReadAsByteArrayAsync());
        rows[0][0].ShouldBe("濮阳县 2026 年 11 月分包领导督导走访情况");
        rows[2].ShouldBe(["序号", "分包领导", "分包项目", "已达标项目", "走访次数", "差额（次）", "覆盖率", "达标情况"]);
        rows[3].Take(6).ShouldBe(["1", "李明", "2", "0", "0", "2"]);
        rows[4].Take(6).ShouldBe(["2", "张振华", "2", "1", "1", "1"]);
        rows[5][1].ShouldBe("合计（2 人）");
        rows[5][7].ShouldBe("达标 0/2 人（0.0%）");
    }
}

public sealed class VisitPageTestsSqlite : VisitPageTests<SqliteTestDatabase>;

public sealed class VisitPageTestsPostgres : VisitPageTests<PostgresTestDatabase>;
