using System.Net;
using KeyProjects.Domain.Tests.Media;
using KeyProjects.Web.Data;
using KeyProjects.Web.Features.Daily;
using KeyProjects.Web.Features.Photos;
using KeyProjects.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static KeyProjects.Web.Tests.Daily.DailyFixture;

namespace KeyProjects.Web.Tests.Daily;

public abstract class DailyPostApiTests<TDb> : AppTest<TDb> where TDb : TestDatabase, new()
{
    private async Task<(string Mine, string Theirs, HttpClient Unit)> StartAsync()
    {
        var (mine, theirs) = await SeedAsync(App);
        return (mine, theirs, await App.ApiClientAsync("unit"));
    }

    [Fact]
    public async Task Post_WithPhotoAndThumbnail_StoresThePhotoWithoutGps_AndServesBoth()
    {
        var (mine, _, unit) = await StartAsync();
        var thumb = TestImages.Jpeg(320, 240);

        var response = await unit.PostAsync($"/api/v1/projects/{mine}/daily-posts",
            Form("主体结构施工至第 5 层，现场 120 人。", photos: [TestImages.JpegWithGps(4032, 3024)], thumbnails: [thumb]));

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var post = await response.JsonAsync();
        post.Str("date").ShouldBe("2026-11-22");
        post.Str("text").ShouldBe("主体结构施工至第 5 层，现场 120 人。");
        var photo = post.GetProperty("photos").EnumerateArray().Single();
        (photo.GetProperty("width").GetInt32(), photo.GetProperty("height").GetInt32()).ShouldBe((4032, 3024));

        var original = await unit.GetAsync(photo.Str("url"));
        original.StatusCode.ShouldBe(HttpStatusCode.OK);
        original.Content.Headers.ContentType!.MediaType.ShouldBe("image/jpeg");
        original.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
        original.Headers.CacheControl!.Private.ShouldBeTrue();
        var bytes = await original.Content.ReadAsByteArrayAsync();
        bytes.ShouldBe(TestImages.Jpeg(4032, 3024));
        TestImages.Contains(bytes, "LEAK").ShouldBeFalse();

        var thumbnail = await unit.GetAsync(photo.Str("thumbnailUrl"));
        (await thumbnail.Content.ReadAsByteArrayAsync()).ShouldBe(thumb);
        (await WrittenAsync(App)).ShouldBe((1, 1, 1));
    }

    [Fact]
    public async Task Post_WithoutThumbnails_GetsJpegThumbnailsMadeByTheServer_WhateverThePhotosFormat()
    {
        var (mine, _, unit) = await StartAsync();

        var response = await unit.PostAsync($"/api/v1/projects/{mine}/daily-posts",
            Form("钢结构吊装", photos: [RealImages.Of(SkiaSharp.SKEncodedImageFormat.Webp, 800, 600), RealImages.Of(SkiaSharp.SKEncodedImageFormat.Png, 600, 800)], contentType: "application/octet-stream"));

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var photos = (await response.JsonAsync()).GetProperty("photos").EnumerateArray().ToList();
        photos.Select(p => p.Str("contentType")).ShouldBe(["image/webp", "image/png"]);
        foreach (var photo in photos)
            (await unit.GetAsync(photo.Str("thumbnailUrl"))).Content.Headers.ContentType!.MediaType.ShouldBe("image/jpeg");
    }

    [Fact]
    public async Task Post_SeveralADay_AndList_ReturnsThemNewestFirstWithinTheRange()
    {
        var (mine, _, unit) = await StartAsync();
        (await unit.PostAsync($"/api/v1/projects/{mine}/daily-posts", Form("补报：基础浇筑", date: "2026-11-19"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await unit.PostAsync($"/api/v1/projects/{mine}/daily-posts", Form("上午：钢筋绑扎"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await unit.PostAsync($"/api/v1/projects/{mine}/daily-posts", Form("下午：模板安装"))).StatusCode.ShouldBe(HttpStatusCode.Created);

        var all = await (await unit.GetAsync($"/api/v1/projects/{mine}/daily-posts")).JsonAsync();
        all.EnumerateArray().Select(p => p.Str("text")).ShouldBe(["下午：模板安装", "上午：钢筋绑扎", "补报：基础浇筑"]);
        var range = await (await unit.GetAsync($"/api/v1/projects/{mine}/daily-posts?from=2026-11-19&to=2026-11-21")).JsonAsync();
        range.EnumerateArray().Select(p => p.Str("date")).ShouldBe(["2026-11-19"]);
        (await unit.GetAsync($"/api/v1/projects/{mine}/daily-posts?from=11/19/2026")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    public static TheoryData<string> BadInputs => ["pdf", "text named .jpg", "truncated", "oversized", "too many", "empty text", "future date", "too old", "bad date", "bad thumbnail"];

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Post_BadInput_IsRefusedWithAMessage_AndWritesNothing(string what)
    {
        var (mine, _, unit) = await StartAsync();
        var photo = TestImages.JpegWithGps();
        var form = what switch
        {
            "pdf" => Form("进度", photos: [TestImages.Pdf()], fileName: "现场.jpg"),
            "text named .jpg" => Form("进度", photos: [photo, TestImages.Text()]),
            "truncated" => Form("进度", photos: [photo[..^10]]),
            "oversized" => Form("进度", photos: [LargeJpeg(10 * 1024 * 1024)]),
            "too many" => Form("进度", photos: Enumerable.Repeat(photo, 10)),
            "empty text" => Form("  ", photos: [photo]),
            "future date" => Form("进度", date: "2026-11-23", photos: [photo]),
            "too old" => Form("进度", date: "2026-11-18"),
            "bad date" => Form("进度", date: "2026/11/22"),
            _ => Form("进度", photos: [photo], thumbnails: [TestImages.Pdf()]),
        };
        var (field, message) = what switch
        {
            "pdf" => ("Photos", "第 1 张照片不是 JPEG、PNG 或 WebP 图片（请直接上传手机拍摄的照片）。"),
            "text named .jpg" => ("Photos", "第 2 张照片不是 JPEG、PNG 或 WebP 图片（请直接上传手机拍摄的照片）。"),
            "truncated" => ("Photos", "第 1 张照片已损坏或不完整，请重新选择。"),
            "oversized" => ("Photos", "第 1 张照片超过 10 MB。"),
            "too many" => ("Photos", "每次最多 9 张照片，现在是 10 张。"),
            "empty text" => ("Text", "请填写进度情况。"),
            "future date" => ("Date", "日期不能晚于今天。"),
            "too old" => ("Date", "只能补报前 3 天内的进度（最早 2026-11-19）。"),
            "bad date" => ("Date", "请输入日期（如 2026-11-22）。"),
            _ => ("Photos", "第 1 张照片的缩略图不是有效的图片。"),
        };

        var response = await unit.PostAsync($"/api/v1/projects/{mine}/daily-posts", form);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        var problem = await response.JsonAsync();
        problem.Str("title").ShouldBe("提交的数据有误");
        problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(e => e.GetString()).ShouldContain(message);
        (await WrittenAsync(App)).ShouldBe((0, 0, 0));
    }

    [Fact]
    public async Task Post_LargerThanAnyPostMayBe_IsRefusedBeforeItIsRead_With413()
    {
        var (mine, _) = await SeedAsync(App);
        // Small limits, so that the request over them stays small: 9 × (20 KB + 1 KB) + 1 MB.
        using var small = App.WithWebHostBuilder(b => b.UseSetting("Photos:MaxBytes", "20000").UseSetting("Photos:MaxThumbnailBytes", "1000"));
        var client = small.CreateClient();
        var token = await (await client.PostJsonAsync("/api/v1/auth/token", new { userName = "unit", password = KeyProjectsApp.Password })).JsonAsync();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token.Str("accessToken"));

        var response = await client.PostAsync($"/api/v1/projects/{mine}/daily-posts", Form("进度", photos: [LargeJpeg(800_000), LargeJpeg(800_000)]));

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (await response.JsonAsync()).Str("detail").ShouldBe("上传的内容过大：每次最多 9 张照片，每张不超过 19 KB。什么也没有保存。");
        (await WrittenAsync(App)).ShouldBe((0, 0, 0));
    }

    [Fact]
    public async Task Post_BadInput_SpeaksTheCallersLanguage()
    {
        var (mine, _, unit) = await StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/projects/{mine}/daily-posts")
        {
            Content = Form("progress", photos: [TestImages.Pdf()]),
        };
        request.Headers.AcceptLanguage.ParseAdd("en");

        var problem = await (await unit.SendAsync(request)).JsonAsync();

        problem.Str("title").ShouldBe("The request has invalid values");
        problem.GetProperty("errors").GetProperty("Photos")[0].GetString().ShouldBe("Photo 1 is not a JPEG, PNG or WebP image (upload the photo as the phone took it).");
    }

    [Fact]
    public async Task Post_ForAnotherUnitsProject_IsNotFound_AndWritesNothing()
    {
        var (_, theirs, unit) = await StartAsync();

        var response = await unit.PostAsync($"/api/v1/projects/{theirs}/daily-posts", Form("进度", photos: [TestImages.Jpeg()]));

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.JsonAsync()).Str("detail").ShouldContain(theirs);
        (await WrittenAsync(App)).ShouldBe((0, 0, 0));
    }

    [Fact]
    public async Task Post_ByARoleThatDoesNotReport_IsForbidden()
    {
        var (mine, _, _) = await StartAsync();
        await App.CreateUserAsync("leader", Domain.Access.Role.Leader, "濮阳县");
        var leader = await App.ApiClientAsync("leader");

        var response = await leader.PostAsync($"/api/v1/projects/{mine}/daily-posts", Form("进度"));

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await response.JsonAsync()).Str("detail").ShouldBe("您的角色不能报送进度。");
        (await WrittenAsync(App)).ShouldBe((0, 0, 0));
    }

    [Fact]
    public async Task Post_ByCountyStaff_IsAllowed_AndAudited()
    {
        var (mine, _, _) = await StartAsync();
        var staff = await App.ApiClientAsync("pyx");

        (await staff.PostAsync($"/api/v1/projects/{mine}/daily-posts", Form("现场核查：塔吊已安装", photos: [TestImages.Png()]))).StatusCode.ShouldBe(HttpStatusCode.Created);

        var entry = await App.WithServicesAsync(sp => sp.GetRequiredService<AppDbContext>().AuditEntries.SingleAsync(e => e.EntityType == DailyPostService.AuditType));
        entry.UserName.ShouldBe("pyx");
        entry.Channel.ShouldBe("api");
        entry.Changes.ShouldContain("现场核查：塔吊已安装");
        entry.OrgPath.ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task Photo_OutsideTheCallersSubtree_IsNotFound()
    {
        var (mine, _, unit) = await StartAsync();
        var post = await (await unit.PostAsync($"/api/v1/projects/{mine}/daily-posts", Form("进度", photos: [TestImages.Jpeg()]))).JsonAsync();
        var url = post.GetProperty("photos")[0].Str("url");

        (await (await App.ApiClientAsync("nl")).GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await (await App.ApiClientAsync("other")).GetAsync(url + "/thumb")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await (await App.ApiClientAsync("pyx")).GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await App.CreateClient().GetAsync(url)).StatusCode.ShouldNotBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Missing_ForTheCounty_CountsEachProjectsDaysWithoutAPost()
    {
        var (mine, theirs, unit) = await StartAsync();
        foreach (var day in new[] { "2026-11-20", "2026-11-21", "2026-11-22" })
            (await unit.PostAsync($"/api/v1/projects/{mine}/daily-posts", Form("进度", date: day))).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await unit.PostAsync($"/api/v1/projects/{mine}/daily-posts", Form("又一条", date: "2026-11-22"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        var staff = await App.ApiClientAsync("pyx");

        var report = await (await staff.GetAsync($"/api/v1/daily-posts/missing?org={await OrgAsync("濮阳县")}&month=2026-11")).JsonAsync();

        report.Str("month").ShouldBe("2026-11");
        var rows = report.GetProperty("projects").EnumerateArray().ToDictionary(r => r.Str("code"));
        rows[theirs].GetProperty("missingDays").GetInt32().ShouldBe(22);
        rows[mine].GetProperty("dueDays").GetInt32().ShouldBe(22);
        rows[mine].GetProperty("postedDays").GetInt32().ShouldBe(3);
        rows[mine].GetProperty("missingDays").GetInt32().ShouldBe(19);
        report.GetProperty("missingDays").GetInt32().ShouldBe(41);
        report.GetProperty("projects")[0].Str("code").ShouldBe(theirs); // most missed first

        var october = await (await staff.GetAsync("/api/v1/daily-posts/missing?month=2026-10")).JsonAsync();
        october.GetProperty("projects").GetArrayLength().ShouldBe(0); // not started yet
    }

    [Fact]
    public async Task Missing_OutsideTheCallersSubtree_OrABadMonth_IsRefused()
    {
        await StartAsync();
        var staff = await App.ApiClientAsync("pyx");

        (await staff.GetAsync($"/api/v1/daily-posts/missing?org={await OrgAsync("南乐县")}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var bad = await staff.GetAsync("/api/v1/daily-posts/missing?month=2026-13");
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.JsonAsync()).GetProperty("errors").GetProperty("month")[0].GetString().ShouldBe("请输入月份（如 2026-11）。");
    }

    [Fact]
    public async Task AddAsync_ForAMonthlyReport_SavesAnAuditedPhotoListedUnderItsOwner()
    {
        var (mine, theirs, _) = await StartAsync();
        var ids = await App.WithServicesAsync(sp => sp.GetRequiredService<AppDbContext>().Projects.Where(p => p.Code == mine || p.Code == theirs).ToDictionaryAsync(p => p.Code, p => p.Id));
        var actor = new Domain.Access.Actor { UserId = "u1", UserName = "unit", Role = Domain.Access.Role.Staff, OrgId = await OrgAsync("濮阳县"), OrgPath = await App.WithServicesAsync(sp => sp.GetRequiredService<AppDbContext>().Organisations.Where(o => o.Name == "濮阳县").Select(o => o.Path).SingleAsync()) };

        var saved = await App.WithServicesAsync(async sp =>
            await sp.GetRequiredService<PhotoService>().AddAsync(actor, ids[mine], PhotoOwnerKind.MonthlyReport, 42, new MemoryStream(TestImages.JpegWithGps()), null));
        var refused = await App.WithServicesAsync(async sp =>
            await sp.GetRequiredService<PhotoService>().AddAsync(actor, ids[mine], PhotoOwnerKind.MonthlyReport, 42, new MemoryStream(TestImages.Pdf()), null));

        saved.Succeeded.ShouldBeTrue();
        refused.Errors.Single().MessageKey.ShouldBe("Error.Photo.NotAnImage");
        var listed = await App.WithServicesAsync(async sp => (await sp.GetRequiredService<PhotoService>().ListAsync(actor, PhotoOwnerKind.MonthlyReport, [42]))[42].ToList());
        listed.Select(p => p.Id).ShouldBe([saved.Value.Id]);
        (await WrittenAsync(App)).ShouldBe((0, 1, 1));
    }
}

public sealed class DailyPostApiTestsSqlite : DailyPostApiTests<SqliteTestDatabase>;

public sealed class DailyPostApiTestsPostgres : DailyPostApiTests<PostgresTestDatabase>;
