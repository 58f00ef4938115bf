using System.Globalization;
using System.Net;
using KeyProjects.Domain.Access;
using KeyProjects.Domain.Organisations;
using KeyProjects.Web.Tests.Infrastructure;

namespace KeyProjects.Web.Tests.Meetings;

/// <summary>The meeting pages as a county's staff use them: a series, its next meeting with a live agenda, the task list.</summary>
public abstract class MeetingPageTests<TDb> : AppTest<TDb> where TDb : TestDatabase, new()
{
    [Fact]
    public async Task StaffCreateASeries_OpenItsNextMeeting_AndSeeTheBehindProjectOnTheAgenda()
    {
        App.Clock.Set(new DateTimeOffset(2023, 6, 3, 10, 0, 0, TimeSpan.FromHours(8)));
        var county = await OrgAsync("濮阳县");
        var code = await App.CreateProjectAsync(Builders.Project(county, name: "慢项目"));
        await App.CreateUserAsync("pyx", Role.Staff, "濮阳县");
        var browser = await App.LoginAsync("pyx");

        var list = await browser.PostFormAsync("/meetings", "/meetings/series", new Dictionary<string, string>
        {
            ["OrgId"] = county.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Name"] = "县区周例会", ["Level"] = "2", ["Weekday"] = "2",
            ["MarginPoints"] = "5", ["DeepDiveCount"] = "1",
        });

        list.Status.ShouldBe(HttpStatusCode.OK, list.Html);
        list.Html.ShouldContain("县区周例会 2023-06-06");
        var link = list.Document.QuerySelector("[data-testid=meeting-row] a")!.GetAttribute("href")!;
        var meeting = await browser.GetAsync(link);
        meeting.Status.ShouldBe(HttpStatusCode.OK);
        meeting.Document.QuerySelectorAll("[data-testid=agenda-behind] [data-testid=agenda-project]").Select(r => r.GetAttribute("data-code")).ShouldBe([code]);
        meeting.Html.ShouldContain($"href=\"/projects/{code}\"");

        var refused = await browser.PostFormAsync(link, link + "/tasks", new Dictionary<string, string> { ["TaskTitle"] = "", ["Deadline"] = "2023-06-30" });
        refused.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        refused.Html.ShouldContain("请填写名称");

        var tasks = await browser.GetAsync("/meetings/tasks?filter=Overdue");
        tasks.Status.ShouldBe(HttpStatusCode.OK);
        tasks.Document.QuerySelector("[data-testid=task-totals]")!.TextContent.ShouldContain("共 0 项");
    }

    [Fact]
    public async Task StaffChangeASeriesOnThePage_BadInputKeepsWhatWasTyped_AndAStaleFormShowsTheCurrentSettings()
    {
        App.Clock.Set(new DateTimeOffset(2023, 6, 3, 10, 0, 0, TimeSpan.FromHours(8)));
        var county = await OrgAsync("濮阳县");
        await App.CreateUserAsync("pyx", Role.Staff, "濮阳县");
        var browser = await App.LoginAsync("pyx");
        var org = county.ToString(CultureInfo.InvariantCulture);
        var list = await browser.PostFormAsync("/meetings", "/meetings/series", new Dictionary<string, string>
        {
            ["OrgId"] = org, ["Name"] = "县区周例会", ["Level"] = "2", ["Weekday"] = "2", ["MarginPoints"] = "5", ["DeepDiveCount"] = "1",
        });
        var edit = list.Document.QuerySelector("[data-testid=series-row] [data-testid=series-edit]")!.GetAttribute("href")!;

        var form = await browser.GetAsync(edit);
        form.Status.ShouldBe(HttpStatusCode.OK);
        var action = form.Document.QuerySelector("[data-testid=series-form]")!.GetAttribute("action")!;
        form.Document.QuerySelector("#Name")!.GetAttribute("value").ShouldBe("县区周例会");
        form.Document.QuerySelector("#Weekday option[selected]")!.GetAttribute("value").ShouldBe("2");
        Dictionary<string, string> Posted(string version, string margin) => new()
        {
            ["OrgId"] = org, ["Version"] = version, ["Name"] = "县区周调度会", ["Level"] = "2", ["Weekday"] = "1", ["Time"] = "08:30",
            ["MarginPoints"] = margin, ["DeepDiveCount"] = "2",
        };

        var refused = await browser.PostFormAsync(edit, action, Posted("1", "五"));
        refused.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        refused.Document.QuerySelector("#MarginPoints")!.GetAttribute("value").ShouldBe("五");
        refused.Document.QuerySelector("#Name")!.GetAttribute("value").ShouldBe("县区周调度会");
        refused.Document.QuerySelector("[data-testid=series-row]")!.TextContent.ShouldContain("星期二"); // nothing saved

        var saved = await browser.PostFormAsync(edit, action, Posted("1", "3"));
        saved.Status.ShouldBe(HttpStatusCode.OK, saved.Html);
        var row = saved.Document.QuerySelector("[data-testid=series-row]")!.TextContent;
        row.ShouldContain("县区周调度会");
        row.ShouldContain("星期一 08:30");
        saved.Document.QuerySelector("[data-testid=series-form]")!.GetAttribute("action").ShouldBe("/meetings/series"); // back to adding one

        var stale = await browser.PostFormAsync(edit, action, Posted("1", "4"));
        stale.Status.ShouldBe(HttpStatusCode.Conflict);
        stale.Document.QuerySelector("[data-testid=series-conflict]")!.TextContent.ShouldContain("刚被别人修改过");
        stale.Document.QuerySelector("#MarginPoints")!.GetAttribute("value").ShouldBe("3");
        stale.Document.QuerySelector("[data-testid=series-row]")!.TextContent.ShouldNotContain("4");
    }

    [Fact]
    public async Task ARefusedTaskAction_ShowsItsMessageInTheTasksRow_OnThePageItCameFrom_AndChangesNothing()
    {
        App.Clock.Set(new DateTimeOffset(2023, 6, 3, 10, 0, 0, TimeSpan.FromHours(8)));
        var county = await OrgAsync("濮阳县");
        var land = await App.CreateOrgAsync("濮阳县", "濮阳县自然资源局", OrgKind.Department);
        await App.CreateUserAsync("pyx", Role.Staff, "濮阳县");
        var browser = await App.LoginAsync("pyx");
        var list = await browser.PostFormAsync("/meetings", "/meetings/series", new Dictionary<string, string>
        {
            ["OrgId"] = county.ToString(CultureInfo.InvariantCulture), ["Name"] = "县区周例会", ["Level"] = "2", ["Weekday"] = "2",
            ["MarginPoints"] = "5", ["DeepDiveCount"] = "1",
        });
        var link = list.Document.QuerySelector("[data-testid=meeting-row] a")!.GetAttribute("href")!;
        var created = await browser.PostFormAsync(link, link + "/tasks", new Dictionary<string, string>
        {
            ["TaskTitle"] = "协调用地指标", ["OwnerOrgId"] = land.ToString(CultureInfo.InvariantCulture), ["Deadline"] = "2023-06-30",
        });
        created.Status.ShouldBe(HttpStatusCode.OK, created.Html);
        var row = created.Document.QuerySelector("[data-testid=task-row]")!;
        var task = row.GetAttribute("data-id")!;

        // Verifying a task nobody has reported done, from the task list: the list again, the message in the task's row.
        var early = await browser.PostFormAsync("/meetings/tasks?filter=All", $"/meetings/tasks/{task}/verify",
            new Dictionary<string, string> { ["Version"] = "1", ["Filter"] = "All" });
        early.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        early.Document.QuerySelector("[data-testid=filter-All]")!.ClassName!.ShouldContain("btn-primary");
        var message = early.Document.QuerySelector($"[data-testid=task-row][data-id='{task}'] [data-testid=task-error]")!.TextContent.Trim();
        message.ShouldNotBeNullOrWhiteSpace();
        message.ShouldNotContain("Error.");

        // A stale version, from the meeting's page: that page again, saying someone changed it.
        var stale = await browser.PostFormAsync(link, $"/meetings/tasks/{task}/reject",
            new Dictionary<string, string> { ["Version"] = "7", ["Note"] = "材料不全", ["MeetingId"] = link.Split('/')[^1] });
        stale.Status.ShouldBe(HttpStatusCode.Conflict);
        stale.Document.QuerySelector("[data-testid=agenda-behind]").ShouldNotBeNull();
        stale.Document.QuerySelector($"[data-testid=task-row][data-id='{task}'] [data-testid=task-error]")!.TextContent.ShouldContain("刚被别人修改过");
        (await browser.GetAsync("/meetings/tasks?filter=All")).Document.QuerySelector($"[data-testid=task-row][data-id='{task}']")!.TextContent.ShouldContain("办理中");
    }
}

public sealed class MeetingPageTestsSqlite : MeetingPageTests<SqliteTestDatabase>;

public sealed class MeetingPageTestsPostgres : MeetingPageTests<PostgresTestDatabase>;
