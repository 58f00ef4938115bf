using System.Net;
using System.Security.Cryptography;
using System.Text;
using KeyProjects.Domain.Access;
using KeyProjects.Domain.Notices;
using KeyProjects.Web.Data;
using KeyProjects.Web.Features.Notices;
using KeyProjects.Web.Tests.Infrastructure;
using KeyProjects.Web.Tests.Problems;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KeyProjects.Web.Tests.Notices;

/// <summary>Issue 13, point 9: what is due or overdue also goes to the organisations' WeCom/DingTalk groups and by SMS.</summary>
public abstract class NoticePushTests<TDb> : AppTest<TDb> where TDb : TestDatabase, new()
{
    private const string WeComPath = "/cgi-bin/webhook/send";
    private const string DingTalkPath = "/robot/send";

    /// <summary>One round of the pusher, as the background service runs it, with the test's settings.</summary>
    private Task<int> PushAsync(NoticeOptions settings) => App.WithServicesAsync(sp =>
        ActivatorUtilities.CreateInstance<NoticePusher>(sp, Options.Create(settings)).SendDueAsync());

    private static NoticeOptions Pushing(params NoticeOptions.WebhookOptions[] hooks) => new() { BaseUrl = "https://xm.example.gov.cn", Webhooks = [.. hooks] };

    private static NoticeOptions.WebhookOptions WeCom(WebhookSink sink, int orgId, string key, bool digest = false, string? at = null) =>
        new() { OrgId = orgId, Kind = NoticeOptions.RobotKind.WeCom, Url = $"{sink.BaseUrl}{WeComPath}?key={key}", Digest = digest, DigestAt = at };

    private Task<string> IdAsync(string userName) =>
        App.WithServicesAsync(sp => sp.GetRequiredService<AppDbContext>().Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());

    private Task NotifyAsync(string userId, NoticeKind kind, string key, params string[] args) =>
        App.WithServicesAsync(sp => sp.GetRequiredService<NoticeService>().NotifyAsync([userId], kind, key, "/projects", args));

    private async Task<string> CountyUserAsync(string userName = "pyx", Role role = Role.Staff)
    {
        await App.CreateUserAsync(userName, role, "濮阳县");
        return await IdAsync(userName);
    }

    private static string Content(WebhookSink.Request r) => r.Json.GetProperty("markdown").Str("content");

    [Fact]
    public async Task OverdueProblem_GoesToTheCountysWeComGroup_AndTheCitys_Once_WithItsTitleAndLink()
    {
        var w = await ProblemWorld.SeedAsync(App);
        var id = await ProblemWorld.RaiseAsync(await App.ApiClientAsync("unit"), w.Raise());
        App.Clock.Set(ProblemWorld.Monday.AddDays(4)); // Friday: overdue since Thursday, and escalated
        (await (await App.ApiClientAsync("admin")).PostAsync("/api/v1/problems/escalation-sweep", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await using var sink = new WebhookSink();
        var settings = Pushing(WeCom(sink, w.County, "county-key"), WeCom(sink, await OrgAsync("濮阳市"), "city-key"), WeCom(sink, await OrgAsync("南乐县"), "nl-key"));

        var sent = await Task.WhenAll(PushAsync(settings), PushAsync(settings)); // two servers at once
        (await PushAsync(settings)).ShouldBe(0);

        sent.Sum().ShouldBe(2, App.Logs.ToString());
        sink.Received.Select(r => r.QueryValue("key")).Order().ShouldBe(["city-key", "county-key"]);
        var county = sink.Received.Single(r => r.QueryValue("key") == "county-key");
        county.Path.ShouldBe(WeComPath);
        county.Json.Str("msgtype").ShouldBe("markdown");
        Content(county).ShouldContain("问题已逾期：项目用地指标未落实");
        Content(county).ShouldContain($"(https://xm.example.gov.cn/problems/{id})");
        Content(county).ShouldNotContain("升级督办"); // the escalation and the assignment stay in the inbox
        Encoding.UTF8.GetByteCount(Content(county)).ShouldBeLessThanOrEqualTo(4096);
    }

    [Fact]
    public async Task DingTalk_SignsWithTheSecret_TimestampAndHmac()
    {
        var staff = await CountyUserAsync();
        await NotifyAsync(staff, NoticeKind.TaskOverdue, "t1", "周调度会材料", "2026-11-20", "2");
        await using var sink = new WebhookSink();
        const string Secret = "SEC0123456789abcdef";
        var hook = new NoticeOptions.WebhookOptions
        {
            OrgId = await OrgAsync("濮阳县"), Kind = NoticeOptions.RobotKind.DingTalk, Url = $"{sink.BaseUrl}{DingTalkPath}?access_token=tok", Secret = Secret,
        };

        (await PushAsync(Pushing(hook))).ShouldBe(1, App.Logs.ToString());

        var r = sink.To(DingTalkPath).ShouldHaveSingleItem();
        r.QueryValue("access_token").ShouldBe("tok");
        var timestamp = r.QueryValue("timestamp")!;
        long.Parse(timestamp, System.Globalization.CultureInfo.InvariantCulture).ShouldBe(App.Clock.GetUtcNow().ToUnixTimeMilliseconds());
        var expected = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(timestamp + "\n" + Secret)));
        r.QueryValue("sign").ShouldBe(expected);
        r.Json.Str("msgtype").ShouldBe("markdown");
        r.Json.GetProperty("markdown").Str("title").ShouldBe("任务已逾期：周调度会材料");
        r.Json.GetProperty("markdown").Str("text").ShouldContain("“周调度会材料”应于 2026-11-20 完成，已逾期 2 天。");
    }

    [Fact]
    public async Task Digest_OneMessageAtTheGroupsTime_ListingTheItems_OnceADay()
    {
        var staff = await CountyUserAsync();
        var leader = await CountyUserAsync("leader", Role.Leader);
        App.Clock.Set(new DateTimeOffset(2026, 11, 23, 7, 0, 0, TimeSpan.FromHours(8)));
        await NotifyAsync(staff, NoticeKind.ProblemOverdue, "p1", "用电手续未办结", "物流园", "2026-11-20", "1");
        await NotifyAsync(staff, NoticeKind.TaskDueSoon, "t1", "周调度会材料", "2026-11-24");
        await NotifyAsync(leader, NoticeKind.VisitShortfall, "v1", "张振华", "2026-11", "2");
        await using var sink = new WebhookSink();
        var settings = Pushing(WeCom(sink, await OrgAsync("濮阳县"), "k", digest: true, at: "08:30"));

        (await PushAsync(settings)).ShouldBe(0); // before 08:30
        App.Clock.Set(new DateTimeOffset(2026, 11, 23, 8, 31, 0, TimeSpan.FromHours(8)));
        (await Task.WhenAll(PushAsync(settings), PushAsync(settings))).Sum().ShouldBe(1, App.Logs.ToString());
        await NotifyAsync(staff, NoticeKind.TaskOverdue, "t2", "材料", "2026-11-22", "1");
        (await PushAsync(settings)).ShouldBe(0); // today's list went out; this one waits for tomorrow's

        var digest = Content(sink.Received.ShouldHaveSingleItem());
        digest.ShouldContain("3 项到期或逾期事项");
        digest.ShouldContain("问题已逾期：用电手续未办结");
        digest.ShouldContain("任务即将到期：周调度会材料");
        digest.ShouldContain("督导走访未达标：张振华");
        App.Clock.Set(new DateTimeOffset(2026, 11, 24, 8, 30, 0, TimeSpan.FromHours(8)));
        (await PushAsync(settings)).ShouldBe(1);
        var next = Content(sink.Received.Last());
        next.ShouldContain("任务已逾期：材料");
        next.ShouldNotContain("用电手续未办结");
    }

    [Fact]
    public async Task KindsThatAreNotDueOrOverdue_AreNotPushed()
    {
        var staff = await CountyUserAsync();
        await SetPhoneAsync(staff, "13800000000");
        await NotifyAsync(staff, NoticeKind.ProblemAssigned, "a1", "施工便道未硬化", "物流园", "2026-11-30");
        await NotifyAsync(staff, NoticeKind.ProblemAnswered, "b1", "施工便道未硬化", "物流园", "住建局");
        await NotifyAsync(staff, NoticeKind.ProblemEscalated, "e1", "环评批复", "物流园", "2", "2026-12-02");
        await using var sink = new WebhookSink();
        var settings = Pushing(WeCom(sink, await OrgAsync("濮阳县"), "k"));
        settings.Sms.Url = $"{sink.BaseUrl}/sms";

        (await PushAsync(settings)).ShouldBe(0);

        sink.Received.ShouldBeEmpty();
    }

    [Fact]
    public async Task AFailingRobot_IsLoggedWithoutItsKey_AndTriedAgainLater_WhileTheSmsGoesOut()
    {
        var staff = await CountyUserAsync();
        await SetPhoneAsync(staff, "13800000000");
        await NotifyAsync(staff, NoticeKind.ProblemOverdue, "p1", "用电手续未办结", "物流园", "2026-11-20", "1");
        await using var sink = new WebhookSink();
        var settings = Pushing(WeCom(sink, await OrgAsync("濮阳县"), "secret-robot-key"));
        settings.Sms.Url = $"{sink.BaseUrl}/sms";
        sink.Answer = r => r.Path == WeComPath ? (200, """{"errcode":93000,"errmsg":"invalid webhook url"}""") : WebhookSink.Ok;

        (await PushAsync(settings)).ShouldBe(1); // the SMS
        App.Logs.Lines.ShouldContain(l => l.Contains("Push of 1 item(s) to WeCom group", StringComparison.Ordinal) && l.Contains("93000", StringComparison.Ordinal));
        sink.Answer = r => r.Path == WeComPath ? (500, "oops") : WebhookSink.Ok;
        App.Clock.Advance(TimeSpan.FromSeconds(30));
        (await PushAsync(settings)).ShouldBe(0);
        sink.To(WeComPath).Count.ShouldBe(1, "not before its time");
        App.Clock.Advance(TimeSpan.FromMinutes(1));
        (await PushAsync(settings)).ShouldBe(0);
        App.Logs.Lines.ShouldContain(l => l.Contains("HTTP 500", StringComparison.Ordinal));
        sink.Answer = _ => WebhookSink.Ok;
        App.Clock.Advance(TimeSpan.FromMinutes(2));
        (await PushAsync(settings)).ShouldBe(1);

        sink.To(WeComPath).Count.ShouldBe(3);
        Content(sink.To(WeComPath).Last()).ShouldContain("问题已逾期：用电手续未办结");
        sink.To("/sms").Count.ShouldBe(1);
        App.Logs.Lines.ShouldNotContain(l => l.Contains("secret-robot-key", StringComparison.Ordinal));
        var inbox = await App.WithServicesAsync(sp => sp.GetRequiredService<AppDbContext>().Notices.CountAsync(n => n.RecipientId == staff));
        inbox.ShouldBe(1);
    }

    [Fact]
    public async Task Sms_TheGatewayGetsThePhoneAndTheText_WithItsHeaders_OnlyForUsersWithANumber()
    {
        var staff = await CountyUserAsync();
        var other = await CountyUserAsync("nophone");
        await SetPhoneAsync(staff, "13800000000");
        await NotifyAsync(staff, NoticeKind.TaskOverdue, "t1", "周调度会材料", "2026-11-20", "2");
        await NotifyAsync(other, NoticeKind.TaskOverdue, "t1", "周调度会材料", "2026-11-20", "2");
        await using var sink = new WebhookSink();
        var settings = Pushing();
        settings.Sms.Url = $"{sink.BaseUrl}/sms";
        settings.Sms.Headers["X-Api-Key"] = "gateway-key";

        (await PushAsync(settings)).ShouldBe(1, App.Logs.ToString());

        var r = sink.To("/sms").ShouldHaveSingleItem();
        r.Headers["X-Api-Key"].ShouldBe("gateway-key");
        r.Json.Str("phone").ShouldBe("13800000000");
        r.Json.Str("text").ShouldBe("任务已逾期：周调度会材料。“周调度会材料”应于 2026-11-20 完成，已逾期 2 天。");
    }

    /// <summary>Robots take 20 messages a minute: many items go as lists within WeCom's 4,096 bytes, a few messages a round.</summary>
    [Fact]
    public async Task ManyItems_GoAsFewListsUnderTheSizeLimit_AndADailyListThatWouldNeedMoreSaysHowManyMore()
    {
        var staff = await CountyUserAsync();
        await App.WithServicesAsync(sp =>
        {
            var batch = sp.GetRequiredService<NoticeService>().Batch();
            for (var i = 0; i < 300; i++)
                batch.Add([staff], NoticeKind.ProblemOverdue, $"p{i}", $"/problems/{i}", [$"第{i}号问题用地手续未办结", "濮阳县智慧物流园", "2026-11-20", "1"]);
            return batch.SaveAsync(CancellationToken.None);
        });
        await using var sink = new WebhookSink();
        var county = await OrgAsync("濮阳县");
        var settings = Pushing(WeCom(sink, county, "each"), WeCom(sink, county, "daily", digest: true, at: "08:00"));
        settings.PushMessagesPerRound = 3;

        (await PushAsync(settings)).ShouldBe(6, App.Logs.ToString());
        App.Clock.Advance(TimeSpan.FromMinutes(1));
        var rounds = 1;
        while (await PushAsync(settings) > 0) { rounds++; App.Clock.Advance(TimeSpan.FromMinutes(1)); }

        var each = sink.Received.Where(r => r.QueryValue("key") == "each").Select(Content).ToList();
        each.ShouldAllBe(c => Encoding.UTF8.GetByteCount(c) <= 4096);
        Enumerable.Range(0, 300).ShouldAllBe(i => each.Count(c => c.Contains($"(https://xm.example.gov.cn/problems/{i})", StringComparison.Ordinal)) == 1);
        each.Count.ShouldBeLessThanOrEqualTo(rounds * 3);
        var daily = sink.Received.Where(r => r.QueryValue("key") == "daily").Select(Content).ToList();
        daily.Count.ShouldBe(3);
        daily.ShouldAllBe(c => Encoding.UTF8.GetByteCount(c) <= 4096);
        daily[^1].ShouldMatch(@"另有 \d+ 项，请登录平台查看。");
        daily[0].ShouldContain("300 项到期或逾期事项");
    }

    [Fact]
    public async Task SettingsPage_SavesTheMobileNumberForSms_Audited_AndRefusesOneThatIsNot()
    {
        await CountyUserAsync();
        using var browser = await App.LoginAsync("pyx");

        var bad = await browser.PostFormAsync("/notices", "/notices/settings",
            new Dictionary<string, string> { ["email"] = "", ["mode"] = "None", ["digestAt"] = "08:00", ["phone"] = "0393-1234567" });
        bad.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        bad.Text("[data-field-error=Phone]").ShouldBe("请输入 11 位手机号码。");
        var saved = await browser.PostFormAsync("/notices", "/notices/settings",
            new Dictionary<string, string> { ["email"] = "", ["mode"] = "None", ["digestAt"] = "08:00", ["phone"] = "+86 138 0000 0000" });

        saved.Url.ShouldBe("/notices?done=saved");
        saved.One("#phone")!.GetAttribute("value").ShouldBe("13800000000");
        var (phone, audited) = await App.WithServicesAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            return (await db.Users.Where(u => u.UserName == "pyx").Select(u => u.PhoneNumber).SingleAsync(),
                await db.AuditEntries.CountAsync(a => a.EntityKey == "pyx" && a.Changes.Contains("PhoneNumber")));
        });
        phone.ShouldBe("13800000000");
        audited.ShouldBe(1);
    }

    private Task SetPhoneAsync(string userId, string phone) => App.WithServicesAsync(async sp =>
    {
        var db = sp.GetRequiredService<AppDbContext>();
        (await db.Users.SingleAsync(u => u.Id == userId)).PhoneNumber = phone;
        await db.SaveChangesAsync();
    });
}

public sealed class NoticePushTestsSqlite : NoticePushTests<SqliteTestDatabase>;

public sealed class NoticePushTestsPostgres : NoticePushTests<PostgresTestDatabase>;
