using System.Net;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using KeyProjects.Domain.Access;
using KeyProjects.Domain.Organisations;
using KeyProjects.Domain.Problems;
using KeyProjects.Web.Data;
using KeyProjects.Web.Features.Audit;
using KeyProjects.Web.Features.Meetings;
using KeyProjects.Web.Features.Problems;
using KeyProjects.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KeyProjects.Web.Tests.Meetings;

/// <summary>
/// Dispatch meetings over the API. The clock stands at Saturday 3 June 2023: May is the last complete month, so a project with
/// a 2023 plan and no approved report is 41.7 points behind 序时进度 (5/12).
/// </summary>
public abstract class MeetingApiTests<TDb> : AppTest<TDb> where TDb : TestDatabase, new()
{
    private static readonly DateOnly Today = new(2023, 6, 3);

    private async Task<(HttpClient Staff, int County, string Code)> CountyAsync()
    {
        App.Clock.Set(new DateTimeOffset(2023, 6, 3, 10, 0, 0, TimeSpan.FromHours(8)));
        var county = await OrgAsync("濮阳县");
        var code = await App.CreateProjectAsync(Builders.Project(county, name: "慢项目"));
        await App.CreateUserAsync("pyx", Role.Staff, "濮阳县");
        return (await App.ApiClientAsync("pyx"), county, code);
    }

    private static async Task<JsonElement> OkJson(Task<HttpResponseMessage> call, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await call;
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static Task<JsonElement> SeriesAsync(HttpClient client, int org, int weekday = 2) =>
        OkJson(client.PostJsonAsync("/api/v1/meeting-series", new { orgId = org, name = "县区周例会", level = 2, weekday, marginPoints = 5, deepDiveCount = 1 }), HttpStatusCode.Created);

    private Task<int> CountAsync<T>() where T : class => App.WithServicesAsync(sp => sp.GetRequiredService<AppDbContext>().Set<T>().CountAsync());

    /// <summary>A problem written straight into the ledger's table (the problem service is another feature), audited and numbered as the guard requires.</summary>
    private Task<long> ProblemAsync(string code, DateOnly deadline, int level = 1, ProblemStatus status = ProblemStatus.InProgress, long? meetingId = null) =>
        App.WithServicesAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var project = await db.Projects.SingleAsync(p => p.Code == code);
            var problem = new Problem
            {
                ProjectId = project.Id, OrgId = project.OrgId, Title = "用地指标未落实", RaisedById = "test", RaisedByName = "test",
                RaisedAtUtc = DateTime.UtcNow, RaisedOn = deadline.AddDays(-5), Level = level, Deadline = deadline, DueOn = deadline, Status = status, MeetingId = meetingId,
            };
            db.Add(problem);
            AuditLog.Add(db, TimeProvider.System, Actor.System("test"), "Problem", code, "/", AuditAction.Created, []);
            await using var tx = await db.UnitOfWorkAsync(default);
            await db.SaveChangesAsync();
            await Web.Infrastructure.Changes.ChangeCounter.StampProblemsAsync(db, [problem.Id], default);
            await tx.CommitAsync(default);
            return problem.Id;
        });

    [Fact]
    public async Task Series_CreatesItsNextMeetingOnDemand_OnlyOnce()
    {
        var (staff, county, _) = await CountyAsync();
        await SeriesAsync(staff, county);

        var first = await OkJson(staff.GetAsync($"/api/v1/meetings?org={county}"));
        var second = await OkJson(staff.GetAsync($"/api/v1/meetings?org={county}"));

        first.GetArrayLength().ShouldBe(1);
        first[0].Str("date").ShouldBe("2023-06-06"); // the Tuesday after Saturday 3 June
        second.GetArrayLength().ShouldBe(1);
        second[0].GetProperty("id").GetInt64().ShouldBe(first[0].GetProperty("id").GetInt64());
        (await CountAsync<Meeting>()).ShouldBe(1);
    }

    [Fact]
    public async Task Series_MovedToAnotherWeekday_SchedulesThere_AndStoppedSchedulesNoMore_StaleVersionRefused()
    {
        var (staff, county, _) = await CountyAsync();
        var series = await SeriesAsync(staff, county);
        var id = series.GetProperty("id").GetInt32();
        object Update(int weekday, bool active, int version) =>
            new { name = "县区周例会", level = 2, weekday, marginPoints = 5, deepDiveCount = 1, isActive = active, version };

        var moved = await OkJson(staff.PutJsonAsync($"/api/v1/meeting-series/{id}", Update(4, true, 1)));
        var stale = await staff.PutJsonAsync($"/api/v1/meeting-series/{id}", Update(5, true, 1));
        var meetings = await OkJson(staff.GetAsync($"/api/v1/meetings?org={county}"));

        moved.GetProperty("weekday").GetInt32().ShouldBe(4);
        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        meetings.EnumerateArray().Select(m => m.Str("date")).ShouldBe(["2023-06-08"]); // the Thursday after Saturday 3 June

        await OkJson(staff.PutJsonAsync($"/api/v1/meeting-series/{id}", Update(4, false, 2)));
        App.Clock.Set(new DateTimeOffset(2023, 6, 10, 10, 0, 0, TimeSpan.FromHours(8)));
        staff = await App.ApiClientAsync("pyx");
        var later = await OkJson(staff.GetAsync($"/api/v1/meetings?org={county}"));
        later.GetArrayLength().ShouldBe(1); // no meeting on 15 June: the series is stopped
    }

    [Fact]
    public async Task PostingTheSeriesTwice_ForItsNextMeeting_ReturnsTheMeetingScheduledWithTheSeries()
    {
        var (staff, county, _) = await CountyAsync();
        var series = await SeriesAsync(staff, county);
        var id = series.GetProperty("id").GetInt32();

        // The series' first meeting was scheduled with the series: asking for it again gives it back.
        var a = await OkJson(staff.PostJsonAsync("/api/v1/meetings", new { seriesId = id }));
        var b = await OkJson(staff.PostJsonAsync("/api/v1/meetings", new { seriesId = id }));

        b.GetProperty("id").GetInt64().ShouldBe(a.GetProperty("id").GetInt64());
        (await CountAsync<Meeting>()).ShouldBe(1);
    }

    [Fact]
    public async Task Agenda_HasTheBehindProject_TheOverdueProblem_AndTheProblemAtItsLevel()
    {
        var (staff, county, code) = await CountyAsync();
        await SeriesAsync(staff, county);
        var meeting = (await OkJson(staff.GetAsync($"/api/v1/meetings?org={county}")))[0];
        var id = meeting.GetProperty("id").GetInt64();
        var overdue = await ProblemAsync(code, Today.AddDays(-3));
        var notYet = await ProblemAsync(code, Today.AddDays(5));
        var atLevel = await ProblemAsync(code, Today.AddDays(5), level: 2);
        var referred = await ProblemAsync(code, Today.AddDays(5), level: 3, meetingId: id);
        await ProblemAsync(code, Today.AddDays(-3), status: ProblemStatus.Closed);

        var agenda = await OkJson(staff.GetAsync($"/api/v1/meetings/{id}/agenda"));

        agenda.GetProperty("frozen").GetBoolean().ShouldBeFalse();
        agenda.Str("period").ShouldBe("2023-05");
        var behind = agenda.GetProperty("behind").EnumerateArray().ToList();
        behind.Select(b => b.Str("code")).ShouldBe([code]);
        behind[0].GetProperty("pointsAhead").GetDecimal().ShouldBe(-41.7m);
        agenda.GetProperty("overdue").EnumerateArray().Select(p => p.GetProperty("id").GetInt64()).ShouldBe([overdue]);
        agenda.GetProperty("escalated").EnumerateArray().Select(p => p.GetProperty("id").GetInt64()).Order().ShouldBe(new[] { atLevel, referred }.Order());
        agenda.GetProperty("escalated").EnumerateArray().Select(p => p.GetProperty("id").GetInt64()).ShouldNotContain(notYet);
        agenda.GetProperty("deepDive").EnumerateArray().Select(p => p.Str("code")).ShouldBe([code]);
    }

    [Fact]
    public async Task Held_FreezesTheAgenda()
    {
        var (staff, county, code) = await CountyAsync();
        var meeting = await OkJson(staff.PostJsonAsync("/api/v1/meetings", new { orgId = county, title = "重点项目调度会", date = "2023-06-03", level = 2 }), HttpStatusCode.Created);
        var id = meeting.GetProperty("id").GetInt64();
        await ProblemAsync(code, Today.AddDays(-1));

        await OkJson(staff.PostJsonAsync($"/api/v1/meetings/{id}/held", new { version = 1 }));
        await ProblemAsync(code, Today.AddDays(-2));
        var agenda = await OkJson(staff.GetAsync($"/api/v1/meetings/{id}/agenda"));

        agenda.GetProperty("frozen").GetBoolean().ShouldBeTrue();
        agenda.GetProperty("overdue").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task Minutes_TwoSavesOfTheSameVersion_OneConflict()
    {
        var (staff, county, _) = await CountyAsync();
        var meeting = await OkJson(staff.PostJsonAsync("/api/v1/meetings", new { orgId = county, title = "重点项目调度会", date = "2023-06-03" }), HttpStatusCode.Created);
        var id = meeting.GetProperty("id").GetInt64();
        meeting.GetProperty("level").GetInt32().ShouldBe(2);

        var first = await staff.PutJsonAsync($"/api/v1/meetings/{id}/minutes", new { version = 1, attendees = "张振华、王海涛", minutes = "现场表态、现场解决" });
        var second = await staff.PutJsonAsync($"/api/v1/meetings/{id}/minutes", new { version = 1, attendees = "李四", minutes = "另一份纪要" });

        first.StatusCode.ShouldBe(HttpStatusCode.OK, await first.Content.ReadAsStringAsync());
        second.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await second.Content.ReadAsStringAsync()).ShouldContain("minutes");
        var saved = await OkJson(staff.GetAsync($"/api/v1/meetings/{id}"));
        saved.Str("minutes").ShouldBe("现场表态、现场解决");
        saved.GetProperty("version").GetInt32().ShouldBe(2);
    }

    [Fact]
    public async Task BadInput_IsALocalizedProblem_AndNothingIsSaved()
    {
        var (staff, county, _) = await CountyAsync();
        var nanle = await OrgAsync("南乐县");

        async Task Refused(Task<HttpResponseMessage> call, string expectedText)
        {
            var response = await call;
            var body = await response.Content.ReadAsStringAsync();
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, body);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
            body.ShouldContain(expectedText);
        }

        await Refused(staff.PostJsonAsync("/api/v1/meeting-series", new { orgId = 999_999, name = "县区周例会", level = 2, weekday = 2 }), "单位不存在");
        await Refused(staff.PostJsonAsync("/api/v1/meeting-series", new { orgId = nanle, name = "县区周例会", level = 2, weekday = 2 }), "单位不存在");
        await Refused(staff.PostJsonAsync("/api/v1/meeting-series", new { orgId = county, name = "县区周例会", level = 2, weekday = 8 }), "请选择星期一到星期日");
        await Refused(staff.PostJsonAsync("/api/v1/meetings", new { orgId = nanle, title = "调度会", date = "2023-06-06" }), "单位不存在");
        (await CountAsync<MeetingSeries>()).ShouldBe(0);
        (await CountAsync<Meeting>()).ShouldBe(0);

        var meeting = await OkJson(staff.PostJsonAsync("/api/v1/meetings", new { orgId = county, title = "调度会", date = "2023-06-06" }), HttpStatusCode.Created);
        var id = meeting.GetProperty("id").GetInt64();
        var dept = await App.CreateOrgAsync("濮阳县", "濮阳县测试住建局", OrgKind.Department);
        var outside = await App.CreateOrgAsync("南乐县", "南乐县测试住建局", OrgKind.Department);
        await Refused(staff.PostJsonAsync($"/api/v1/meetings/{id}/tasks", new { title = new string('办', 151), ownerOrgId = dept, deadline = "2023-06-30" }), "不能超过 150 个字");
        await Refused(staff.PostJsonAsync($"/api/v1/meetings/{id}/tasks", new { title = "完成供地", ownerOrgId = dept, deadline = "2023-06-02" }), "不能早于今天");
        await Refused(staff.PostJsonAsync($"/api/v1/meetings/{id}/tasks", new { title = "完成供地", ownerOrgId = outside, deadline = "2023-06-30" }), "责任单位须是本级及下级");
        var english = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/meetings/{id}/tasks") { Content = System.Net.Http.Json.JsonContent.Create(new { title = "完成供地", ownerOrgId = dept }) };
        english.Headers.AcceptLanguage.ParseAdd("en");
        await Refused(staff.SendAsync(english), "Give a deadline");
        (await CountAsync<MeetingTask>()).ShouldBe(0);
    }

    [Fact]
    public async Task Task_InWorkingDays_FollowsTheCalendar_IsReportedVerifiedAndListedAsOverdueWhenLate()
    {
        var (staff, county, code) = await CountyAsync();
        var meeting = await OkJson(staff.PostJsonAsync("/api/v1/meetings", new { orgId = county, title = "调度会", date = "2023-06-03" }), HttpStatusCode.Created);
        var id = meeting.GetProperty("id").GetInt64();
        var dept = await App.CreateOrgAsync("濮阳县", "濮阳县测试住建局", OrgKind.Department);
        await App.CreateUserAsync("zjj", Role.Department, "濮阳县测试住建局");

        // Saturday 3 June 2023 + 3 working days: Mon 5, Tue 6, Wed 7 June.
        var task = await OkJson(staff.PostJsonAsync($"/api/v1/meetings/{id}/tasks",
            new { title = "办理施工许可", ownerOrgId = dept, ownerName = "陈立新", workingDays = 3, projectCode = code }), HttpStatusCode.Created);
        task.Str("deadline").ShouldBe("2023-06-07");
        task.Str("status").ShouldBe("InProgress");
        var taskId = task.GetProperty("id").GetInt64();

        App.Clock.Set(new DateTimeOffset(2023, 6, 8, 9, 0, 0, TimeSpan.FromHours(8)));
        staff = await App.ApiClientAsync("pyx"); // a token lasts less than five days
        var overdue = await OkJson(staff.GetAsync("/api/v1/meeting-tasks?filter=Overdue"));
        overdue.GetProperty("overdue").GetInt32().ShouldBe(1);
        overdue.GetProperty("items")[0].GetProperty("overdue").GetBoolean().ShouldBeTrue();

        var owner = await App.ApiClientAsync("zjj");
        (await owner.PostJsonAsync($"/api/v1/meeting-tasks/{taskId}/verify", new { version = 1 })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var reported = await OkJson(owner.PostJsonAsync($"/api/v1/meeting-tasks/{taskId}/report", new { version = 1, note = "已发证" }));
        reported.Str("status").ShouldBe("Reported");
        var closed = await OkJson(staff.PostJsonAsync($"/api/v1/meeting-tasks/{taskId}/verify", new { version = 2 }));
        closed.Str("status").ShouldBe("Closed");
        closed.Str("closedOn").ShouldBe("2023-06-08");
        (await OkJson(staff.GetAsync("/api/v1/meeting-tasks?filter=Open"))).GetProperty("total").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task WordRecord_OpensAndHoldsTheMeetingsTexts()
    {
        var (staff, county, code) = await CountyAsync();
        var meeting = await OkJson(staff.PostJsonAsync("/api/v1/meetings", new { orgId = county, title = "濮阳县重点项目调度会", date = "2023-06-03" }), HttpStatusCode.Created);
        var id = meeting.GetProperty("id").GetInt64();
        await OkJson(staff.PutJsonAsync($"/api/v1/meetings/{id}/minutes", new { version = 1, attendees = "张振华、王海涛", minutes = "现场查看、现场表态、现场解决" }));
        var dept = await App.CreateOrgAsync("濮阳县", "濮阳县测试住建局", OrgKind.Department);
        await OkJson(staff.PostJsonAsync($"/api/v1/meetings/{id}/tasks", new { title = "办理施工许可", ownerOrgId = dept, ownerName = "陈立新", deadline = "2023-06-30" }), HttpStatusCode.Created);

        var response = await staff.GetAsync($"/api/v1/meetings/{id}/document");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe(MeetingDocument.ContentType);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var doc = WordprocessingDocument.Open(stream, false);
        var text = doc.MainDocumentPart!.Document.Body!.InnerText;
        text.ShouldContain("濮阳县重点项目调度会");
        text.ShouldContain("张振华、王海涛");
        text.ShouldContain("现场查看、现场表态、现场解决");
        text.ShouldContain("慢项目");
        text.ShouldContain("办理施工许可");
        text.ShouldContain("濮阳县测试住建局");
        text.ShouldContain("2023-06-30");
        var size = doc.MainDocumentPart.Document.Body.Elements<DocumentFormat.OpenXml.Wordprocessing.SectionProperties>().Single()
            .GetFirstChild<DocumentFormat.OpenXml.Wordprocessing.PageSize>()!;
        ((uint)size.Width!).ShouldBe(11906u); // A4
        doc.MainDocumentPart.StyleDefinitionsPart!.Styles!.InnerXml.ShouldContain("仿宋");
    }

    [Fact]
    public async Task AMeetingOfAnotherCounty_IsNotFound()
    {
        var (staff, _, _) = await CountyAsync();
        await App.CreateUserAsync("nl", Role.Staff, "南乐县");
        var nanle = await App.ApiClientAsync("nl");
        var meeting = await OkJson(nanle.PostJsonAsync("/api/v1/meetings", new { orgId = await OrgAsync("南乐县"), title = "南乐县调度会", date = "2023-06-03" }), HttpStatusCode.Created);

        (await staff.GetAsync($"/api/v1/meetings/{meeting.GetProperty("id").GetInt64()}/agenda")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}

public sealed class MeetingApiTestsSqlite : MeetingApiTests<SqliteTestDatabase>;

public sealed class MeetingApiTestsPostgres : MeetingApiTests<PostgresTestDatabase>;
