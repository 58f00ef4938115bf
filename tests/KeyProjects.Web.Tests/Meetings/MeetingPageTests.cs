using System.Net;
using KeyProjects.Domain.Access;
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
}

public sealed class MeetingPageTestsSqlite : MeetingPageTests<SqliteTestDatabase>;

public sealed class MeetingPageTestsPostgres : MeetingPageTests<PostgresTestDatabase>;
