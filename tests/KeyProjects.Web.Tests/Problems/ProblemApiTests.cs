using System.Net;
using KeyProjects.Web.Data;
using KeyProjects.Web.Features.Audit;
using KeyProjects.Web.Features.Problems;
using KeyProjects.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KeyProjects.Web.Tests.Problems;

public abstract class ProblemApiTests<TDb> : AppTest<TDb> where TDb : TestDatabase, new()
{
    private Task<int> CountAsync() => App.WithServicesAsync(sp => sp.GetRequiredService<AppDbContext>().Problems.CountAsync());

    /// <summary>An action sent with the problem's current version in If-Match, as a client that just read it does.</summary>
    private async Task<HttpResponseMessage> ActAsync(HttpClient client, long id, string action, object body)
    {
        var version = await App.WithServicesAsync(sp => sp.GetRequiredService<AppDbContext>().Problems.Where(p => p.Id == id).Select(p => p.Version).SingleAsync());
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/problems/{id}/{action}") { Content = System.Net.Http.Json.JsonContent.Create(body, options: KeyProjectsApp.Json) };
        request.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\"");
        return await client.SendAsync(request);
    }

    private static async Task<System.Text.Json.JsonElement> ProblemOf(HttpResponseMessage r)
    {
        r.StatusCode.ShouldBe(HttpStatusCode.OK, await r.Content.ReadAsStringAsync());
        return (await r.JsonAsync()).GetProperty("problem");
    }

    [Fact]
    public async Task Raise_ByTheUnitOnItsPhone_IsDueInThreeWorkingDays_AtTheBottomOfTheLadder_Audited()
    {
        var w = await ProblemWorld.SeedAsync(App);
        var unit = await App.ApiClientAsync("unit");

        var response = await unit.PostJsonAsync("/api/v1/problems", w.Raise());

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var body = await response.JsonAsync();
        var p = body.GetProperty("problem");
        p.Str("deadline").ShouldBe("2026-11-26"); // Monday + 3 working days
        p.GetProperty("level").GetInt32().ShouldBe(1);
        p.Str("status").ShouldBe("Pending");
        p.Str("source").ShouldBe("ProjectUnit");
        p.Str("departmentName").ShouldBe("濮阳县自然资源局");
        body.GetProperty("history").EnumerateArray().Select(s => s.Str("action")).ShouldBe(["Raised"]);
        response.Headers.Location!.ToString().ShouldBe($"/api/v1/problems/{p.GetProperty("id").GetInt64()}");
        var audited = await App.WithServicesAsync(sp => sp.GetRequiredService<AppDbContext>().AuditEntries
            .CountAsync(a => a.EntityType == ProblemService.AuditType && a.Action == AuditAction.Created));
        audited.ShouldBe(1);
    }

    [Fact]
    public async Task Raise_WritesTheProblem_ThenItsStepAuditAndNotice_InOneBatchEach()
    {
        var w = await ProblemWorld.SeedAsync(App);
        var unit = await App.ApiClientAsync("unit");
        await ProblemWorld.RaiseAsync(unit, w.Raise()); // the first request also loads the registry's snapshot

        using var commands = await DatabaseCommands.StartAsync(App);
        var id = await ProblemWorld.RaiseAsync(unit, w.Raise("施工用电线路迁改未完成", "Utilities", w.Housing));
        var sent = commands.Texts;

        // PostgreSQL: the department's users; the problem with its audit entry; its step, the completed audit entry and
        // the department's notice; the change number. SQLite sends each statement of a batch on its own.
        sent.Count.ShouldBe(App.Provider == "Postgres" ? 4 : 7, string.Join("\n---\n", sent));
        var (steps, notices, audited) = await App.WithServicesAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            return (await db.ProblemSteps.CountAsync(s => s.ProblemId == id),
                await db.Notices.CountAsync(n => n.Link == $"/problems/{id}"),
                await db.AuditEntries.CountAsync(a => a.EntityType == ProblemService.AuditType && a.EntityKey == id.ToString()));
        });
        (steps, notices, audited).ShouldBe((1, 1, 1));
    }

    [Fact]
    public async Task Raise_BeforeTheNationalHoliday_CountsTheWorkedSaturday()
    {
        var w = await ProblemWorld.SeedAsync(App);
        App.Clock.Set(new DateTimeOffset(2026, 9, 30, 10, 0, 0, TimeSpan.FromHours(8)));
        var unit = await App.ApiClientAsync("unit");

        var p = await ProblemOf(await unit.GetAsync($"/api/v1/problems/{await ProblemWorld.RaiseAsync(unit, w.Raise())}"));

        p.Str("deadline").ShouldBe("2026-10-10"); // 10-08 Thu, 10-09 Fri, 10-10 Sat (调休上班)
    }

    [Fact]
    public async Task Raise_WithBadInput_IsRefusedWithMessagesAtTheFields_AndSavesNothing()
    {
        var w = await ProblemWorld.SeedAsync(App);
        var unit = await App.ApiClientAsync("unit");
        var nanle = await App.ApiClientAsync("nl");

        var tooLong = await unit.PostJsonAsync("/api/v1/problems", w.Raise(title: new string('地', 151)));
        var category = await unit.PostJsonAsync("/api/v1/problems", w.Raise(category: "Roads"));
        var department = await unit.PostJsonAsync("/api/v1/problems", w.Raise(department: w.Elsewhere));
        var notTheirs = await nanle.PostJsonAsync("/api/v1/problems", w.Raise());

        tooLong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await tooLong.JsonAsync()).GetProperty("errors").GetProperty("Title")[0].GetString().ShouldBe("标题最多 150 个字（现为 151 个），详细情况请写在描述中。");
        (await category.JsonAsync()).GetProperty("errors").GetProperty("Category")[0].GetString()!.ShouldStartWith("请选择问题类别");
        (await department.JsonAsync()).GetProperty("errors").GetProperty("DepartmentOrgId")[0].GetString()!.ShouldContain("不是本县（区）、本市或省级的部门");
        (await notTheirs.JsonAsync()).GetProperty("errors").GetProperty("ProjectCode")[0].GetString()!.ShouldContain("不在您的管辖范围内");
        var all = (await (await unit.PostJsonAsync("/api/v1/problems", new { projectCode = "x", title = new string('地', 151), category = "Roads" })).JsonAsync()).GetProperty("errors");
        all.EnumerateObject().Select(e => e.Name).Order().ShouldBe(["Category", "ProjectCode", "Title"]);
        (await CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Loop_AcceptAnswerVerify_ClosesIt_AndOnlyTheAssignedDepartmentMayAnswer()
    {
        var w = await ProblemWorld.SeedAsync(App);
        var id = await ProblemWorld.RaiseAsync(await App.ApiClientAsync("unit"), w.Raise());
        var land = await App.ApiClientAsync("land");
        var housing = await App.ApiClientAsync("housing");
        var officer = await App.ApiClientAsync("officer");

        var early = await ActAsync(officer, id, "verify", new { satisfaction = 5 });
        early.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await early.JsonAsync()).Str("detail").ShouldContain("尚未办结答复");

        (await ProblemOf(await ActAsync(land, id, "accept", new { }))).Str("status").ShouldBe("InProgress");

        var wrong = await ActAsync(housing, id, "answer", new { text = "已协调" });
        wrong.StatusCode.ShouldBe(HttpStatusCode.NotFound); // not its problem, not in its subtree: it does not even see it
        var answered = await ProblemOf(await ActAsync(land, id, "answer", new { text = "已调剂用地指标 120 亩。" }));
        answered.Str("status").ShouldBe("Answered");

        App.Clock.Set(ProblemWorld.Monday.AddDays(1));
        officer = await App.ApiClientAsync("officer"); // a token lives an hour; a day has passed
        var closed = await ActAsync(officer, id, "verify", new { satisfaction = 5, text = "现场核实已落实" });
        var body = await closed.JsonAsync();
        closed.StatusCode.ShouldBe(HttpStatusCode.OK);
        body.GetProperty("problem").Str("status").ShouldBe("Closed");
        body.Str("closedOn").ShouldBe("2026-11-24");
        body.GetProperty("satisfaction").GetInt32().ShouldBe(5);
        body.GetProperty("history").EnumerateArray().Select(s => s.Str("action")).ShouldBe(["Raised", "Accepted", "Answered", "Verified"]);

        var stats = await (await officer.GetAsync($"/api/v1/problems/stats?org={w.County}&from=2026-11-01&to=2026-11-30")).JsonAsync();
        stats.GetProperty("total").GetProperty("raised").GetInt32().ShouldBe(1);
        stats.GetProperty("total").GetProperty("solved").GetInt32().ShouldBe(1);
        stats.GetProperty("total").GetProperty("solvedRate").GetDecimal().ShouldBe(100.0m);
        stats.GetProperty("total").GetProperty("averageWorkingDays").GetDecimal().ShouldBe(1.0m);
        stats.GetProperty("byCategory").GetProperty("Land").GetProperty("solved").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task Answer_FromAnotherDepartmentThatSeesTheProject_IsForbidden_AndChangesNothing()
    {
        var w = await ProblemWorld.SeedAsync(App);
        var id = await ProblemWorld.RaiseAsync(await App.ApiClientAsync("unit"), w.Raise());
        // The housing bureau is asked to cooperate: it sees the problem, but the answer is the land bureau's.
        var pyx = await App.ApiClientAsync("pyx");
        (await ActAsync(pyx, id, "assign", new { departmentOrgId = w.Land, cooperatingOrgIds = new[] { w.Housing } })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var housing = await App.ApiClientAsync("housing");

        var response = await ActAsync(housing, id, "answer", new { text = "已协调" });

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await response.JsonAsync()).Str("detail").ShouldBe("这个问题没有交办给您的部门，不能由您答复。");
        (await ProblemOf(await pyx.GetAsync($"/api/v1/problems/{id}"))).Str("status").ShouldBe("Pending");
    }

    [Fact]
    public async Task Sweep_WhenOverdue_EscalatesOnce_EvenRunTwiceOrOnTwoServersAtOnce()
    {
        var w = await ProblemWorld.SeedAsync(App);
        var unit = await App.ApiClientAsync("unit");
        var id = await ProblemWorld.RaiseAsync(unit, w.Raise());
        var fresh = await ProblemWorld.RaiseAsync(unit, w.Raise(title: "临时用电未接通", category: "Utilities"));
        App.Clock.Set(ProblemWorld.Monday.AddDays(3)); // Thursday, the deadline: not yet
        var admin = await App.ApiClientAsync("admin");
        (await (await admin.PostAsync("/api/v1/problems/escalation-sweep", null)).JsonAsync()).GetProperty("escalated").GetInt32().ShouldBe(0);

        App.Clock.Set(ProblemWorld.Monday.AddDays(4)); // Friday
        admin = await App.ApiClientAsync("admin");
        var runs = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => App.WithServicesAsync(async sp =>
        {
            await using var scope = sp.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<EscalationSweep>().RunAsync(holder: Guid.NewGuid().ToString());
        })));
        var again = await (await admin.PostAsync("/api/v1/problems/escalation-sweep", null)).JsonAsync();

        runs.Where(r => r.Ran).Sum(r => r.Escalated).ShouldBe(2);
        var secondPage = await (await admin.GetAsync("/api/v1/problems?overdue=true&take=1&skip=1")).JsonAsync();
        secondPage.GetProperty("total").GetInt32().ShouldBe(2);
        secondPage.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ShouldBe([fresh]); // same 办理时限: by id
        again.GetProperty("escalated").GetInt32().ShouldBe(0);
        var p = await (await admin.GetAsync($"/api/v1/problems/{id}")).JsonAsync();
        p.GetProperty("problem").GetProperty("level").GetInt32().ShouldBe(2);
        p.GetProperty("problem").Str("deadline").ShouldBe("2026-12-02");
        p.GetProperty("history").EnumerateArray().Count(s => s.Str("action") == "AutoEscalated").ShouldBe(1);
        (await (await admin.GetAsync($"/api/v1/problems/{fresh}")).JsonAsync()).GetProperty("problem").GetProperty("level").GetInt32().ShouldBe(2);
    }

    [Fact]
    public async Task Notices_TellTheDepartmentWhenAssignedAndWhenOverdue_TheRaiserWhenAnswered_AndTheNextLevelWhenEscalated()
    {
        var w = await ProblemWorld.SeedAsync(App);
        var id = await ProblemWorld.RaiseAsync(await App.ApiClientAsync("unit"), w.Raise());
        async Task<List<string>> KindsAsync(string user) =>
            (await (await (await App.ApiClientAsync(user)).GetAsync("/api/v1/notices")).JsonAsync()).EnumerateArray().Select(n => n.Str("kind")).ToList();

        (await KindsAsync("land")).ShouldBe(["ProblemAssigned"]);
        (await KindsAsync("housing")).ShouldBeEmpty();

        App.Clock.Set(ProblemWorld.Monday.AddDays(4)); // Friday: overdue since Thursday
        var admin = await App.ApiClientAsync("admin");
        (await admin.PostAsync("/api/v1/problems/escalation-sweep", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await admin.PostAsync("/api/v1/problems/escalation-sweep", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await KindsAsync("land")).Order().ShouldBe(["ProblemAssigned", "ProblemEscalated", "ProblemOverdue"]);
        (await KindsAsync("pyx")).ShouldBe(["ProblemEscalated"]); // level 2, 县区周例会: the county's staff and leaders
        var escalated = (await (await (await App.ApiClientAsync("pyx")).GetAsync("/api/v1/notices")).JsonAsync())[0];
        escalated.Str("body").ShouldContain("已上交第 2 级研究");
        escalated.Str("link").ShouldBe($"/problems/{id}");

        (await ActAsync((await App.ApiClientAsync("land")), id, "answer", new { text = "已落实" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await KindsAsync("unit")).ShouldBe(["ProblemAnswered"]);
    }

    [Fact]
    public async Task AnOrganisationsOwnLadder_OnTheSpotAtTheBottom_ThreeLevels_AppliesToItsSubtree()
    {
        var w = await ProblemWorld.SeedAsync(App);
        App.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ProblemOptions>>().Value.Ladders["濮阳县"] = new()
        {
            Levels = [new() { Name = "现场解决", WorkingDays = 0 }, new() { WorkingDays = 2 }, new() { Name = "县委常委会", WorkingDays = 5, Scope = Domain.Problems.LadderScope.County }],
        };
        var officer = await App.ApiClientAsync("officer");

        var p = await ProblemOf(await officer.GetAsync($"/api/v1/problems/{await ProblemWorld.RaiseAsync(officer, w.Raise())}"));
        var id = p.GetProperty("id").GetInt64();
        var top = await ActAsync(officer, id, "escalate", new { level = 4, text = "试图越级" });
        var third = await ProblemOf(await ActAsync(officer, id, "escalate", new { level = 3, text = "需县委研究" }));

        p.Str("dueOn").ShouldBe("2026-11-23"); // on the spot: the same day
        top.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await top.JsonAsync()).GetProperty("errors").GetProperty("Level")[0].GetString().ShouldBe("只能提级到第 2 至 3 级。");
        third.Str("deadline").ShouldBe("2026-11-30"); // Monday + 5 working days
    }

    [Fact]
    public async Task ReferToANamedMeeting_RaisesItToTheMeetingsLevel_AndPutsItOnThatMeetingsAgenda()
    {
        var w = await ProblemWorld.SeedAsync(App);
        var id = await ProblemWorld.RaiseAsync(await App.ApiClientAsync("unit"), w.Raise());
        await App.CreateUserAsync("py", Domain.Access.Role.Staff, "濮阳市");
        var city = await App.ApiClientAsync("py");
        var created = await city.PostJsonAsync("/api/v1/meetings",
            new { orgId = await App.OrgIdAsync("濮阳市"), title = "市级周例会", date = "2026-11-30", level = 4 });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var meeting = (await created.JsonAsync()).GetProperty("id").GetInt64();
        var officer = await App.ApiClientAsync("officer");

        var unknown = await ActAsync(officer, id, "escalate", new { meetingId = 999999 });
        var referred = await ActAsync(officer, id, "escalate", new { meetingId = meeting });

        (await unknown.JsonAsync()).GetProperty("errors").GetProperty("MeetingId")[0].GetString().ShouldBe("找不到会议 999999。");
        var body = await referred.JsonAsync();
        referred.StatusCode.ShouldBe(HttpStatusCode.OK, body.ToString());
        body.GetProperty("problem").GetProperty("level").GetInt32().ShouldBe(4);
        body.GetProperty("problem").GetProperty("meetingId").GetInt64().ShouldBe(meeting);
        body.GetProperty("history").EnumerateArray().Last().Str("action").ShouldBe("ReferredToMeeting");
        var agenda = await (await city.GetAsync($"/api/v1/meetings/{meeting}/agenda")).JsonAsync();
        agenda.GetProperty("escalated").EnumerateArray().Select(p => p.GetProperty("id").GetInt64()).ShouldContain(id);
    }

    [Fact]
    public async Task Attachments_ByApi_TakeImagesOnly_AndNotFromSomeoneOutside()
    {
        var w = await ProblemWorld.SeedAsync(App);
        var unit = await App.ApiClientAsync("unit");
        var id = await ProblemWorld.RaiseAsync(unit, w.Raise());
        static MultipartFormDataContent Photo(byte[] bytes)
        {
            var form = new MultipartFormDataContent();
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/jpeg");
            form.Add(part, "photos", "site.jpg");
            return form;
        }

        var pdf = await unit.PostAsync($"/api/v1/problems/{id}/attachments", Photo(Domain.Tests.Media.TestImages.Pdf()));
        var outsider = await (await App.ApiClientAsync("nl")).PostAsync($"/api/v1/problems/{id}/attachments", Photo(Domain.Tests.Media.TestImages.Jpeg()));
        var ok = await unit.PostAsync($"/api/v1/problems/{id}/attachments", Photo(Domain.Tests.Media.TestImages.Jpeg()));

        pdf.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        outsider.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        ok.StatusCode.ShouldBe(HttpStatusCode.OK, await ok.Content.ReadAsStringAsync());
        (await ok.JsonAsync()).GetProperty("attachments").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task RejectedAnswer_GoesBackToTheDepartmentWithTheLevelsTimeFromToday_NotStraightUpTheLadder()
    {
        var w = await ProblemWorld.SeedAsync(App);
        var id = await ProblemWorld.RaiseAsync(await App.ApiClientAsync("unit"), w.Raise());
        (await ActAsync((await App.ApiClientAsync("land")), id, "answer", new { text = "已上报" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        App.Clock.Set(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.FromHours(8))); // Wednesday, a week later
        var officer = await App.ApiClientAsync("officer");
        var rejected = await ProblemOf(await ActAsync(officer, id, "verify", new { accept = false, text = "指标仍未下达" }));
        var sweep = await (await (await App.ApiClientAsync("admin")).PostAsync("/api/v1/problems/escalation-sweep", null)).JsonAsync();

        rejected.Str("status").ShouldBe("InProgress");
        rejected.Str("deadline").ShouldBe("2026-12-07");
        rejected.GetProperty("overdue").GetBoolean().ShouldBeTrue(); // past its 办理时限 of 26 November all the same
        sweep.GetProperty("escalated").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task EscalatedToTheCityDepartmentsLevel_TellsTheCitysOwnDepartments_NotTheOtherCountyDepartments()
    {
        var w = await ProblemWorld.SeedAsync(App);
        await App.CreateOrgAsync("濮阳市", "濮阳市自然资源和规划局", Domain.Organisations.OrgKind.Department);
        await App.CreateUserAsync("cityland", Domain.Access.Role.Department, "濮阳市自然资源和规划局");
        var id = await ProblemWorld.RaiseAsync(await App.ApiClientAsync("unit"), w.Raise());
        var officer = await App.ApiClientAsync("officer");

        (await ActAsync(officer, id, "escalate", new { level = 3, text = "需市直部门专题研究" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        async Task<List<string>> KindsAsync(string user) =>
            (await (await (await App.ApiClientAsync(user)).GetAsync("/api/v1/notices")).JsonAsync()).EnumerateArray().Select(n => n.Str("kind")).ToList();
        (await KindsAsync("cityland")).ShouldBe(["ProblemEscalated"]);
        (await KindsAsync("land")).Order().ShouldBe(["ProblemAssigned", "ProblemEscalated"]); // the responsible department
        (await KindsAsync("housing")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Sweep_ByANonAdministrator_IsForbidden()
    {
        await ProblemWorld.SeedAsync(App);
        var response = await (await App.ApiClientAsync("pyx")).PostAsync("/api/v1/problems/escalation-sweep", null);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task OpenAndOverdueLists_OnASecondServer_FollowEveryChangeMadeOnTheFirst()
    {
        var w = await ProblemWorld.SeedAsync(App);
        var unit = await App.ApiClientAsync("unit");
        var first = await ProblemWorld.RaiseAsync(unit, w.Raise());
        await using var secondServer = App.WithWebHostBuilder(_ => { });
        Task<List<long>> ListAsync(string user, string query) => ListOnAsync(secondServer, user, query);

        (await ListAsync("pyx", "open=true")).ShouldBe([first]);
        var second = await ProblemWorld.RaiseAsync(unit, w.Raise(title: "临时用电未接通", category: "Utilities", department: w.Housing));
        (await ListAsync("pyx", "open=true")).ShouldBe([second, first]); // newest first
        (await ListAsync("land", "open=true")).ShouldBe([first]); // a department sees what it answers
        (await ListAsync("housing", "open=true")).ShouldBe([second]);

        (await ActAsync((await App.ApiClientAsync("land")), first, "answer", new { text = "已调剂用地指标" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ListAsync("pyx", "open=true")).ShouldBe([second]);
        (await ListAsync("land", "open=true")).ShouldBeEmpty();

        var pyx = await App.ApiClientAsync("pyx");
        var version = (await ProblemOf(await pyx.GetAsync($"/api/v1/problems/{second}"))).GetProperty("version").GetInt32();
        (await pyx.PostJsonAsync($"/api/v1/problems/{second}/assign", new { departmentOrgId = w.Land, version })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ListAsync("land", "open=true")).ShouldBe([second]); // moved from one department's list to the other's
        (await ListAsync("housing", "open=true")).ShouldBeEmpty();

        App.Clock.Set(ProblemWorld.Monday.AddDays(4)); // Friday: past the 办理时限; the sweep on the first server
        (await (await App.ApiClientAsync("admin")).PostAsync("/api/v1/problems/escalation-sweep", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ListAsync("pyx", "overdue=true")).ShouldBe([second]);
        (await ListAsync("pyx", "overdue=true&level=2")).ShouldBe([second]);
        (await ListAsync("pyx", "overdue=true&level=1")).ShouldBeEmpty();
        (await ListAsync("nl", "open=true")).ShouldBeEmpty();
        (await ListAsync("pyx", "status=Answered")).ShouldBe([first]); // not open: from the database
    }

    /// <summary>A list's problem ids (and its total, which must match) as a user sees them on another server.</summary>
    private async Task<List<long>> ListOnAsync(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> server, string user, string query)
    {
        var client = server.CreateClient();
        client.DefaultRequestHeaders.Authorization = (await App.ApiClientAsync(user)).DefaultRequestHeaders.Authorization;
        var page = await (await client.GetAsync("/api/v1/problems?" + query)).JsonAsync();
        var ids = page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ToList();
        page.GetProperty("total").GetInt32().ShouldBe(ids.Count);
        return ids;
    }

    [Fact]
    public async Task ChangeLog_Pruned_AServerHoldingAnOlderCopy_LoadsTheOpenProblemsAfresh_AndMissesNothing()
    {
        var w = await ProblemWorld.SeedAsync(App);
        var unit = await App.ApiClientAsync("unit");
        var first = await ProblemWorld.RaiseAsync(unit, w.Raise());
        await using var secondServer = App.WithWebHostBuilder(_ => { });
        (await ListOnAsync(secondServer, "pyx", "open=true")).ShouldBe([first]); // its copy holds the counter of now

        var second = await ProblemWorld.RaiseAsync(unit, w.Raise(title: "临时用电未接通", category: "Utilities", department: w.Housing));
        (await ActAsync((await App.ApiClientAsync("land")), first, "answer", new { text = "已调剂用地指标" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        Task<int> PruneAsync() => App.WithServicesAsync(sp => Web.Infrastructure.Changes.ChangeCounter.PruneProblemLogAsync(sp.GetRequiredService<AppDbContext>(), 0, CancellationToken.None));
        (await PruneAsync()).ShouldBe(0); // the first run only announces how far the log may go
        (await PruneAsync()).ShouldBe(3); // the next deletes that far: the three changes above
        (await App.WithServicesAsync(sp => sp.GetRequiredService<AppDbContext>().ProblemChangeLog.CountAsync())).ShouldBe(0);

        // The second server's copy is older than the log: it loads the open problems again (the answered one is gone).
        (await ListOnAsync(secondServer, "pyx", "open=true")).ShouldBe([second]);
        var third = await ProblemWorld.RaiseAsync(unit, w.Raise(title: "施工便道未打通", category: "Utilities", department: w.Housing));
        (await ListOnAsync(secondServer, "pyx", "open=true")).ShouldBe([third, second]); // and follows the log from there
    }

    [Fact]
    public async Task ACooperatingDepartment_FindsTheProblemInItsOwnList_OpenAndAnswered()
    {
        var w = await ProblemWorld.SeedAsync(App);
        var unit = await App.ApiClientAsync("unit");
        var shared = await ProblemWorld.RaiseAsync(unit, new
        {
            projectCode = w.Project, title = "施工用水管网未接通", category = "Utilities", departmentOrgId = w.Land, cooperatingOrgIds = new[] { w.Housing },
        });
        var landOnly = await ProblemWorld.RaiseAsync(unit, w.Raise());
        async Task<List<long>> IdsAsync(string user, string query) =>
            (await (await (await App.ApiClientAsync(user)).GetAsync("/api/v1/problems?" + query)).JsonAsync())
                .GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ToList();

        (await IdsAsync("housing", "open=true")).ShouldBe([shared]);
        (await IdsAsync("housing", "")).ShouldBe([shared]); // every status: from the database
        (await IdsAsync("land", "open=true")).ShouldBe([landOnly, shared]);
        (await ActAsync((await App.ApiClientAsync("land")), shared, "answer", new { text = "已接通" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await IdsAsync("housing", "open=true")).ShouldBeEmpty();
        (await IdsAsync("housing", "status=Answered")).ShouldBe([shared]);
        (await IdsAsync("pyx", "open=true")).ShouldBe([landOnly]);
    }

    [Fact]
    public async Task Sweep_LeavesAnsweredProblemsAlone_AndOverdueListShowsOnlyOpenOnesOfTheSubtree()
    {
        var w = await ProblemWorld.SeedAsync(App);
        var unit = await App.ApiClientAsync("unit");
        var answered = await ProblemWorld.RaiseAsync(unit, w.Raise());
        var open = await ProblemWorld.RaiseAsync(unit, w.Raise(title: "施工许可未办结", category: "Approvals"));
        (await ActAsync((await App.ApiClientAsync("land")), answered, "answer", new { text = "已办结" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        App.Clock.Set(ProblemWorld.Monday.AddDays(4));

        var pyx = await App.ApiClientAsync("pyx");
        var overdue = await (await pyx.GetAsync("/api/v1/problems?overdue=true")).JsonAsync();
        var nanle = await (await (await App.ApiClientAsync("nl")).GetAsync("/api/v1/problems?overdue=true")).JsonAsync();
        await (await App.ApiClientAsync("admin")).PostAsync("/api/v1/problems/escalation-sweep", null);

        overdue.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ShouldBe([open]);
        overdue.GetProperty("total").GetInt32().ShouldBe(1);
        nanle.GetProperty("total").GetInt32().ShouldBe(0);
        (await (await App.ApiClientAsync("nl")).GetAsync($"/api/v1/problems/{open}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await ProblemOf(await pyx.GetAsync($"/api/v1/problems/{answered}"))).GetProperty("level").GetInt32().ShouldBe(1);
        (await ProblemOf(await pyx.GetAsync($"/api/v1/problems/{open}"))).GetProperty("level").GetInt32().ShouldBe(2);
        (await (await pyx.GetAsync("/api/v1/problems?level=2")).JsonAsync()).GetProperty("total").GetInt32().ShouldBe(1);
        (await pyx.GetAsync("/api/v1/problems?status=Nonsense")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Escalate_ByHand_NeedsAReason_AndGivesTheNewLevelFreshTime()
    {
        var w = await ProblemWorld.SeedAsync(App);
        var id = await ProblemWorld.RaiseAsync(await App.ApiClientAsync("unit"), w.Raise());
        App.Clock.Set(ProblemWorld.Monday.AddDays(1));
        var officer = await App.ApiClientAsync("officer");

        var noReason = await ActAsync(officer, id, "escalate", new { level = 3 });
        var tooHigh = await ActAsync(officer, id, "escalate", new { level = 6, text = "涉及多个部门" });
        var ok = await ProblemOf(await ActAsync(officer, id, "escalate", new { level = 3, text = "涉及多个部门" }));

        noReason.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        tooHigh.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        ok.GetProperty("level").GetInt32().ShouldBe(3);
        ok.Str("deadline").ShouldBe("2026-11-27"); // Tuesday + 3 working days
    }

    [Fact]
    public async Task Reopen_NeedsAReason_AndTwoAnswersOnTheSameVersion_OneWins()
    {
        var w = await ProblemWorld.SeedAsync(App);
        var id = await ProblemWorld.RaiseAsync(await App.ApiClientAsync("unit"), w.Raise());
        var land = await App.ApiClientAsync("land");
        var landAgain = await App.ApiClientAsync("land");

        var both = await Task.WhenAll(
            land.PostJsonAsync($"/api/v1/problems/{id}/answer", new { text = "甲", version = 1 }),
            landAgain.PostJsonAsync($"/api/v1/problems/{id}/answer", new { text = "乙", version = 1 }));
        both.Select(r => r.StatusCode).Order().ShouldBe([HttpStatusCode.OK, HttpStatusCode.Conflict]);

        var officer = await App.ApiClientAsync("officer");
        (await ActAsync(officer, id, "verify", new { })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ActAsync(officer, id, "reopen", new { text = " " })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var reopened = await ActAsync(officer, id, "reopen", new { text = "用地指标实际未下达" });
        var body = await reopened.JsonAsync();
        body.GetProperty("problem").Str("status").ShouldBe("InProgress");
        body.GetProperty("closedOn").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public async Task CalendarCorrection_ByAnAdministrator_MovesNewDeadlines_AndIsAudited()
    {
        var w = await ProblemWorld.SeedAsync(App);
        var admin = await App.ApiClientAsync("admin");

        var set = await admin.PutJsonAsync("/api/v1/calendar/2026-11-24", new { kind = "Holiday", name = "临时放假" });
        var weekday = await admin.PutJsonAsync("/api/v1/calendar/2026-11-25", new { kind = "MakeUpWorkday", name = "调休" });
        var byStaff = await (await App.ApiClientAsync("pyx")).PutJsonAsync("/api/v1/calendar/2026-11-26", new { kind = "Holiday", name = "x" });
        var p = await ProblemOf(await (await App.ApiClientAsync("unit")).GetAsync($"/api/v1/problems/{await ProblemWorld.RaiseAsync(await App.ApiClientAsync("unit"), w.Raise())}"));

        set.StatusCode.ShouldBe(HttpStatusCode.OK, await set.Content.ReadAsStringAsync());
        weekday.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        byStaff.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        p.Str("deadline").ShouldBe("2026-11-27");
        var year = await (await admin.GetAsync("/api/v1/calendar/2026")).JsonAsync();
        year.GetProperty("workingDayCount").GetInt32().ShouldBe(247); // 248 working days in 2026, one made a holiday
        (await admin.DeleteAsync("/api/v1/calendar/2026-11-24")).StatusCode.ShouldBe((HttpStatusCode)428); // the version read is required
        (await admin.DeleteAsync("/api/v1/calendar/2026-11-24?version=1")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await (await admin.GetAsync("/api/v1/calendar/2026")).JsonAsync()).GetProperty("workingDayCount").GetInt32().ShouldBe(248);
        (await App.WithServicesAsync(sp => sp.GetRequiredService<AppDbContext>().AuditEntries.CountAsync(a => a.EntityType == "CalendarDay"))).ShouldBe(2);
    }
}

public sealed class ProblemApiTestsSqlite : ProblemApiTests<SqliteTestDatabase>;

public sealed class ProblemApiTestsPostgres : ProblemApiTests<PostgresTestDatabase>;
