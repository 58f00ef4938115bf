using System.Net;
using KeyProjects.Web.Data;
using KeyProjects.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KeyProjects.Web.Tests.Problems;

public abstract class ProblemPageTests<TDb> : AppTest<TDb> where TDb : TestDatabase, new()
{
    private static Dictionary<string, string> Raise(string project, string title, string category = "Land", string department = "") => new()
    {
        ["ProjectCode"] = project,
        ["Title"] = title,
        ["Description"] = "详细情况",
        ["Category"] = category,
        ["Source"] = "ProjectUnit",
        ["DepartmentOrgId"] = department,
    };

    [Fact]
    public async Task RaiseForm_FromTheProjectPage_SavesTheProblem_AndShowsItsDeadlineAndHistory()
    {
        var w = await ProblemWorld.SeedAsync(App);
        using var unit = await App.LoginAsync("unit");
        var project = await unit.GetAsync($"/projects/{w.Project}");
        project.One("[data-testid=raise-problem-link]")!.GetAttribute("href").ShouldBe($"/problems/new?project={w.Project}");

        var form = await unit.GetAsync($"/problems/new?project={w.Project}");
        form.Text("[data-testid=raise-project]").ShouldStartWith("濮阳县智慧物流园");
        var page = await unit.PostFormAsync($"/problems/new?project={w.Project}", "/problems/new",
            Raise(w.Project, "二期用地指标未落实", department: w.Land.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        page.Status.ShouldBe(HttpStatusCode.OK, page.Html);
        page.Url.ShouldMatch(@"^/problems/\d+\?done=problem-raised$");
        page.Text("[data-testid=flash]").ShouldBe("问题已提交，已按工作日计算办理时限。");
        page.Text("[data-testid=problem-status]").ShouldBe("待受理");
        page.Text("[data-testid=problem-due]").ShouldBe("2026-11-26");
        page.Text("[data-testid=problem-department]").ShouldStartWith("濮阳县自然资源局");
        page.All("[data-testid=problem-history] li").Select(li => li.GetAttribute("data-action")).ShouldBe(["Raised"]);
    }

    [Fact]
    public async Task RaiseForm_WithASitePhoto_AttachesIt_AndAPdfIsRefusedWithNothingSaved()
    {
        var w = await ProblemWorld.SeedAsync(App);
        using var unit = await App.LoginAsync("unit");
        MultipartFormDataContent Form(byte[] photo)
        {
            var form = new MultipartFormDataContent();
            foreach (var (k, v) in Raise(w.Project, "围挡被拆除，影响施工")) form.Add(new StringContent(v), k);
            var part = new ByteArrayContent(photo);
            part.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/jpeg");
            form.Add(part, "photos", "IMG_0001.jpg");
            return form;
        }

        var refused = await unit.PostMultipartAsync($"/problems/new?project={w.Project}", "/problems/new", Form(Domain.Tests.Media.TestImages.Pdf()));
        var raised = await unit.PostMultipartAsync($"/problems/new?project={w.Project}", "/problems/new", Form(Domain.Tests.Media.TestImages.JpegWithGps()));

        refused.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        refused.Text("[data-field-error=Photos]").ShouldStartWith("第 1 张照片不是");
        raised.Url.ShouldMatch(@"^/problems/\d+\?done=problem-raised$");
        raised.All("[data-testid=photo-gallery] img").Count.ShouldBe(1);
        (await App.WithServicesAsync(sp => sp.GetRequiredService<AppDbContext>().Problems.CountAsync())).ShouldBe(1);
    }

    [Fact]
    public async Task RaiseForm_WithATitleTooLongAndNoCategory_ShowsTheMessagesAtTheFields_KeepsWhatWasTyped_SavesNothing()
    {
        var w = await ProblemWorld.SeedAsync(App);
        using var unit = await App.LoginAsync("unit");
        var title = new string('地', 151);

        var page = await unit.PostFormAsync($"/problems/new?project={w.Project}", "/problems/new", Raise(w.Project, title, category: ""));

        page.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        page.Text("[data-field-error=Title]").ShouldBe("标题最多 150 个字（现为 151 个），详细情况请写在描述中。");
        page.Text("[data-field-error=Category]").ShouldStartWith("请选择问题类别");
        page.One("#Title")!.GetAttribute("value").ShouldBe(title);
        (await App.WithServicesAsync(sp => sp.GetRequiredService<AppDbContext>().Problems.CountAsync())).ShouldBe(0);
    }

    [Fact]
    public async Task Department_AnswersOnThePage_OtherDepartmentSeesNoActions_ListAndStatsFollow()
    {
        var w = await ProblemWorld.SeedAsync(App);
        var id = await ProblemWorld.RaiseAsync(await App.ApiClientAsync("unit"), w.Raise());
        using var land = await App.LoginAsync("land");

        var detail = await land.GetAsync($"/problems/{id}");
        detail.One("[data-testid=act-answer-form]").ShouldNotBeNull();
        var empty = await land.PostFormAsync($"/problems/{id}", $"/problems/{id}/answer", new Dictionary<string, string> { ["Version"] = "1", ["Text"] = "" });
        empty.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        empty.Text("[data-field-error=Text]").ShouldBe("请填写办理结果。");
        var answered = await land.PostFormAsync($"/problems/{id}", $"/problems/{id}/answer", new Dictionary<string, string> { ["Version"] = "1", ["Text"] = "已调剂指标" });
        answered.Url.ShouldBe($"/problems/{id}?done=problem-updated");
        answered.Text("[data-testid=problem-status]").ShouldBe("已办结待核实");
        answered.Text("[data-testid=problem-answer]").ShouldStartWith("已调剂指标");

        var stale = await land.PostFormAsync($"/problems/{id}", $"/problems/{id}/send-back", new Dictionary<string, string> { ["Version"] = "1", ["Text"] = "不是我局" });
        stale.Status.ShouldBe(HttpStatusCode.Conflict);
        stale.Text("[data-testid=problem-error]").ShouldBe("这个问题刚被其他人更新，请查看最新情况后再操作。");

        using var officer = await App.LoginAsync("officer");
        var list = await officer.GetAsync("/problems");
        list.All("[data-testid=problem-row]").Count.ShouldBe(1);
        list.Text("[data-testid=total-row]").ShouldContain("合计 1 个");
        var stats = await officer.GetAsync($"/problems/stats?org={w.County}");
        stats.Text("[data-testid=kpi-raised-value]").ShouldBe("1");
        stats.Text("[data-testid=kpi-solved-value]").ShouldBe("0");
        var verified = await officer.PostFormAsync($"/problems/{id}", $"/problems/{id}/verify", new Dictionary<string, string> { ["Version"] = "2", ["Satisfaction"] = "5" });
        verified.Text("[data-testid=problem-status]").ShouldBe("已销号");
        (await officer.GetAsync($"/problems/stats?org={w.County}")).Text("[data-testid=kpi-rate-value]").ShouldBe("100.0%");
    }

    [Fact]
    public async Task List_ExportsTheLedgerAsShown_WithATotalRow()
    {
        var w = await ProblemWorld.SeedAsync(App);
        var unit = await App.ApiClientAsync("unit");
        await ProblemWorld.RaiseAsync(unit, w.Raise());
        await ProblemWorld.RaiseAsync(unit, w.Raise(title: "施工许可证未办理", category: "Approvals", department: w.Housing));
        using var pyx = await App.LoginAsync("pyx");

        var response = await pyx.Http.GetAsync("/problems/export?category=Approvals");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var rows = Xlsx.Read(await response.Content.ReadAsByteArrayAsync());
        rows.ShouldContain(r => r.Contains("施工许可证未办理") && r.Contains("手续审批") && r.Contains("濮阳县住建局"));
        rows.ShouldNotContain(r => r.Contains("项目用地指标未落实"));
        rows.ShouldContain(r => r.Contains("合计（1个）"));
    }

    [Fact]
    public async Task Calendar_IsForAdministrators_AndACorrectionShowsInTheYear()
    {
        await ProblemWorld.SeedAsync(App);
        using var pyx = await App.LoginAsync("pyx");
        (await pyx.GetAsync("/admin/calendar")).Status.ShouldBe(HttpStatusCode.Forbidden);

        using var admin = await App.LoginAsync("admin");
        var page = await admin.GetAsync("/admin/calendar?year=2027");
        page.One("[data-testid=provisional]").ShouldNotBeNull();
        var bad = await admin.PostFormAsync("/admin/calendar?year=2027", "/admin/calendar",
            new Dictionary<string, string> { ["Date"] = "2027-02-10", ["Kind"] = "MakeUpWorkday", ["Name"] = "春节" });
        bad.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        bad.Text("[data-field-error=Kind]").ShouldBe("调休上班只能是星期六或星期日。");
        var saved = await admin.PostFormAsync("/admin/calendar?year=2027", "/admin/calendar",
            new Dictionary<string, string> { ["Date"] = "2027-02-09", ["Kind"] = "Holiday", ["Name"] = "春节" });
        saved.Url.ShouldBe("/admin/calendar?year=2027&done=calendar-saved");
        saved.One("tr[data-date='2027-02-09']")!.TextContent.ShouldContain("管理员更正");
        saved.One("[data-testid=provisional]").ShouldBeNull();
    }
}

public sealed class ProblemPageTestsSqlite : ProblemPageTests<SqliteTestDatabase>;

public sealed class ProblemPageTestsPostgres : ProblemPageTests<PostgresTestDatabase>;
