using System.Net;
using System.Net.Http.Headers;
using KeyProjects.Domain.Access;
using KeyProjects.Domain.Organisations;
using KeyProjects.Domain.Tests.Media;
using KeyProjects.Web.Tests.Infrastructure;

namespace KeyProjects.Web.Tests.Reports;

public abstract class ReportPhotoTests<TDb> : AppTest<TDb> where TDb : TestDatabase, new()
{
    private const string Unit = "濮阳君恒生物科技有限公司";

    private async Task<(string Code, HttpClient Unit)> SetUpAsync()
    {
        App.Clock.Set(new DateTimeOffset(2023, 6, 3, 10, 0, 0, TimeSpan.FromHours(8)));
        await App.CreateOrgAsync("濮阳县", Unit, OrgKind.ProjectUnit);
        var code = await App.CreateProjectAsync(Builders.Project(await OrgAsync("濮阳县")) with { UnitName = Unit });
        await App.CreateUserAsync("junheng", Role.ProjectUnit, Unit);
        return (code, await App.ApiClientAsync("junheng"));
    }

    private static MultipartFormDataContent Photo(byte[] bytes, string name = "site.jpg")
    {
        var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        content.Add(file, "photo", name);
        return content;
    }

    [Fact]
    public async Task APhotoOfTheSite_IsStoredWithoutItsLocation_AndBadFilesAreRefused()
    {
        var (code, unit) = await SetUpAsync();
        var created = await (await unit.PostJsonAsync("/api/v1/reports", new { projectCode = code, year = 2023, month = 5, monthCompleted = 1_000m })).JsonAsync();
        var id = created.GetProperty("id").GetInt64();

        var added = await unit.PostAsync($"/api/v1/reports/{id}/photos", Photo(TestImages.JpegWithGps()));
        added.StatusCode.ShouldBe(HttpStatusCode.Created, await added.Content.ReadAsStringAsync());
        var photoId = (await added.JsonAsync()).GetProperty("id").GetInt64();
        var stored = await unit.GetByteArrayAsync($"/api/v1/photos/{photoId}");
        TestImages.Contains(stored, "LEAK").ShouldBeFalse();

        var pdf = await unit.PostAsync($"/api/v1/reports/{id}/photos", Photo([.. "%PDF-1.7\n"u8.ToArray(), 0, 1, 2, 3], "site.jpg"));
        pdf.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await pdf.Content.ReadAsStringAsync()).ShouldContain("照片");
        var huge = await unit.PostAsync($"/api/v1/reports/{id}/photos", Photo(new byte[11 * 1024 * 1024]));
        huge.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);

        await App.CreateOrgAsync("濮阳县", "濮阳恩赢高分子材料有限公司", OrgKind.ProjectUnit);
        await App.CreateUserAsync("enying", Role.ProjectUnit, "濮阳恩赢高分子材料有限公司");
        var other = await App.ApiClientAsync("enying");
        (await other.PostAsync($"/api/v1/reports/{id}/photos", Photo(TestImages.Jpeg()))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.GetAsync($"/api/v1/photos/{photoId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TheFormSubmitsTheMonthWithItsPhotos_OrNothingWhenAPhotoIsBad()
    {
        var (code, _) = await SetUpAsync();
        var browser = await App.LoginAsync("junheng");
        var url = $"/reports/{code}/2023-05";
        MultipartFormDataContent Form(byte[] photo)
        {
            var content = new MultipartFormDataContent
            {
                { new StringContent("1000"), "MonthCompleted" },
                { new StringContent("Started"), "StartStatus" },
                { new StringContent("submit"), "Action" },
                { new StringContent(""), "Version" },
            };
            var file = new ByteArrayContent(photo);
            file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            content.Add(file, "photos", "site.jpg");
            var thumb = new ByteArrayContent(TestImages.Jpeg(320, 240));
            thumb.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            content.Add(thumb, "thumbnails", "thumb.jpg");
            return content;
        }

        var bad = await browser.PostMultipartAsync(url, url, Form("not an image at all"u8.ToArray()));
        bad.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        bad.Text("[data-field-error=Photos]").ShouldNotBeNullOrWhiteSpace();
        bad.Text("[data-testid=report-status]").ShouldBe("未报");

        var ok = await browser.PostMultipartAsync(url, url, Form(TestImages.JpegWithGps()));
        ok.Url.ShouldContain("done=submitted");
        ok.Text("[data-testid=report-status]").ShouldBe("报送");
        ok.All("img").Count(i => (i.GetAttribute("src") ?? "").Contains("/thumb", StringComparison.Ordinal)).ShouldBe(1);
    }
}

public sealed class ReportPhotoTestsSqlite : ReportPhotoTests<SqliteTestDatabase>;

public sealed class ReportPhotoTestsPostgres : ReportPhotoTests<PostgresTestDatabase>;
