using System.Net;
using KeyProjects.Domain.Access;
using KeyProjects.Domain.Organisations;
using KeyProjects.Web.Tests.Infrastructure;

namespace KeyProjects.Web.Tests.Meetings;

/// <summary>
/// The 会议纪要 converted by the app's PDF endpoint. One conversion, SQLite only: the paper does not depend on the database,
/// and LibreOffice's 5–10 s of CPU is not worth spending twice.
/// </summary>
public sealed class MeetingPdfTests : AppTest<SqliteTestDatabase>
{
    [Fact]
    public async Task MinutesAsPdf_IsA4Portrait_WithTheTitle_ChineseDates_AndThePageNumber()
    {
        LibreOffice.EnsureAvailable();
        App.Clock.Set(new DateTimeOffset(2023, 6, 3, 10, 0, 0, TimeSpan.FromHours(8)));
        var county = await OrgAsync("濮阳县");
        await App.CreateProjectAsync(Builders.Project(county, name: "慢项目"));
        await App.CreateUserAsync("pyx", Role.Staff, "濮阳县");
        var staff = await App.LoginAsync("pyx");
        var api = await App.ApiClientAsync("pyx");
        var created = await api.PostJsonAsync("/api/v1/meetings", new { orgId = county, title = "濮阳县重点项目调度会", date = "2023-06-03" });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = (await created.JsonAsync()).GetProperty("id").GetInt64();
        var dept = await App.CreateOrgAsync("濮阳县", "濮阳县测试住建局", OrgKind.Department);
        (await api.PostJsonAsync($"/api/v1/meetings/{id}/tasks", new { title = "办理施工许可", ownerOrgId = dept, ownerName = "陈立新", deadline = "2023-06-30" }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);

        var response = await staff.Http.GetAsync($"/meetings/{id}/document.pdf");

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        var pdf = await response.Content.ReadAsByteArrayAsync();
        var (width, height) = await LibreOffice.PageSizeAsync(pdf);
        width.ShouldBe(595, 2, "A4 portrait is 595 × 842 points");
        height.ShouldBe(842, 2);
        var pages = await LibreOffice.PagesAsync(pdf);
        var first = Squeezed(pages[0]);
        first.ShouldContain("濮阳县重点项目调度会会议纪要");
        first.ShouldContain("一、会议议定事项");
        first.ShouldContain("—1—", customMessage: "the page number in the 公文 form");
        Squeezed(string.Concat(pages)).ShouldContain("2023年6月30日");
    }

    private static string Squeezed(string text) => new(text.Where(c => !char.IsWhiteSpace(c)).ToArray());
}
