using System.Net;
using KeyProjects.Domain.Media;
using KeyProjects.Web.Tests.Infrastructure;
using SkiaSharp;
using static KeyProjects.Web.Tests.Daily.DailyFixture;

namespace KeyProjects.Web.Tests.Security;

/// <summary>
/// Issue 12, point 5: a picture with more pixels than the limits, or whose data does not hold what its header says, is
/// refused with the photo's number and nothing is saved; a photo sent without a thumbnail gets one made by the server.
/// </summary>
public abstract class UploadTests<TDb> : AppTest<TDb> where TDb : TestDatabase, new()
{
    [Fact]
    public async Task APngOf20000By20000Pixels_IsRefused_AndNothingIsSaved()
    {
        var (mine, _) = await SeedAsync(App);
        var unit = await App.ApiClientAsync("unit");

        var response = await unit.PostAsync($"/api/v1/projects/{mine}/daily-posts", Form("巨幅图片", photos: [RealImages.PngDeclaring(RealImages.Of(SKEncodedImageFormat.Png, 1, 1), 20_000, 20_000)], contentType: "image/png"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.JsonAsync()).GetProperty("errors").GetProperty("Photos")[0].GetString()
            .ShouldBe("第 1 张照片像素过大：每边最多 8000 像素，总计不超过 4000 万像素。");
        (await WrittenAsync(App)).ShouldBe((0, 0, 0));
    }

    [Fact]
    public async Task APngWhoseHeaderDoesNotMatchItsData_IsRefusedAsDamaged()
    {
        var (mine, _) = await SeedAsync(App);
        var unit = await App.ApiClientAsync("unit");
        var lying = RealImages.PngDeclaring(RealImages.Of(SKEncodedImageFormat.Png, 100, 100), 400, 100);
        ImageSanitizer.Clean(lying).Succeeded.ShouldBeTrue("the file's structure and checksums are in order; only decoding finds the lie");

        var response = await unit.PostAsync($"/api/v1/projects/{mine}/daily-posts",
            Form("文件头与数据不符", photos: [RealImages.Of(SKEncodedImageFormat.Jpeg, 640, 480), lying], contentType: "image/png"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.JsonAsync()).GetProperty("errors").GetProperty("Photos")[0].GetString().ShouldBe("第 2 张照片已损坏或不完整，请重新选择。");
        (await WrittenAsync(App)).ShouldBe((0, 0, 0));
    }

    [Fact]
    public async Task APhotoWithoutAThumbnail_GetsA320PixelJpegThumbnail_MadeByTheServer()
    {
        var (mine, _) = await SeedAsync(App);
        var unit = await App.ApiClientAsync("unit");
        var photo = RealImages.Of(SKEncodedImageFormat.Png, 1600, 1200);

        var response = await unit.PostAsync($"/api/v1/projects/{mine}/daily-posts", Form("服务器生成缩略图", photos: [photo], contentType: "image/png"));

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var stored = (await response.JsonAsync()).GetProperty("photos")[0];
        var thumb = await unit.GetAsync(stored.Str("thumbnailUrl"));
        thumb.Content.Headers.ContentType!.MediaType.ShouldBe("image/jpeg");
        var bytes = await thumb.Content.ReadAsByteArrayAsync();
        bytes.Length.ShouldBeLessThan(photo.Length);
        using var decoded = SKBitmap.Decode(bytes);
        (decoded.Width, decoded.Height).ShouldBe((320, 240));
        var original = await (await unit.GetAsync(stored.Str("url"))).Content.ReadAsByteArrayAsync();
        original.Length.ShouldBe(photo.Length);
    }
}

public sealed class UploadTestsSqlite : UploadTests<SqliteTestDatabase>;

public sealed class UploadTestsPostgres : UploadTests<PostgresTestDatabase>;
