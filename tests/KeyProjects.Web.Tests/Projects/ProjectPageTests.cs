using System.Net;
using KeyProjects.Domain.Access;
using KeyProjects.Web.Tests.Infrastructure;

namespace KeyProjects.Web.Tests.Projects;

public abstract class ProjectPageTests<TDb> : AppTest<TDb> where TDb : TestDatabase, new()
{
    private async Task<BrowserClient> CountyStaffAsync(string userName = "pyx")
    {
        await App.CreateUserAsync(userName, Role.Staff, "濮阳县");
        return await App.LoginAsync(userName);
    }

    [Fact]
    public async Task Projects_WithoutLogin_RedirectsToTheLoginPage_InChinese()
    {
        var anonymous = new BrowserClient(App.CreateClient());
        var page = await anonymous.GetAsync("/projects?year=2023");
        page.Url.ShouldStartWith("/login?ReturnUrl=");
        page.Document.Title!.ShouldStartWith("登录");
        page.One("html")!.GetAttribute("lang").ShouldBe("zh-CN");
    }

    [Fact]
    public async Task Login_WithAWrongPassword_SaysSo_AndStaysOnTheLoginPage()
    {
        await App.CreateUserAsync("pyx", Role.Staff, "濮阳县");
        var browser = new BrowserClient(App.CreateClient());
        var page = await browser.PostFormAsync("/login", "/login", new Dictionary<string, string> { ["UserName"] = "pyx", ["Password"] = "wrong-pass-1" });
        page.Status.ShouldBe(HttpStatusCode.Unauthorized);
        page.Text("[data-testid=login-error]").ShouldBe("用户名或密码不正确。");
    }

    [Fact]
    public async Task List_ShowsTheLedgerWithATotalRow_UnitsInTheHeader_AndLateDatesInRed()
    {
        var org = await OrgAsync("濮阳县");
        await App.CreateProjectAsync(Builders.Project(org, name: "甲项目", total: 1_234_567.89m, plan2023: 100_000m));
        await App.CreateProjectAsync(Builders.Project(org, name: "乙项目", total: 10_000m, plan2023: 2_500.5m) with { PlannedStart = new DateOnly(2023, 1, 1) });
        var browser = await CountyStaffAsync();

        var page = await browser.GetAsync("/projects?year=2023");

        page.Text("[data-testid=summary]").ShouldBe("共 2 个项目（新建 2 个、续建 0 个），计划总投资 124.46 亿元，2023 年计划投资 10.25 亿元。");
        var headers = page.All("[data-testid=project-table] thead th").Select(th => th.TextContent.Trim()).ToList();
        headers.ShouldContain("计划总投资（万元）");
        headers.ShouldContain("2023年计划投资（万元）");
        page.Text("[data-testid=total-investment]").ShouldBe("1,244,567.89");
        page.Text("[data-testid=total-plan]").ShouldBe("102,500.5");
        page.Text("[data-testid=total-row] td:nth-child(3)").ShouldBe("合计（2 个）");
        var late = page.All("tbody tr").Single(r => r.TextContent.Contains("乙项目")).QuerySelectorAll("td.text-danger");
        late.Count.ShouldBe(2, "planned start and completion both passed while the project is still in procedures");
    }

    [Fact]
    public async Task List_AsAnHtmxRequest_ReturnsOnlyTheTable()
    {
        await App.CreateProjectAsync(Builders.Project(await OrgAsync("濮阳县")));
        var browser = await CountyStaffAsync();
        var page = await browser.GetAsync("/projects?year=2023&stage=Procedures", new Dictionary<string, string> { ["HX-Request"] = "true", ["HX-Target"] = "project-results" });
        page.One("[data-testid=project-table]").ShouldNotBeNull();
        page.One("aside.navbar").ShouldBeNull();
        page.Html.ShouldNotContain("<html");
        page.One("[data-testid=export]")!.GetAttribute("href").ShouldBe("/projects/export?stage=Procedures&year=2023");
    }

    [Fact]
    public async Task New_WithUnreadableNumbersAndDates_ShowsEachMessageAtItsField_AndSavesNothing()
    {
        var browser = await CountyStaffAsync();
        var code = Builders.NextCode();
        var page = await browser.PostPairsAsync("/projects/new", "/projects/new",
        [
            new("Code", code), new("Name", "新项目"), new("OrgId", (await OrgAsync("濮阳县")).ToString()), new("Levels", "City"), new("Stage", "Procedures"),
            new("TotalInvestment", "12,3a"), new("PlannedStart", "明年春天"), new("YearPlans[0].Year", "2023"), new("YearPlans[0].PlannedInvestment", ""),
        ]);

        page.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        page.Text("[data-field-error=TotalInvestment]").ShouldBe("请输入数字（如 12345.67）。");
        page.Text("[data-field-error=PlannedStart]").ShouldBe("请输入日期（如 2023-03-01）。");
        page.Html.ShouldContain("必填。");
        page.One("input[name=TotalInvestment]")!.GetAttribute("value").ShouldBe("12,3a", "what the person typed is kept");
        (await browser.GetAsync($"/projects/{code}")).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Edit_SavesTheChange_ShowsIt_AndTheHistoryListsOldAndNew()
    {
        var code = await App.CreateProjectAsync(Builders.Project(await OrgAsync("濮阳县")) with { ContactPhone = "0393-1111111" });
        var browser = await CountyStaffAsync();
        var edit = await browser.GetAsync($"/projects/{code}/edit");
        var fields = BrowserClient.FieldsOf(edit.One("[data-testid=project-form]")!);
        fields.RemoveAll(f => f.Key == "ContactPhone");
        fields.Add(new("ContactPhone", "0393-2222222"));

        var detail = await browser.PostPairsAsync($"/projects/{code}/edit", $"/projects/{code}/edit", fields);

        detail.Url.ShouldBe($"/projects/{code}?done=saved");
        detail.Text("[data-testid=flash]").ShouldBe("已保存。");
        detail.Html.ShouldContain("0393-2222222");
        var history = await browser.GetAsync($"/projects/{code}/history");
        var row = history.All("[data-testid=audit-row]").First();
        row.TextContent.ShouldContain("pyx");
        row.TextContent.ShouldContain("联系电话");
        row.QuerySelector(".audit-old")!.TextContent.ShouldBe("0393-1111111");
        row.QuerySelector(".audit-new")!.TextContent.ShouldBe("0393-2222222");
        history.All("[data-testid=audit-row]").Count.ShouldBe(2, "an unchanged form changes nothing else: one update and the creation");
    }

    [Fact]
    public async Task Edit_ByTwoPeopleAtOnce_TheSecondIsToldWhoChangedWhat_AndNothingIsOverwritten()
    {
        var code = await App.CreateProjectAsync(Builders.Project(await OrgAsync("濮阳县")) with { Remarks = "原备注" });
        var first = await CountyStaffAsync("first");
        var second = await CountyStaffAsync("second");
        var firstForm = BrowserClient.FieldsOf((await first.GetAsync($"/projects/{code}/edit")).One("[data-testid=project-form]")!);
        var secondForm = BrowserClient.FieldsOf((await second.GetAsync($"/projects/{code}/edit")).One("[data-testid=project-form]")!);
        firstForm.RemoveAll(f => f.Key == "Remarks");
        firstForm.Add(new("Remarks", "第一个人的备注"));
        secondForm.RemoveAll(f => f.Key == "Remarks");
        secondForm.Add(new("Remarks", "第二个人的备注"));

        (await first.PostPairsAsync($"/projects/{code}/edit", $"/projects/{code}/edit", firstForm)).Url.ShouldBe($"/projects/{code}?done=saved");
        var conflict = await second.PostPairsAsync($"/projects/{code}/edit", $"/projects/{code}/edit", secondForm);

        conflict.Status.ShouldBe(HttpStatusCode.Conflict);
        conflict.Text("[data-testid=conflict]").ShouldContain("first");
        conflict.Text("[data-testid=conflict]").ShouldContain("备注");
        conflict.One("textarea[name=Remarks]")!.TextContent.ShouldBe("第二个人的备注");
        (await first.GetAsync($"/projects/{code}")).Html.ShouldContain("第一个人的备注");
    }

    [Fact]
    public async Task Retire_NeedsAReason_ThenShowsTheBanner_AndRestoreUndoesIt()
    {
        var code = await App.CreateProjectAsync(Builders.Project(await OrgAsync("濮阳县")));
        var browser = await CountyStaffAsync();

        var noReason = await browser.PostFormAsync($"/projects/{code}", $"/projects/{code}/retire", new Dictionary<string, string> { ["Version"] = "1", ["Reason"] = " " });
        noReason.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        noReason.Html.ShouldContain("请填写原因。");

        var retired = await browser.PostFormAsync($"/projects/{code}", $"/projects/{code}/retire", new Dictionary<string, string> { ["Version"] = "1", ["Reason"] = "企业撤资" });
        retired.Text("[data-testid=retired-banner]").ShouldContain("企业撤资");
        (await browser.GetAsync("/projects?year=2023")).Html.ShouldNotContain(code);

        var restored = await browser.PostFormAsync($"/projects/{code}", $"/projects/{code}/restore", new Dictionary<string, string> { ["Version"] = "2", ["Reason"] = "恢复建设" });
        restored.One("[data-testid=retired-banner]").ShouldBeNull();
        restored.Text("[data-testid=flash]").ShouldBe("项目已恢复。");
    }

    [Fact]
    public async Task LanguageSwitch_ShowsEnglish_AndStaysAcrossPages()
    {
        await App.CreateProjectAsync(Builders.Project(await OrgAsync("濮阳县")));
        var browser = await CountyStaffAsync();
        var list = await browser.GetAsync("/projects");
        var link = list.One("[data-testid=language-switch]")!.GetAttribute("href")!;

        var english = await browser.GetAsync(link);

        english.Url.ShouldStartWith("/projects");
        english.One("html")!.GetAttribute("lang").ShouldBe("en");
        english.Text("h2.page-title").ShouldBe("Project registry");
        english.Text("[data-testid=summary]").ShouldStartWith("1 projects (1 new, 0 continuing)");
        (await browser.GetAsync("/admin/users")).Text(".empty-title").ShouldBe("Not allowed");
    }

    [Fact]
    public async Task AViewer_SeesNoEditOrImportButtons_AndCannotPostAnEdit()
    {
        var code = await App.CreateProjectAsync(Builders.Project(await OrgAsync("濮阳县")));
        await App.CreateUserAsync("viewer", Role.Viewer, "濮阳县");
        var viewer = await App.LoginAsync("viewer");

        var list = await viewer.GetAsync("/projects?year=2023");
        list.One("[data-testid=new-project]").ShouldBeNull();
        list.One("[data-testid=import-link]").ShouldBeNull();
        var detail = await viewer.GetAsync($"/projects/{code}");
        detail.One("[data-testid=edit-link]").ShouldBeNull();
        (await viewer.GetAsync($"/projects/{code}/edit")).Status.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Import_ThroughThePage_ListsEveryBadCell_AndWritesNothing()
    {
        var browser = await CountyStaffAsync();
        var file = Xlsx.Build(["项目代码", "项目名称", "计划总投资(万元)", "项目级别"], [Builders.NextCode(), "坏数据", "abc", "市重点"]);

        var page = await browser.PostMultipartAsync("/projects/import", "/projects/import", Xlsx.Upload(file));

        page.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var rows = page.All("[data-testid=import-errors] tbody tr");
        rows.Count.ShouldBe(1);
        rows[0].TextContent.ShouldContain("计划总投资(万元)");
        rows[0].TextContent.ShouldContain("“abc”不是数字。");
        page.Text("[data-testid=import-errors] .card-body").ShouldBe("没有写入任何数据。请按下表修改文件后重新上传。");
    }

    [Fact]
    public async Task AnUnknownProject_IsAFriendlyNotFoundPage()
    {
        var browser = await CountyStaffAsync();
        var page = await browser.GetAsync("/projects/NO-SUCH-CODE");
        page.Status.ShouldBe(HttpStatusCode.NotFound);
        page.Html.ShouldContain("找不到该页面或项目");
    }
}

public sealed class ProjectPageTestsSqlite : ProjectPageTests<SqliteTestDatabase>;

public sealed class ProjectPageTestsPostgres : ProjectPageTests<PostgresTestDatabase>;
