using System.Net;
using System.Text.Json;
using KeyProjects.Domain.Tests.Media;
using KeyProjects.Web.Tests.Daily;
using KeyProjects.Web.Tests.Infrastructure;
using static KeyProjects.Web.Tests.Visits.VisitFixture;

namespace KeyProjects.Web.Tests.Visits;

public abstract class VisitApiTests<TDb> : AppTest<TDb> where TDb : TestDatabase, new()
{
    [Fact]
    public async Task Log_ByALeaderForAProjectTheyHold_RecordsTheirVisit_WithProblemsRaised_AndAuditsIt()
    {
        var c = await SeedAsync(App);
        var leader = await App.ApiClientAsync("zzh");

        var response = await leader.PostJsonAsync("/api/v1/visits",
            Visit(c.Water, date: "2026-11-20", problems: ["电力增容手续未办结", "  ", "施工便道未硬化"], type: "OnSiteOffice"));

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var visit = await response.JsonAsync();
        (visit.Str("projectCode"), visit.Str("leaderName"), visit.Str("date"), visit.Str("type")).ShouldBe((c.Water, "张振华", "2026-11-20", "OnSiteOffice"));
        visit.GetProperty("problems").EnumerateArray().Select(p => p.GetString()).ShouldBe(["电力增容手续未办结", "施工便道未硬化"]);
        (await WrittenAsync(App)).ShouldBe((1, 1));
        // Each line is now in the problem ledger, raised by the leader (分包领导), on the visited project.
        var ledger = await (await leader.GetAsync($"/api/v1/problems?project={c.Water}")).JsonAsync();
        ledger.GetProperty("items").EnumerateArray().Select(i => (i.Str("title"), i.Str("source"), i.Str("status")))
            .OrderBy(t => t.Item1, StringComparer.Ordinal)
            .ShouldBe([("施工便道未硬化", "Leader", "Pending"), ("电力增容手续未办结", "Leader", "Pending")]);
    }

    [Fact]
    public async Task Log_ByStaffForANamedLeader_WithAPhoto_StoresThePhotoWithTheVisit()
    {
        var c = await SeedAsync(App);
        var staff = await App.ApiClientAsync("pyx");
        var form = DailyFixture.Form(null, photos: [TestImages.JpegWithGps()]);
        form.Add(new StringContent(c.School), "projectCode");
        form.Add(new StringContent("李明"), "leaderName");
        form.Add(new StringContent("基础施工完成，督促加快主体进度。"), "findings");
        form.Add(new StringContent("教学楼图纸审查滞后\n资金拨付慢"), "problems");

        var response = await staff.PostAsync("/api/v1/visits", form);

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var visit = await response.JsonAsync();
        (visit.Str("leaderName"), visit.Str("date"), visit.Str("type")).ShouldBe(("李明", "2026-11-22", "Inspection"));
        visit.GetProperty("problems").GetArrayLength().ShouldBe(2);
        var photo = visit.GetProperty("photos").EnumerateArray().Single();
        var bytes = await (await staff.GetAsync(photo.Str("url"))).Content.ReadAsByteArrayAsync();
        TestImages.Contains(bytes, "LEAK").ShouldBeFalse();
        var listed = await (await staff.GetAsync($"/api/v1/visits?project={c.School}")).JsonAsync();
        listed.EnumerateArray().Single().GetProperty("photos").GetArrayLength().ShouldBe(1);
    }

    public static readonly TheoryData<string, string, HttpStatusCode, string> BadInput = new()
    {
        // who, what, status, message (zh)
        { "zzh", "future", HttpStatusCode.BadRequest, "走访日期不能晚于今天。" },
        { "zzh", "too-old", HttpStatusCode.BadRequest, "只能补记 31 天内的走访（2026-10-22 及以后）。" },
        { "zzh", "unknown-project", HttpStatusCode.NotFound, "" },
        { "pyx", "outside-subtree", HttpStatusCode.NotFound, "" },
        { "zzh", "not-their-project", HttpStatusCode.Forbidden, "您不是这个项目的分包领导。" },
        { "zzh", "someone-else", HttpStatusCode.Forbidden, "领导只能记录本人的走访。" },
        { "pyx", "leader-not-on-team", HttpStatusCode.BadRequest, "“张振华”不是这个项目的分包领导（本项目为：李明）。" },
        { "pyx", "no-leader", HttpStatusCode.BadRequest, "请填写分包领导。" },
        { "pyx", "no-findings", HttpStatusCode.BadRequest, "请填写督导情况。" },
        { "pyx", "long-problem", HttpStatusCode.BadRequest, "第 1 个问题不能超过 150 字（现为 151 字）。" },
        { "viewer", "viewer", HttpStatusCode.Forbidden, "您的角色不能记录督导走访。" },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task Log_BadInput_IsRefusedWithALocalizedProblem_AndNothingIsSaved(string user, string what, HttpStatusCode status, string message)
    {
        var c = await SeedAsync(App);
        var client = await App.ApiClientAsync(user);
        var body = what switch
        {
            "future" => Visit(c.Park, date: "2026-11-23"),
            "too-old" => Visit(c.Park, date: "2026-10-21"),
            "unknown-project" => Visit("2301-410928-26-01-999999"),
            "outside-subtree" => Visit(c.Nanle, leader: "王强"),
            "not-their-project" => Visit(c.School),
            "someone-else" => Visit(c.Water, leader: "李明"),
            "leader-not-on-team" => Visit(c.School, leader: "张振华"),
            "no-leader" => Visit(c.School),
            "no-findings" => Visit(c.School, leader: "李明", findings: " "),
            "long-problem" => Visit(c.School, leader: "李明", problems: [new string('问', 151)]),
            _ => Visit(c.Park, leader: "张振华"),
        };

        var response = await client.PostJsonAsync("/api/v1/visits", body);

        response.StatusCode.ShouldBe(status, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await response.JsonAsync();
        var text = problem.TryGetProperty("errors", out var errors)
            ? string.Join(" ", errors.EnumerateObject().SelectMany(e => e.Value.EnumerateArray().Select(m => m.GetString())))
            : problem.Str("detail");
        if (message.Length > 0) text.ShouldBe(message);
        else text.ShouldNotBeNullOrWhiteSpace();
        (await WrittenAsync(App)).ShouldBe((0, 0));
    }

    [Fact]
    public async Task Log_InEnglish_AnswersInEnglish()
    {
        var c = await SeedAsync(App);
        var leader = await App.ApiClientAsync("zzh");
        leader.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");

        var response = await leader.PostJsonAsync("/api/v1/visits", Visit(c.Park, date: "2026-11-23"));

        (await response.JsonAsync()).GetProperty("errors").GetProperty("Date")[0].GetString().ShouldBe("The date of a visit cannot be later than today.");
    }

    [Fact]
    public async Task Compliance_MidMonth_ShowsWhatIsStillOwed_AndAfterTheMonth_WhoMissed()
    {
        var c = await SeedAsync(App);
        var leader = await App.ApiClientAsync("zzh");
        var staff = await App.ApiClientAsync("pyx");
        (await leader.PostJsonAsync("/api/v1/visits", Visit(c.Park, date: "2026-11-03"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await leader.PostJsonAsync("/api/v1/visits", Visit(c.Park, date: "2026-11-17"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await staff.PostJsonAsync("/api/v1/visits", Visit(c.Water, leader: "李明", date: "2026-11-05"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await staff.PostJsonAsync("/api/v1/visits", Visit(c.School, leader: "李明", date: "2026-10-30"))).StatusCode.ShouldBe(HttpStatusCode.Created); // last month
        (await staff.PostJsonAsync("/api/v1/visits", Visit(c.School, leader: "李明", date: "2026-11-21"))).StatusCode.ShouldBe(HttpStatusCode.Created);

        var mid = await (await staff.GetAsync("/api/v1/visits/compliance?month=2026-11")).JsonAsync();

        (mid.GetProperty("leadersCompliant").GetInt32(), mid.GetProperty("leadersTotal").GetInt32()).ShouldBe((1, 2));
        (mid.GetProperty("projectsHeld").GetInt32(), mid.GetProperty("projectsCovered").GetInt32(), mid.GetProperty("visits").GetInt32()).ShouldBe((4, 3, 4));
        mid.GetProperty("coverageRate").GetDecimal().ShouldBe(75.0m);
        mid.GetProperty("monthOver").GetBoolean().ShouldBeFalse();
        var zhang = Leader(mid, "张振华");
        (zhang.Str("status"), zhang.GetProperty("shortfall").GetInt32(), zhang.GetProperty("visits").GetInt32()).ShouldBe(("InProgress", 1, 2));
        zhang.GetProperty("projects").EnumerateArray().Single(p => p.GetProperty("shortfall").GetInt32() > 0).Str("projectCode").ShouldBe(c.Water);
        Leader(mid, "李明").Str("status").ShouldBe("Compliant");

        App.Clock.Set(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.FromHours(8)));
        staff = await App.ApiClientAsync("pyx"); // the token of 22 November has expired
        var after = await (await staff.GetAsync("/api/v1/visits/compliance?month=2026-11")).JsonAsync();
        Leader(after, "张振华").Str("status").ShouldBe("NotCompliant");
        after.GetProperty("monthOver").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task Compliance_In南乐县_NeedsTwoVisitsAMonth_AsConfigured()
    {
        var c = await SeedAsync(App);
        var staff = await App.ApiClientAsync("nl");
        (await staff.PostJsonAsync("/api/v1/visits", Visit(c.Nanle, leader: "王强", date: "2026-11-10"))).StatusCode.ShouldBe(HttpStatusCode.Created);

        var report = await (await staff.GetAsync("/api/v1/visits/compliance?month=2026-11")).JsonAsync();

        var wang = Leader(report, "王强");
        wang.GetProperty("projects")[0].GetProperty("required").GetInt32().ShouldBe(2);
        (wang.Str("status"), wang.GetProperty("shortfall").GetInt32()).ShouldBe(("InProgress", 1));
        report.GetProperty("leadersTotal").GetInt32().ShouldBe(1); // 濮阳县's leaders are not 南乐县's
    }

    [Fact]
    public async Task ListAndCompliance_OutsideTheCallersSubtree_AreNotFound_AndABadMonthIsAValidationProblem()
    {
        await SeedAsync(App);
        var staff = await App.ApiClientAsync("pyx");

        (await staff.GetAsync($"/api/v1/visits/compliance?org={await OrgAsync("南乐县")}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await staff.GetAsync($"/api/v1/visits?org={await OrgAsync("南乐县")}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var bad = await staff.GetAsync("/api/v1/visits/compliance?month=2026-13");
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.JsonAsync()).GetProperty("errors").GetProperty("month")[0].GetString().ShouldBe("请输入月份（如 2026-11）。");
    }

    [Fact]
    public async Task List_FiltersByProjectAndLeader_NewestFirst()
    {
        var c = await SeedAsync(App);
        var staff = await App.ApiClientAsync("pyx");
        await staff.PostJsonAsync("/api/v1/visits", Visit(c.Water, leader: "李明", date: "2026-11-05"));
        await staff.PostJsonAsync("/api/v1/visits", Visit(c.Water, leader: "张振华", date: "2026-11-06"));
        await staff.PostJsonAsync("/api/v1/visits", Visit(c.Park, leader: "张振华", date: "2026-11-07"));

        var byLeader = await (await staff.GetAsync("/api/v1/visits?leader=张振华")).JsonAsync();
        var byProject = await (await staff.GetAsync($"/api/v1/visits?project={c.Water}&month=2026-11")).JsonAsync();

        byLeader.EnumerateArray().Select(v => v.Str("date")).ShouldBe(["2026-11-07", "2026-11-06"]);
        byProject.EnumerateArray().Select(v => v.Str("leaderName")).ShouldBe(["张振华", "李明"]);
    }

    private static JsonElement Leader(JsonElement report, string name) =>
        report.GetProperty("leaders").EnumerateArray().Single(l => l.Str("leaderName") == name);
}

public sealed class VisitApiTestsSqlite : VisitApiTests<SqliteTestDatabase>;

public sealed class VisitApiTestsPostgres : VisitApiTests<PostgresTestDatabase>;
