using System.Net.Http.Headers;
using KeyProjects.Domain.Access;
using KeyProjects.Domain.Organisations;
using KeyProjects.Domain.Projects;
using KeyProjects.Domain.Tests.Media;
using KeyProjects.Web.Data;
using KeyProjects.Web.Features.Daily;
using KeyProjects.Web.Features.Photos;
using KeyProjects.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KeyProjects.Web.Tests.Daily;

/// <summary>
/// Two project units in 濮阳县, each with a project started on 1 November 2026 (the test clock stands at 22 November),
/// their users, a county staff member, and a staff member of 南乐县 who sees neither.
/// </summary>
public static class DailyFixture
{
    public const string Unit = "测试项目单位有限公司";
    public const string OtherUnit = "另一家建设有限公司";
    public static readonly DateOnly Started = new(2026, 11, 1);

    public static async Task<(string Mine, string Theirs)> SeedAsync(KeyProjectsApp app)
    {
        await app.CreateOrgAsync("濮阳县", Unit, OrgKind.ProjectUnit);
        await app.CreateOrgAsync("濮阳县", OtherUnit, OrgKind.ProjectUnit);
        var county = await app.OrgIdAsync("濮阳县");
        var mine = await app.CreateProjectAsync(StartedOn1November(Builders.Project(county, name: "濮阳县智慧物流园")));
        var theirs = await app.CreateProjectAsync(StartedOn1November(Builders.Project(county, name: "濮阳县污水处理厂") with { UnitName = OtherUnit }));
        await app.CreateUserAsync("unit", Role.ProjectUnit, Unit);
        await app.CreateUserAsync("other", Role.ProjectUnit, OtherUnit);
        await app.CreateUserAsync("pyx", Role.Staff, "濮阳县");
        await app.CreateUserAsync("nl", Role.Staff, "南乐县");
        return (mine, theirs);
    }

    private static ProjectDraft StartedOn1November(ProjectDraft d) => d with { Stage = ProjectStage.Started, ActualStart = Started };

    public static MultipartFormDataContent Form(string? text, string? date = null, IEnumerable<byte[]>? photos = null, IEnumerable<byte[]>? thumbnails = null,
        string fileName = "IMG_0001.jpg", string contentType = "image/jpeg")
    {
        var form = new MultipartFormDataContent();
        if (text is not null) form.Add(new StringContent(text), "text");
        if (date is not null) form.Add(new StringContent(date), "date");
        var n = 0;
        foreach (var p in photos ?? [])
        {
            var part = new ByteArrayContent(p);
            part.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            form.Add(part, "photos", n++ == 0 ? fileName : $"IMG_{n:0000}.jpg");
        }
        foreach (var t in thumbnails ?? [])
        {
            var part = new ByteArrayContent(t);
            part.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            form.Add(part, "thumbnails", "thumb.jpg");
        }
        return form;
    }

    /// <summary>What the feature wrote: posts, photos, and their audit entries.</summary>
    public static Task<(int Posts, int Photos, int Audits)> WrittenAsync(KeyProjectsApp app) => app.WithServicesAsync(async sp =>
    {
        var db = sp.GetRequiredService<AppDbContext>();
        return (await db.DailyPosts.CountAsync(), await db.Photos.CountAsync(),
            await db.AuditEntries.CountAsync(e => e.EntityType == DailyPostService.AuditType || e.EntityType == PhotoService.AuditType));
    });

    /// <summary>A JPEG with a large scan, to go over a size limit while staying a well-formed image.</summary>
    public static byte[] LargeJpeg(int bytes)
    {
        var head = TestImages.Jpeg(4000, 3000);
        var scan = new byte[bytes];
        Array.Fill(scan, (byte)0x55);
        return [.. head[..^2], .. scan, 0xFF, 0xD9];
    }
}
