using System.Net;
using KeyProjects.Domain.Access;
using KeyProjects.Domain.Notices;
using KeyProjects.Web.Data;
using KeyProjects.Web.Features.Notices;
using KeyProjects.Web.Infrastructure;
using KeyProjects.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace KeyProjects.Web.Tests.Notices;

public abstract class NoticeTests<TDb> : AppTest<TDb> where TDb : TestDatabase, new()
{
    private async Task<(string Staff, string Other)> UsersAsync()
    {
        await App.CreateUserAsync("pyx", Role.Staff, "濮阳县");
        await App.CreateUserAsync("nl", Role.Staff, "南乐县");
        return (await IdAsync("pyx"), await IdAsync("nl"));
    }

    private Task<string> IdAsync(string userName) =>
        App.WithServicesAsync(sp => sp.GetRequiredService<AppDbContext>().Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());

    private Task<int> NotifyAsync(IEnumerable<string> users, NoticeKind kind, string key, params string[] args) =>
        App.WithServicesAsync(sp => sp.GetRequiredService<NoticeService>().NotifyAsync(users, kind, key, "/projects", args));

    private Task<int> CountAsync() => App.WithServicesAsync(sp => sp.GetRequiredService<AppDbContext>().Notices.CountAsync());

    [Fact]
    public async Task Notify_RunRepeatedlyAndConcurrently_MakesEachNoticeOncePerRecipient()
    {
        var (staff, other) = await UsersAsync();

        var created = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            NotifyAsync([staff, other, staff], NoticeKind.ProblemOverdue, "problem:42:overdue", "用电手续", "物流园", "2026-11-20", "2")));

        created.Sum().ShouldBe(2);
        (await NotifyAsync([staff], NoticeKind.ProblemOverdue, "problem:42:overdue", "x")).ShouldBe(0);
        (await NotifyAsync([staff], NoticeKind.ProblemOverdue, "problem:42:overdue:day2", "x")).ShouldBe(1);
        (await CountAsync()).ShouldBe(3);
    }

    [Fact]
    public async Task Notify_JoinsTheCallersUnitOfWork_AndADuplicateDoesNotSpoilIt()
    {
        var (staff, _) = await UsersAsync();
        await NotifyAsync([staff], NoticeKind.TaskDueSoon, "task:1", "周调度会材料", "2026-11-24");

        await App.WithServicesAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var notices = sp.GetRequiredService<NoticeService>();
            await using var tx = await db.UnitOfWorkAsync(CancellationToken.None);
            (await notices.NotifyAsync([staff], NoticeKind.TaskDueSoon, "task:1", "/projects", ["x"])).ShouldBe(0); // already there
            (await notices.NotifyAsync([staff], NoticeKind.TaskDueSoon, "task:2", "/projects", ["y"])).ShouldBe(1);
            // the caller rolls back: the new notice goes with it
        });
        (await CountAsync()).ShouldBe(1);

        await App.WithServicesAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            await using var tx = await db.UnitOfWorkAsync(CancellationToken.None);
            await sp.GetRequiredService<NoticeService>().NotifyAsync([staff], NoticeKind.TaskDueSoon, "task:1", "/projects", ["x"]);
            await sp.GetRequiredService<NoticeService>().NotifyAsync([staff], NoticeKind.TaskDueSoon, "task:2", "/projects", ["y"]);
            await tx.CommitAsync(CancellationToken.None);
        });
        (await CountAsync()).ShouldBe(2);
    }

    [Fact]
    public async Task Users_WithARole_AtAnOrganisationOrInItsSubtree()
    {
        var (staff, other) = await UsersAsync();
        await App.CreateUserAsync("py", Role.Staff, "濮阳市");
        await App.CreateUserAsync("pyx.v", Role.Viewer, "濮阳县");
        var city = await OrgAsync("濮阳市");

        var (own, tree) = await App.WithServicesAsync(async sp =>
        {
            var n = sp.GetRequiredService<NoticeService>();
            return (await n.UsersAsync(Role.Staff, city), await n.UsersAsync(Role.Staff, city, subtree: true));
        });

        own.ShouldBe([await IdAsync("py")]);
        tree.ShouldBe(new[] { await IdAsync("py"), staff, other }, ignoreOrder: true);
    }

    [Fact]
    public async Task Inbox_ApiWordsNoticesInTheReadersLanguage_UnreadFirst_AndOnlyTheirOwn()
    {
        var (staff, other) = await UsersAsync();
        await NotifyAsync([staff], NoticeKind.ProblemOverdue, "p1", "用电手续未办结", "物流园", "2026-11-20", "2");
        await NotifyAsync([staff], NoticeKind.VisitShortfall, "v1", "张振华", "2026-11", "1");
        await NotifyAsync([other], NoticeKind.TaskOverdue, "t1", "材料", "2026-11-20", "2");
        var client = await App.ApiClientAsync("pyx");

        var list = await (await client.GetAsync("/api/v1/notices")).JsonAsync();
        list.EnumerateArray().Select(n => n.Str("title")).ShouldBe(["督导走访未达标：张振华", "问题已逾期：用电手续未办结"]);
        list[1].Str("body").ShouldBe("物流园：“用电手续未办结”应于 2026-11-20 办结，已逾期 2 个工作日。");
        var first = list[1].GetProperty("id").GetInt64();
        (await client.PostAsync($"/api/v1/notices/{first}/read", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var theirs = await App.WithServicesAsync(sp => sp.GetRequiredService<AppDbContext>().Notices.Where(n => n.RecipientId == other).Select(n => n.Id).SingleAsync());
        (await client.PostAsync($"/api/v1/notices/{theirs}/read", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var english = await (await client.GetAsync("/api/v1/notices")).JsonAsync();
        english.EnumerateArray().Select(n => n.Str("title")).ShouldBe(["Visits short: 张振华", "Problem overdue: 用电手续未办结"]);
        english[1].GetProperty("readAtUtc").ValueKind.ShouldNotBe(System.Text.Json.JsonValueKind.Null);
        var unread = await (await client.GetAsync("/api/v1/notices?unread=true")).JsonAsync();
        unread.GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task InboxPage_ShowsTheUnreadBadge_OpensANotice_AndMarksAllRead()
    {
        var (staff, _) = await UsersAsync();
        await NotifyAsync([staff], NoticeKind.ProblemAssigned, "a1", "施工便道未硬化", "物流园", "2026-11-30");
        await NotifyAsync([staff], NoticeKind.ProblemEscalated, "e1", "环评批复", "物流园", "市级");
        using var browser = await App.LoginAsync("pyx");

        var page = await browser.GetAsync("/notices");
        page.Text("[data-testid=unread-count]").ShouldBe("2");
        page.All("[data-testid=notice][data-read=false]").Count.ShouldBe(2);
        var opened = await browser.GetAsync(page.All("[data-testid=notice-title]")[1].GetAttribute("href")!);
        opened.Url.ShouldBe("/projects");
        opened.Text("[data-testid=unread-count]").ShouldBe("1");

        var after = await browser.PostFormAsync("/notices", "/notices/read-all", new Dictionary<string, string>());
        after.Status.ShouldBe(HttpStatusCode.OK);
        after.One("[data-testid=unread-count]").ShouldBeNull();
        after.All("[data-testid=notice][data-read=true]").Count.ShouldBe(2);
    }

    [Fact]
    public async Task Settings_AnEmailIsNeededForEmail_AndABadAddressIsRefused()
    {
        await UsersAsync();
        using var browser = await App.LoginAsync("pyx");

        var refused = await browser.PostFormAsync("/notices", "/notices/settings", new Dictionary<string, string> { ["email"] = "", ["mode"] = "Immediate", ["digestAt"] = "08:00" });
        refused.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        refused.Text("[data-field-error=Email]").ShouldBe("要接收邮件，请先填写电子邮箱。");
        var bad = await browser.PostFormAsync("/notices", "/notices/settings", new Dictionary<string, string> { ["email"] = "not-an-address", ["mode"] = "Digest", ["digestAt"] = "08:00" });
        bad.Text("[data-field-error=Email]").ShouldBe("请输入有效的电子邮箱地址。");
        var saved = await browser.PostFormAsync("/notices", "/notices/settings", new Dictionary<string, string> { ["email"] = "pyx@example.com", ["mode"] = "Immediate", ["digestAt"] = "07:30" });
        saved.Url.ShouldBe("/notices?done=saved");
        saved.One("#email")!.GetAttribute("value").ShouldBe("pyx@example.com");
        saved.One("#mode option[selected]")!.GetAttribute("value").ShouldBe("Immediate");
    }

    private Task<int> SendAsync(int port, string? security = null, string? thumbprint = null) => App.WithServicesAsync(sp =>
    {
        var options = Options.Create(new NoticeOptions
        {
            BaseUrl = "https://xm.example.gov.cn",
            Smtp = { Host = "127.0.0.1", Port = port, From = "noreply@example.gov.cn", Security = security, TrustedCertificateThumbprint = thumbprint },
        });
        var mailer = new NoticeMailer(sp.GetRequiredService<AppDbContext>(), App.Clock, sp.GetRequiredService<UiText>(), options, NullLogger<NoticeMailer>.Instance);
        return mailer.SendDueAsync();
    });

    private Task SetEmailAsync(string userId, string email, EmailMode mode) => App.WithServicesAsync(async sp =>
    {
        var db = sp.GetRequiredService<AppDbContext>();
        var user = await db.Users.SingleAsync(u => u.Id == userId);
        var actor = new Actor { UserId = userId, UserName = user.UserName!, Role = user.Role, OrgId = user.OrgId, OrgPath = "/" };
        (await sp.GetRequiredService<NoticeService>().SaveSettingsAsync(actor, email, mode, new TimeOnly(8, 0))).Succeeded.ShouldBeTrue();
    });

    [Fact]
    public async Task Email_Immediate_SendsWhatIsDueOnce_ThroughARealSmtpServer_AndNotAssignments()
    {
        var (staff, _) = await UsersAsync();
        await SetEmailAsync(staff, "pyx@example.com", EmailMode.Immediate);
        await NotifyAsync([staff], NoticeKind.ProblemOverdue, "p1", "用电手续未办结", "物流园", "2026-11-20", "2");
        await NotifyAsync([staff], NoticeKind.ProblemAssigned, "a1", "施工便道未硬化", "物流园", "2026-11-30");
        await using var smtp = new SmtpSink();

        var sent = await Task.WhenAll(SendAsync(smtp.Port), SendAsync(smtp.Port), SendAsync(smtp.Port)); // three servers at once

        sent.Sum().ShouldBe(1);
        var mail = smtp.Received.ShouldHaveSingleItem();
        mail.To.ShouldBe(["pyx@example.com"]);
        mail.Body.ShouldContain("问题已逾期：用电手续未办结");
        mail.Body.ShouldContain("https://xm.example.gov.cn/projects");
        (await SendAsync(smtp.Port)).ShouldBe(0);
        smtp.Received.Count.ShouldBe(1);
    }

    /// <summary>Issue 12, point 16: TLS from the first byte (port 465) and STARTTLS (587), to a relay whose own certificate is pinned.</summary>
    [Theory]
    [InlineData("SslOnConnect", true)]
    [InlineData("StartTls", false)]
    public async Task Email_GoesOverTls_FromTheFirstByteOrAfterStartTls_ToAPinnedCertificate(string security, bool implicitTls)
    {
        var (staff, _) = await UsersAsync();
        await SetEmailAsync(staff, "pyx@example.com", EmailMode.Immediate);
        await NotifyAsync([staff], NoticeKind.ProblemOverdue, "p1", "用电手续未办结", "物流园", "2026-11-20", "2");
        using var certificate = SelfSigned();
        await using var smtp = new SmtpSink(certificate, implicitTls);

        (await SendAsync(smtp.Port, security, thumbprint: "00 11 22")).ShouldBe(0, "a certificate nobody vouches for and nobody pinned is refused");
        smtp.Received.ShouldBeEmpty();
        (await SendAsync(smtp.Port, security, certificate.Thumbprint)).ShouldBe(1);

        var mail = smtp.Received.ShouldHaveSingleItem();
        mail.OverTls.ShouldBeTrue();
        mail.Body.ShouldContain("问题已逾期：用电手续未办结");
    }

    private static System.Security.Cryptography.X509Certificates.X509Certificate2 SelfSigned()
    {
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=127.0.0.1", rsa,
            System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        using var made = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        // Through PKCS#12 so that the private key can serve TLS on Linux.
        return System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12(made.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pfx), null);
    }

    [Fact]
    public async Task Email_DailyDigest_ByDefault_OneMailAtTheUsersTime_OnceADay()
    {
        var (staff, _) = await UsersAsync();
        await App.WithServicesAsync(async sp =>
        {
            var user = await sp.GetRequiredService<AppDbContext>().Users.SingleAsync(u => u.Id == staff);
            user.Email = "pyx@example.com";
            await sp.GetRequiredService<AppDbContext>().SaveChangesAsync();
        });
        App.Clock.Set(new DateTimeOffset(2026, 11, 22, 7, 30, 0, TimeSpan.FromHours(8)));
        await NotifyAsync([staff], NoticeKind.ProblemOverdue, "p1", "用电手续未办结", "物流园", "2026-11-20", "2");
        await NotifyAsync([staff], NoticeKind.TaskDueSoon, "t1", "周调度会材料", "2026-11-24");
        await using var smtp = new SmtpSink();

        (await SendAsync(smtp.Port)).ShouldBe(0); // before 08:00
        App.Clock.Set(new DateTimeOffset(2026, 11, 22, 8, 5, 0, TimeSpan.FromHours(8)));
        (await Task.WhenAll(SendAsync(smtp.Port), SendAsync(smtp.Port))).Sum().ShouldBe(1);
        await NotifyAsync([staff], NoticeKind.TaskOverdue, "t2", "材料", "2026-11-21", "1");
        (await SendAsync(smtp.Port)).ShouldBe(0); // today's digest went out; this one waits for tomorrow

        var mail = smtp.Received.ShouldHaveSingleItem();
        mail.Body.ShouldContain("问题已逾期：用电手续未办结");
        mail.Body.ShouldContain("任务即将到期：周调度会材料");
        App.Clock.Set(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.FromHours(8)));
        (await SendAsync(smtp.Port)).ShouldBe(1);
        smtp.Received.Last().Body.ShouldContain("任务已逾期：材料");
    }

    [Fact]
    public void EveryKind_HasATitleAndABody_InBothLanguages()
    {
        var text = new UiText();
        foreach (var kind in Enum.GetValues<NoticeKind>())
        {
            text.Has(NoticeService.TitleKey(kind)).ShouldBeTrue(kind.ToString());
            text.Has(NoticeService.BodyKey(kind)).ShouldBeTrue(kind.ToString());
        }
    }
}

public sealed class NoticeTestsSqlite : NoticeTests<SqliteTestDatabase>;

public sealed class NoticeTestsPostgres : NoticeTests<PostgresTestDatabase>;
