using System.Globalization;
using System.Net;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
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
using W = DocumentFormat.OpenXml.Wordprocessing;

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
    public async Task WordRecord_IsA会议纪要InGongwenLayout_A4Margins_Fonts_HeadingsInOrder_RepeatedTableHeader_PageNumbers_ChineseDates()
    {
        var (staff, county, _) = await CountyAsync();
        var meeting = await OkJson(staff.PostJsonAsync("/api/v1/meetings", new { orgId = county, title = "濮阳县重点项目调度会", date = "2023-06-03" }), HttpStatusCode.Created);
        var id = meeting.GetProperty("id").GetInt64();
        await OkJson(staff.PutJsonAsync($"/api/v1/meetings/{id}/minutes", new { version = 1, attendees = "张振华、王海涛", minutes = "现场查看、现场表态、现场解决\n（一）关于用地\n1. 自然资源局牵头" }));
        var dept = await App.CreateOrgAsync("濮阳县", "濮阳县测试住建局", OrgKind.Department);
        await OkJson(staff.PostJsonAsync($"/api/v1/meetings/{id}/tasks", new { title = "办理施工许可", ownerOrgId = dept, ownerName = "陈立新", deadline = "2023-06-30" }), HttpStatusCode.Created);

        var response = await staff.GetAsync($"/api/v1/meetings/{id}/document");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe(MeetingDocument.ContentType);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var doc = WordprocessingDocument.Open(stream, false);
        new OpenXmlValidator().Validate(doc).Select(e => $"{e.Path?.XPath}: {e.Description}").ShouldBeEmpty("Word refuses a document whose elements are out of order");
        var body = doc.MainDocumentPart!.Document.Body!;
        var text = body.InnerText;
        text.ShouldContain("张振华、王海涛");
        text.ShouldContain("现场查看、现场表态、现场解决");
        text.ShouldContain("慢项目");
        text.ShouldContain("濮阳县测试住建局");
        text.ShouldContain("陈立新");

        var section = body.Elements<W.SectionProperties>().Single();
        var size = section.GetFirstChild<W.PageSize>()!;
        ((uint)size.Width!, (uint)size.Height!).ShouldBe((11906u, 16838u), "A4 portrait");
        var margin = section.GetFirstChild<W.PageMargin>()!;
        ((int)margin.Top!, (int)margin.Bottom!, (uint)margin.Left!, (uint)margin.Right!).ShouldBe((2098, 1985, 1588u, 1474u), "37, 35, 28 and 26 mm at 56.7 twips a mm");

        var paragraphs = body.Elements<W.Paragraph>().ToList();
        var title = paragraphs[0];
        title.InnerText.ShouldBe("濮阳县重点项目调度会会议纪要");
        title.ParagraphProperties!.Justification!.Val!.Value.ShouldBe(W.JustificationValues.Center);
        var titleRun = title.Descendants<W.RunProperties>().Single();
        titleRun.RunFonts!.EastAsia!.Value.ShouldBe("方正小标宋简体");
        titleRun.FontSize!.Val!.Value.ShouldBe("44", "二号 22 pt");
        doc.MainDocumentPart.FontTablePart!.Fonts.Elements<W.Font>().Single(f => f.Name == "方正小标宋简体").AltName!.Val!.Value.ShouldBe("宋体");

        var defaults = doc.MainDocumentPart.StyleDefinitionsPart!.Styles!.DocDefaults!;
        defaults.RunPropertiesDefault!.RunPropertiesBaseStyle!.FontSize!.Val!.Value.ShouldBe("32", "三号 16 pt");
        var spacing = defaults.ParagraphPropertiesDefault!.ParagraphPropertiesBaseStyle!.SpacingBetweenLines!;
        spacing.LineRule!.Value.ShouldBe(W.LineSpacingRuleValues.Exact);
        int.Parse(spacing.Line!.Value!, CultureInfo.InvariantCulture).ShouldBeInRange(560, 580, "fixed 28–29 pt: 22 lines a page");
        var minutes = paragraphs.Single(p => p.InnerText == "现场查看、现场表态、现场解决");
        minutes.Descendants<W.RunProperties>().Single().FontSize!.Val!.Value.ShouldBe("32");
        minutes.Descendants<W.RunProperties>().Single().RunFonts!.EastAsia!.Value.ShouldBe("仿宋_GB2312");
        minutes.ParagraphProperties!.Indentation!.FirstLineChars!.Value.ShouldBe(200, "first line indented two characters");

        var texts = paragraphs.Select(p => p.InnerText).ToList();
        var decisions = texts.IndexOf("一、会议议定事项");
        var tasks = texts.IndexOf("二、交办事项");
        decisions.ShouldBeGreaterThan(0);
        tasks.ShouldBeGreaterThan(decisions);
        texts.FindIndex(x => x.StartsWith("三、", StringComparison.Ordinal)).ShouldBeGreaterThan(tasks);
        paragraphs[decisions].Descendants<W.RunFonts>().Single().EastAsia!.Value.ShouldBe("黑体");
        paragraphs.Single(p => p.InnerText == "（一）关于用地").Descendants<W.RunFonts>().Single().EastAsia!.Value.ShouldBe("楷体_GB2312");
        paragraphs.Single(p => p.InnerText == "1. 自然资源局牵头").Descendants<W.Bold>().ShouldNotBeEmpty();

        var table = body.Elements<W.Table>().Single(x => x.InnerText.Contains("办理施工许可", StringComparison.Ordinal));
        var rows = table.Elements<W.TableRow>().ToList();
        rows[0].Elements<W.TableCell>().Select(c => c.InnerText).ShouldBe(["序号", "事项", "责任单位", "办结时限", "状态"]);
        rows[0].TableRowProperties!.GetFirstChild<W.TableHeader>().ShouldNotBeNull("the header row repeats on every page");
        rows.ShouldAllBe(r => r.TableRowProperties!.GetFirstChild<W.CantSplit>() != null, "no row is split over two pages");
        var grid = table.GetFirstChild<W.TableGrid>()!.Elements<W.GridColumn>().Select(g => int.Parse(g.Width!.Value!, CultureInfo.InvariantCulture)).ToList();
        grid[0].ShouldBeLessThan(grid[1] / 3, "序号 is narrow, 事项 wide");
        grid.Sum().ShouldBe(11906 - 1588 - 1474, "the table spans the text block");
        rows[1].Elements<W.TableCell>().First().InnerText.ShouldBe("1");

        doc.MainDocumentPart.DocumentSettingsPart!.Settings!.GetFirstChild<W.EvenAndOddHeaders>().ShouldNotBeNull("odd and even pages have their own footer");
        var footers = section.Elements<W.FooterReference>().ToDictionary(r => r.Type!.Value, r => ((FooterPart)doc.MainDocumentPart.GetPartById(r.Id!.Value!)).Footer!);
        footers.Keys.ShouldBe([W.HeaderFooterValues.Default, W.HeaderFooterValues.Even], ignoreOrder: true);
        foreach (var footer in footers.Values)
        {
            footer.Descendants<W.FieldCode>().Single().Text.Trim().ShouldBe("PAGE");
            string.Concat(footer.Descendants<W.Text>().Select(x => x.Text)).ShouldBe("— 1 —");
            footer.Descendants<W.RunFonts>().First().EastAsia!.Value.ShouldBe("宋体");
            footer.Descendants<W.FontSize>().First().Val!.Value.ShouldBe("28", "四号 14 pt");
        }
        footers[W.HeaderFooterValues.Default].Descendants<W.Justification>().Single().Val!.Value.ShouldBe(W.JustificationValues.Right, "odd pages: outer side is the right");
        footers[W.HeaderFooterValues.Even].Descendants<W.Justification>().Single().Val!.Value.ShouldBe(W.JustificationValues.Left);

        text.ShouldContain("2023年6月30日");
        text.ShouldContain("2023年6月3日");
        text.ShouldNotContain("2023-06-30");
        text.ShouldNotContain("2023-06-03");
    }

    [Fact]
    public async Task WordRecord_InEnglish_UsesTheEnglishTexts_AndWritesDatesOut()
    {
        var (staff, county, _) = await CountyAsync();
        staff.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var meeting = await OkJson(staff.PostJsonAsync("/api/v1/meetings", new { orgId = county, title = "六月调度会会议纪要", date = "2023-06-03" }), HttpStatusCode.Created);

        using var doc = WordprocessingDocument.Open(new MemoryStream(await staff.GetByteArrayAsync($"/api/v1/meetings/{meeting.GetProperty("id").GetInt64()}/document")), false);

        var texts = doc.MainDocumentPart!.Document.Body!.Elements<W.Paragraph>().Select(p => p.InnerText).ToList();
        texts[0].ShouldBe("六月调度会会议纪要", "a title that already reads as minutes is kept");
        texts.ShouldContain("1. Decisions");
        texts.ShouldContain("2. Assigned tasks");
        string.Concat(texts).ShouldContain("3 June 2023");
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
