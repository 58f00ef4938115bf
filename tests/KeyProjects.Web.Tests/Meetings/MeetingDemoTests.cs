using System.Net;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using KeyProjects.Web.Tests.Infrastructure;

namespace KeyProjects.Web.Tests.Meetings;

/// <summary>The demo's meetings at the browser tests' date (2026-11-22): every agenda section has something to discuss.</summary>
public abstract class MeetingDemoTests<TDb> : AppTest<TDb> where TDb : TestDatabase, new()
{
    protected override bool DemoData => true;

    private static async Task<JsonElement> OkJson(Task<HttpResponseMessage> call)
    {
        var response = await call;
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    [Fact]
    public async Task Demo_CountyMeetings_HaveFullAgendas_HeldRecords_AndOneOverdueTask()
    {
        var staff = await App.ApiClientAsync("pyx.fgw", "Demo@2026");
        var county = await OrgAsync("濮阳县");

        var meetings = (await OkJson(staff.GetAsync($"/api/v1/meetings?org={county}"))).EnumerateArray().ToList();

        var next = meetings.Single(m => m.Str("status") == "Scheduled");
        next.Str("date").ShouldBe("2026-11-24"); // the Tuesday after Sunday 22 November
        var live = await OkJson(staff.GetAsync($"/api/v1/meetings/{next.GetProperty("id").GetInt64()}/agenda"));
        foreach (var section in new[] { "behind", "overdue", "escalated", "deepDive" })
            live.GetProperty(section).GetArrayLength().ShouldBeGreaterThan(0, section);

        // 2023's record, and last week's (the latest Tuesday at least three days back).
        meetings.Where(m => m.Str("status") == "Held").Select(m => m.Str("date")).ShouldBe(["2023-05-09", "2026-11-17"], ignoreOrder: true);
        var held = meetings.Single(m => m.Str("status") == "Held" && m.Str("date") == "2023-05-09");
        var frozen = await OkJson(staff.GetAsync($"/api/v1/meetings/{held.GetProperty("id").GetInt64()}/agenda"));
        frozen.GetProperty("frozen").GetBoolean().ShouldBeTrue();
        frozen.GetProperty("behind").GetArrayLength().ShouldBeGreaterThan(0);
        frozen.GetProperty("overdue").GetArrayLength().ShouldBeGreaterThan(0);

        var tasks = await OkJson(staff.GetAsync("/api/v1/meeting-tasks"));
        // 2023's four closed in 2023; last week's four: one overdue, one due, one reported, one closed.
        tasks.GetProperty("total").GetInt32().ShouldBe(8);
        tasks.GetProperty("overdue").GetInt32().ShouldBe(1);

        using var stream = new MemoryStream(await staff.GetByteArrayAsync($"/api/v1/meetings/{held.GetProperty("id").GetInt64()}/document"));
        using var doc = WordprocessingDocument.Open(stream, false);
        doc.MainDocumentPart!.Document.Body!.InnerText.ShouldContain("协调解决项目二期用地组卷报批");

        var city = await App.ApiClientAsync("py.fgw", "Demo@2026");
        var cityMeetings = await OkJson(city.GetAsync($"/api/v1/meetings?org={await OrgAsync("濮阳市")}"));
        cityMeetings.EnumerateArray().Select(m => m.GetProperty("level").GetInt32()).ShouldContain(4);
    }
}

public sealed class MeetingDemoTestsSqlite : MeetingDemoTests<SqliteTestDatabase>;

public sealed class MeetingDemoTestsPostgres : MeetingDemoTests<PostgresTestDatabase>;
