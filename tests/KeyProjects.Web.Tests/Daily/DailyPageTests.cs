using System.Net;
using KeyProjects.Domain.Tests.Media;
using KeyProjects.Web.Tests.Infrastructure;
using static KeyProjects.Web.Tests.Daily.DailyFixture;

namespace KeyProjects.Web.Tests.Daily;

public abstract class DailyPageTests<TDb> : AppTest<TDb> where TDb : TestDatabase, new()
{
    [Fact]
    public async Task ProjectDetail_LinksToTheDailyProgressPage()
    {
        var (mine, _) = await SeedAsync(App);
        using var unit = await App.LoginAsync("unit");

        var page = await unit.GetAsync($"/projects/{mine}");

        page.One("[data-testid=daily-link]")!.GetAttribute("href").ShouldBe($"/projects/{mine}/daily");
    }

    [Fact]
    public async Task Post_FromThePhoneForm_ShowsThePostWithItsThumbnailInTheTimeline()
    {
        var (mine, _) = await SeedAsync(App);
        using var unit = await App.LoginAsync("unit");
        var form = await unit.GetAsync($"/projects/{mine}/daily");
        form.One("[data-testid=daily-form]")!.GetAttribute("enctype").ShouldBe("multipart/form-data");
        form.One("input[type=file][capture]")!.GetAttribute("accept").ShouldBe("image/*");
        form.One("#date")!.GetAttribute("max").ShouldBe("2026-11-22");
        form.One("#date")!.GetAttribute("min").ShouldBe("2026-11-19");

        var page = await unit.PostMultipartAsync($"/projects/{mine}/daily", $"/projects/{mine}/daily",
            Form("基坑开挖完成 80%，挖掘机 6 台。", photos: [TestImages.JpegWithGps()], thumbnails: [TestImages.Jpeg(320, 240)]));

        page.Status.ShouldBe(HttpStatusCode.OK, page.Html);
        page.Url.ShouldBe($"/projects/{mine}/daily?done=posted");
        page.Text("[data-testid=flash]").ShouldBe("今日进度已报送。");
        page.Text("[data-testid=timeline-date]").ShouldBe("2026-11-22 星期日");
        page.Text("[data-testid=post-text]").ShouldBe("基坑开挖完成 80%，挖掘机 6 台。");
        var link = page.One("[data-testid=photo-gallery] a")!;
        var img = link.QuerySelector("img")!.GetAttribute("src")!;
        img.ShouldBe(link.GetAttribute("href") + "/thumb");
        var photo = await unit.Http.GetAsync(link.GetAttribute("href"));
        photo.StatusCode.ShouldBe(HttpStatusCode.OK);
        photo.Content.Headers.ContentType!.MediaType.ShouldBe("image/jpeg");
        TestImages.Contains(await photo.Content.ReadAsByteArrayAsync(), "LEAK").ShouldBeFalse();
    }

    [Fact]
    public async Task Post_APdfNamedJpg_ShowsTheMessage_KeepsTheText_AndSavesNothing()
    {
        var (mine, _) = await SeedAsync(App);
        using var unit = await App.LoginAsync("unit");

        var page = await unit.PostMultipartAsync($"/projects/{mine}/daily", $"/projects/{mine}/daily",
            Form("今天的进度", photos: [TestImages.Jpeg(), TestImages.Pdf()]));

        page.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        page.Text("[data-field-error=Photos]").ShouldBe("第 2 张照片不是 JPEG、PNG 或 WebP 图片（请直接上传手机拍摄的照片）。");
        page.Text("#text").ShouldBe("今天的进度");
        (await WrittenAsync(App)).ShouldBe((0, 0, 0));
    }

    [Fact]
    public async Task Post_EmptyTextAndFutureDate_ShowsBothMessagesInEnglish_WhenEnglishIsChosen()
    {
        var (mine, _) = await SeedAsync(App);
        using var unit = await App.LoginAsync("unit");
        await unit.GetAsync($"/culture/en?returnUrl=/");

        var page = await unit.PostMultipartAsync($"/projects/{mine}/daily", $"/projects/{mine}/daily", Form("", date: "2026-11-23"));

        page.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        page.Text("[data-field-error=Text]").ShouldBe("Describe the progress.");
        page.Text("[data-field-error=Date]").ShouldBe("The date cannot be in the future.");
        (await WrittenAsync(App)).ShouldBe((0, 0, 0));
    }

    [Fact]
    public async Task DailyPage_OfAnotherUnitsProject_IsNotFound_AndAPostToItSavesNothing()
    {
        var (mine, theirs) = await SeedAsync(App);
        using var unit = await App.LoginAsync("unit");

        (await unit.GetAsync($"/projects/{theirs}/daily")).Status.ShouldBe(HttpStatusCode.NotFound);
        var page = await unit.PostMultipartAsync($"/projects/{mine}/daily", $"/projects/{theirs}/daily", Form("进度", photos: [TestImages.Jpeg()]));

        page.Status.ShouldBe(HttpStatusCode.NotFound);
        (await WrittenAsync(App)).ShouldBe((0, 0, 0));
    }

    [Fact]
    public async Task ProjectMissing_ListsTheDaysWithoutAPostSinceTheStart()
    {
        var (mine, _) = await SeedAsync(App);
        using var unit = await App.LoginAsync("unit");
        foreach (var day in new[] { "2026-11-20", "2026-11-21" })
            (await unit.PostMultipartAsync($"/projects/{mine}/daily", $"/projects/{mine}/daily", Form("进度", date: day))).Status.ShouldBe(HttpStatusCode.OK);

        var page = await unit.GetAsync($"/projects/{mine}/daily/missing?month=2026-11");

        var days = page.All("[data-testid=missing-day]").Select(d => d.TextContent[..10]).ToList();
        days.Count.ShouldBe(20);
        days[0].ShouldBe("2026-11-01");
        days.ShouldNotContain("2026-11-20");
        days.ShouldNotContain("2026-11-21");
        days[^1].ShouldBe("2026-11-22");
        (await unit.GetAsync($"/projects/{mine}/daily/missing?month=2026-10")).One("[data-testid=nothing-due]").ShouldNotBeNull();
    }

    [Fact]
    public async Task OrgMissing_ShowsEachProjectsCount_ATotalRow_RightAligned_AndLinksToTheDays()
    {
        var (mine, theirs) = await SeedAsync(App);
        using (var unit = await App.LoginAsync("unit"))
            (await unit.PostMultipartAsync($"/projects/{mine}/daily", $"/projects/{mine}/daily", Form("进度"))).Status.ShouldBe(HttpStatusCode.OK);
        using var staff = await App.LoginAsync("pyx");

        var page = await staff.GetAsync("/daily/missing?month=2026-11");

        var rows = page.All("[data-testid=missing-row]");
        rows.Select(r => r.GetAttribute("data-code")).ShouldBe([theirs, mine]);
        rows.Select(r => r.QuerySelector("[data-testid=missing-count]")!.TextContent.Trim()).ShouldBe(["22", "21"]);
        rows[0].QuerySelector("[data-testid=missing-count]")!.GetAttribute("href").ShouldBe($"/projects/{theirs}/daily/missing?month=2026-11");
        rows[0].QuerySelectorAll("td.text-end").Length.ShouldBe(3);
        page.Text("[data-testid=total-row] td").ShouldBe("合计（2 个项目）");
        page.Text("[data-testid=total-missing]").ShouldBe("43");
        page.One("[data-testid=total-missing]")!.ClassList.ShouldContain("text-end");
    }
}

public sealed class DailyPageTestsSqlite : DailyPageTests<SqliteTestDatabase>;

public sealed class DailyPageTestsPostgres : DailyPageTests<PostgresTestDatabase>;
