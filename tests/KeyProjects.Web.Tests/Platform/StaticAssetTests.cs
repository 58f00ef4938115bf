using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using KeyProjects.Web.Infrastructure;
using KeyProjects.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace KeyProjects.Web.Tests.Platform;

/// <summary>
/// Issue 13, "Page weight" (decision 021): pages link wwwroot's files by a hash of their content, such a URL is cached for
/// a year and answered whole and compressed, and any other URL of the file is revalidated.
/// </summary>
public abstract class StaticAssetTests<TDb> : AppTest<TDb> where TDb : TestDatabase, new()
{
    [Fact]
    public async Task LoginPage_LinksItsFilesByContentHash_EachServedWholeCompressedAndImmutable()
    {
        var login = await App.Browser().GetAsync("/login");
        var urls = login.All("link[rel=stylesheet]").Select(l => l.GetAttribute("href")!)
            .Concat(login.All("script[src]").Select(s => s.GetAttribute("src")!)).ToList();

        urls.Count.ShouldBe(5);
        urls.ShouldNotContain(u => u.Contains("tabler-icons.min.css", StringComparison.Ordinal), "the 5,000-icon webfont stylesheet is gone");
        foreach (var url in urls)
        {
            var path = url.Split('?')[0];
            var source = await File.ReadAllBytesAsync(Path.Combine(SourceFolders.WebRoot, path.TrimStart('/')));
            url.ShouldBe($"{path}?v={Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(source))[..16]}");

            var response = await GetAsync(url, "gzip");

            response.StatusCode.ShouldBe(HttpStatusCode.OK, url);
            response.Headers.CacheControl!.ToString().ShouldBe("public, max-age=31536000, immutable", url);
            response.Content.Headers.ContentEncoding.ShouldBe(["gzip"], url);
            response.Headers.Vary.ShouldContain("Accept-Encoding", url);
            await using var body = new GZipStream(await response.Content.ReadAsStreamAsync(), CompressionMode.Decompress);
            using var unpacked = new MemoryStream();
            await body.CopyToAsync(unpacked);
            unpacked.ToArray().ShouldBe(source, url);
        }
    }

    [Theory]
    [InlineData("/js/app.js")]
    [InlineData("/js/app.js?v=0123456789abcdef")]
    public async Task AFileWithoutItsCurrentHash_IsRevalidated_AndAnswers304WhenUnchanged(string url)
    {
        var first = await GetAsync(url, "identity");
        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        first.Headers.CacheControl!.NoCache.ShouldBeTrue();

        var again = new HttpRequestMessage(HttpMethod.Get, url);
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        (await App.CreateClient().SendAsync(again)).StatusCode.ShouldBe(HttpStatusCode.NotModified);
    }

    [Fact]
    public void AssetUrls_RefuseAFileThatIsNotThere() =>
        Should.Throw<FileNotFoundException>(() => App.Services.GetRequiredService<AssetUrls>()["/css/no-such.css"]);

    private Task<HttpResponseMessage> GetAsync(string url, string encoding)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));
        return App.CreateClient().SendAsync(request);
    }
}

public sealed class StaticAssetTestsSqlite : StaticAssetTests<SqliteTestDatabase>;

public sealed class StaticAssetTestsPostgres : StaticAssetTests<PostgresTestDatabase>;
