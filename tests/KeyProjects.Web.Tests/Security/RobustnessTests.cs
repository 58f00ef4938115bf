using System.IO.Compression;
using System.Net;
using System.Text;
using KeyProjects.Domain.Access;
using KeyProjects.Web.Data;
using KeyProjects.Web.Features.Meetings;
using KeyProjects.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KeyProjects.Web.Tests.Security;

/// <summary>Issue 12, point 10: the smaller findings — damaged sheets, codes outside the subtree, GETs that wrote, versions, JSON field names, log levels.</summary>
public abstract class RobustnessTests<TDb> : AppTest<TDb> where TDb : TestDatabase, new()
{
    private static readonly string[] Header = ["序号", "项目编码", "项目名称", "所属地区", "总投资", "2023年计划投资", "建设性质", "项目级别"];

    private async Task<HttpClient> CountyStaffAsync()
    {
        await App.CreateUserAsync("pyx", Role.Staff, "濮阳县");
        return await App.ApiClientAsync("pyx");
    }

    [Fact]
    public async Task ASheetWithADoctype_IsADamagedFile_Not500_AndNothingIsWritten()
    {
        var staff = await CountyStaffAsync();
        var file = Rewrite(Xlsx.Build(Header, [1, Builders.NextCode(), "含 DOCTYPE 的表", "濮阳县", 100, 50, "新建", "县重点"]), "xl/worksheets/",
            xml => xml.Insert(RootElement(xml), "<!DOCTYPE worksheet [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"));

        var response = await staff.PostAsync("/api/v1/projects/import", Xlsx.Upload(file));

        ((int)response.StatusCode).ShouldBeInRange(400, 499, await response.Content.ReadAsStringAsync());
        (await response.Content.ReadAsStringAsync()).ShouldNotContain("root:");
        (await (await staff.GetAsync("/api/v1/projects?year=all")).JsonAsync()).GetProperty("total").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task AZipWhoseDeclaredSizesLie_IsADamagedFile_Not500()
    {
        var staff = await CountyStaffAsync();
        var built = Xlsx.Build(Header, [1, Builders.NextCode(), "尺寸造假的表", "濮阳县", 100, 50, "新建", "县重点"]);
        var file = LieAboutSizes(built, SheetEntry(built));

        var response = await staff.PostAsync("/api/v1/projects/import?dryRun=true", Xlsx.Upload(file));

        ((int)response.StatusCode).ShouldBeInRange(400, 499, await response.Content.ReadAsStringAsync());
        App.Logs.Lines.ShouldNotContain(l => l.StartsWith("Error", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ACodeThatExistsOutsideTheSubtree_ReadsAsNewInTheDryRun_AndIsRefusedAtSaveAsAnyDuplicate()
    {
        var elsewhere = await App.CreateProjectAsync(Builders.Project(await App.OrgIdAsync("南乐县"), name: "南乐县的项目"));
        var staff = await CountyStaffAsync();
        var file = Xlsx.Build(Header, [1, elsewhere, "同码项目", "濮阳县", 100, 50, "新建", "县重点"]);

        var dry = await staff.PostAsync("/api/v1/projects/import?dryRun=true", Xlsx.Upload(file));
        dry.StatusCode.ShouldBe(HttpStatusCode.OK, await dry.Content.ReadAsStringAsync());
        var checkedRun = await dry.JsonAsync();
        (checkedRun.GetProperty("created").GetInt32(), checkedRun.GetProperty("updated").GetInt32()).ShouldBe((1, 0));

        var real = await staff.PostAsync("/api/v1/projects/import", Xlsx.Upload(file));
        var body = await real.Content.ReadAsStringAsync();
        ((int)real.StatusCode).ShouldBeInRange(400, 499, body);
        body.ShouldContain($"项目代码 {elsewhere} 已被其他项目使用。");
        body.ShouldNotContain("管辖范围");
        (await (await (await App.ApiClientAsync("admin")).GetAsync($"/api/v1/projects/{elsewhere}")).JsonAsync()).Str("name").ShouldBe("南乐县的项目");
    }

    [Fact]
    public async Task ListingMeetings_WritesNothing_EvenWhenASeriesIsDue()
    {
        App.Clock.Set(new DateTimeOffset(2023, 6, 3, 10, 0, 0, TimeSpan.FromHours(8)));
        var county = await App.OrgIdAsync("濮阳县");
        var staff = await CountyStaffAsync();
        (await staff.PostJsonAsync("/api/v1/meeting-series", new { orgId = county, name = "县区周例会", level = 2, weekday = 2, marginPoints = 5, deepDiveCount = 1 }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        await App.CreateUserAsync("viewer", Role.Viewer, "濮阳县");
        App.Clock.Set(new DateTimeOffset(2023, 6, 10, 10, 0, 0, TimeSpan.FromHours(8))); // the next Tuesday has no meeting yet
        staff = await App.ApiClientAsync("pyx");
        var viewer = await App.ApiClientAsync("viewer");
        var before = await MeetingsAsync();

        (await viewer.GetAsync($"/api/v1/meetings?org={county}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await staff.GetAsync($"/api/v1/meetings?org={county}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await MeetingsAsync()).ShouldBe(before);
        await App.WithServicesAsync(sp => sp.GetRequiredService<MeetingService>().ScheduleAllAsync());
        (await MeetingsAsync()).ShouldBe(before + 1, "the periodic job schedules it");
    }

    [Fact]
    public async Task RenamingAnOrganisation_FromAStalePage_IsAConflict_AndChangesNothing()
    {
        var admin = await App.LoginAsync("admin");
        var county = await App.OrgIdAsync("濮阳县");
        var page = await admin.GetAsync("/admin/orgs");
        var form = page.One($"form[action='/admin/orgs/{county}']")!;
        var fields = BrowserClient.FieldsOf(form).Where(f => f.Key != "__RequestVerificationToken").ToDictionary(f => f.Key, f => f.Value);
        (await admin.PostFormAsync("/admin/orgs", $"/admin/orgs/{county}", new Dictionary<string, string>(fields) { ["Name"] = "濮阳县（一）" })).Status.ShouldBe(HttpStatusCode.OK);

        var stale = await admin.PostFormAsync("/admin/orgs", $"/admin/orgs/{county}", new Dictionary<string, string>(fields) { ["Name"] = "濮阳县（二）" });

        stale.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await App.WithServicesAsync(sp => sp.GetRequiredService<AppDbContext>().Organisations.Where(o => o.Id == county).Select(o => o.Name).SingleAsync()))
            .ShouldBe("濮阳县（一）");
    }

    [Fact]
    public async Task AJsonValueOfTheWrongType_NamesTheField_AndIsLoggedAsAWarningWithoutAStack()
    {
        var admin = await App.ApiClientAsync("admin");
        var body = new StringContent("""{"code":"410928-26-01-000001","name":"类型错误","orgId":1,"totalInvestment":"很多"}""", Encoding.UTF8, "application/json");

        var response = await admin.PostAsync("/api/v1/projects", body);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.JsonAsync();
        problem.GetProperty("errors").TryGetProperty("totalInvestment", out var messages).ShouldBeTrue(problem.GetRawText());
        messages[0].GetString()!.ShouldContain("totalInvestment");
        App.Logs.Lines.ShouldContain(l => l.StartsWith("Warning KeyProjects.Errors", StringComparison.Ordinal));
        App.Logs.Lines.ShouldNotContain(l => l.StartsWith("Error", StringComparison.Ordinal) || l.Contains("   at ", StringComparison.Ordinal));
    }

    private Task<int> MeetingsAsync() => App.WithServicesAsync(sp => sp.GetRequiredService<AppDbContext>().Meetings.CountAsync());

    /// <summary>Where the document's root element starts (after the XML declaration).</summary>
    private static int RootElement(string xml)
    {
        var i = xml.IndexOf('<', StringComparison.Ordinal);
        while (i >= 0 && xml[i + 1] == '?') i = xml.IndexOf('<', i + 1);
        return i;
    }

    private static string SheetEntry(byte[] xlsx)
    {
        using var zip = new ZipArchive(new MemoryStream(xlsx), ZipArchiveMode.Read);
        return zip.Entries.First(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal)).FullName;
    }

    /// <summary>The workbook with the entries under <paramref name="prefix"/> changed.</summary>
    private static byte[] Rewrite(byte[] xlsx, string prefix, Func<string, string> change)
    {
        using var output = new MemoryStream();
        using (var source = new ZipArchive(new MemoryStream(xlsx), ZipArchiveMode.Read))
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var e in source.Entries)
            {
                using var reader = new StreamReader(e.Open(), Encoding.UTF8);
                var text = reader.ReadToEnd();
                using var writer = new StreamWriter(target.CreateEntry(e.FullName).Open(), new UTF8Encoding(false));
                writer.Write(e.FullName.StartsWith(prefix, StringComparison.Ordinal) ? change(text) : text);
            }
        return output.ToArray();
    }

    /// <summary>The entry's declared uncompressed size, in its local header and the central directory, set far below the truth.</summary>
    private static byte[] LieAboutSizes(byte[] xlsx, string entry)
    {
        var bytes = (byte[])xlsx.Clone();
        var name = Encoding.ASCII.GetBytes(entry);
        for (var i = 0; i + 46 < bytes.Length; i++)
        {
            if (bytes[i] == 0x50 && bytes[i + 1] == 0x4B && bytes[i + 2] == 0x03 && bytes[i + 3] == 0x04 && bytes.AsSpan(i + 30, name.Length).SequenceEqual(name))
                BitConverter.TryWriteBytes(bytes.AsSpan(i + 22, 4), 7u);
            if (bytes[i] == 0x50 && bytes[i + 1] == 0x4B && bytes[i + 2] == 0x01 && bytes[i + 3] == 0x02 && bytes.AsSpan(i + 46, Math.Min(name.Length, bytes.Length - i - 46)).SequenceEqual(name))
                BitConverter.TryWriteBytes(bytes.AsSpan(i + 24, 4), 7u);
        }
        return bytes;
    }
}

public sealed class RobustnessTestsSqlite : RobustnessTests<SqliteTestDatabase>;

public sealed class RobustnessTestsPostgres : RobustnessTests<PostgresTestDatabase>;
