using System.Globalization;
using System.Text;
using KeyProjects.Domain.Notices;
using KeyProjects.Web.Data;
using KeyProjects.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KeyProjects.Web.Features.Notices;

/// <summary>
/// Sends the e-mail that is due: each pending notice at once for users who chose that, or one digest a day at their
/// time. Safe on several servers: a server claims notice rows (a conditional update of rows nobody holds) and a user's
/// digest day (a conditional update of the day) before it sends, so no mail goes out twice. A failed send releases its
/// claim and is tried again on the next round. E-mails are worded in Chinese, the language of the system's users.
/// </summary>
public sealed class NoticeMailer(AppDbContext db, TimeProvider clock, UiText text, IOptions<NoticeOptions> options, ILogger<NoticeMailer> log)
{
    /// <summary>A claim older than this is taken to belong to a server that died while sending.</summary>
    public static readonly TimeSpan ClaimTimeout = TimeSpan.FromMinutes(10);

    private NoticeOptions Settings => options.Value;

    /// <summary>One round; returns the number of e-mails sent.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct = default)
    {
        if (!Settings.Smtp.Enabled) return 0;
        var now = clock.GetUtcNow().UtcDateTime;
        var oldest = now.AddHours(-Math.Max(1, Settings.MaxEmailAgeHours));
        var emailed = Enum.GetValues<NoticeKind>().Where(NoticeRules.IsEmailed).ToList();
        var pending = await db.Notices.AsNoTracking()
            .Where(n => n.EmailedAtUtc == null && n.CreatedAtUtc >= oldest && emailed.Contains(n.Kind))
            .Select(n => n.RecipientId).Distinct().ToListAsync(ct);
        if (pending.Count == 0) return 0;
        var users = await db.Users.AsNoTracking().Where(u => pending.Contains(u.Id) && u.IsActive && u.Email != null)
            .Select(u => new { u.Id, u.Email }).ToListAsync(ct);
        var prefs = await db.NoticePreferences.AsNoTracking().Where(p => pending.Contains(p.UserId)).ToDictionaryAsync(p => p.UserId, ct);
        var nowChina = TimeZoneInfo.ConvertTimeFromUtc(now, Display.ChinaTime);
        var today = DateOnly.FromDateTime(nowChina);
        var sent = 0;
        foreach (var user in users)
        {
            var pref = prefs.GetValueOrDefault(user.Id);
            var mode = pref?.Email ?? Settings.DefaultEmail;
            if (mode == EmailMode.Immediate)
                sent += await SendEachAsync(user.Id, user.Email!, oldest, emailed, now, ct);
            else if (mode == EmailMode.Digest
                     && NoticeRules.DigestDue(nowChina, pref?.DigestAt ?? NoticeRules.DefaultDigestTime, pref?.LastDigestOn)
                     && await ClaimDigestDayAsync(user.Id, today, ct))
                sent += await SendDigestAsync(user.Id, user.Email!, oldest, emailed, now, ct);
        }
        return sent;
    }

    private async Task<int> SendEachAsync(string userId, string email, DateTime oldest, List<NoticeKind> kinds, DateTime now, CancellationToken ct)
    {
        var claimed = await ClaimAsync(userId, oldest, kinds, now, ct);
        var sent = 0;
        foreach (var n in claimed)
        {
            var view = View(n);
            if (await TrySendAsync(email, view.Title, Body([view]), ct)) { await DoneAsync([n.Id], now, ct); sent++; }
            else await ReleaseAsync([n.Id], ct);
        }
        return sent;
    }

    private async Task<int> SendDigestAsync(string userId, string email, DateTime oldest, List<NoticeKind> kinds, DateTime now, CancellationToken ct)
    {
        var claimed = await ClaimAsync(userId, oldest, kinds, now, ct);
        if (claimed.Count == 0) return 0;
        var ids = claimed.Select(n => n.Id).ToList();
        var subject = Zh(() => text.Format("Notice.Email.DigestSubject", claimed.Count));
        if (await TrySendAsync(email, subject, Body(claimed.Select(View).ToList()), ct)) { await DoneAsync(ids, now, ct); return 1; }
        await ReleaseAsync(ids, ct);
        return 0;
    }

    /// <summary>Takes the user's pending rows that no other server holds (or whose holder timed out), and returns them.</summary>
    private async Task<List<Notice>> ClaimAsync(string userId, DateTime oldest, List<NoticeKind> kinds, DateTime now, CancellationToken ct)
    {
        var token = Guid.NewGuid().ToString("N");
        var stale = now - ClaimTimeout;
        await db.Notices
            .Where(n => n.RecipientId == userId && n.EmailedAtUtc == null && n.CreatedAtUtc >= oldest && kinds.Contains(n.Kind)
                        && (n.EmailClaim == null || n.EmailClaimedAtUtc < stale))
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.EmailClaim, token).SetProperty(n => n.EmailClaimedAtUtc, now), ct);
        return await db.Notices.AsNoTracking().Where(n => n.EmailClaim == token && n.EmailedAtUtc == null).OrderBy(n => n.Id).ToListAsync(ct);
    }

    /// <summary>Today's digest of a user belongs to the server that moves the user's last digest date to today.</summary>
    private async Task<bool> ClaimDigestDayAsync(string userId, DateOnly today, CancellationToken ct)
    {
        // Users who never chose get the default row first; the same row inserted by another server meanwhile is no error.
        if (!await db.NoticePreferences.AnyAsync(p => p.UserId == userId, ct))
        {
            db.Add(new NoticePreference { UserId = userId, Email = EmailMode.Digest, DigestAt = NoticeRules.DefaultDigestTime });
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e)) { }
            finally { db.ChangeTracker.Clear(); }
        }
        return await db.NoticePreferences.Where(p => p.UserId == userId && (p.LastDigestOn == null || p.LastDigestOn < today))
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.LastDigestOn, today), ct) == 1;
    }

    private Task DoneAsync(List<long> ids, DateTime now, CancellationToken ct) =>
        db.Notices.Where(n => ids.Contains(n.Id)).ExecuteUpdateAsync(s => s.SetProperty(n => n.EmailedAtUtc, now), ct);

    private Task ReleaseAsync(List<long> ids, CancellationToken ct) =>
        db.Notices.Where(n => ids.Contains(n.Id) && n.EmailedAtUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.EmailClaim, (string?)null).SetProperty(n => n.EmailClaimedAtUtc, (DateTime?)null), ct);

    private NoticeView View(Notice n) => Zh(() => new NoticeService(db, clock, text, options).View(n));

    private string Body(IReadOnlyList<NoticeView> notices) => Zh(() =>
    {
        var b = new StringBuilder();
        foreach (var n in notices)
        {
            b.Append("■ ").AppendLine(n.Title);
            b.AppendLine(n.Body);
            b.AppendLine((Settings.BaseUrl?.TrimEnd('/') ?? "") + n.Link);
            b.AppendLine();
        }
        b.AppendLine(text.Get("Notice.Email.Footer"));
        return b.ToString();
    });

    private static T Zh<T>(Func<T> work)
    {
        var (culture, ui) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = UiText.Chinese;
        try { return work(); }
        finally { (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, ui); }
    }

    /// <summary>
    /// Sends one message through MailKit: TLS from the first byte (465) or STARTTLS (587) as configured, a login when
    /// the server wants one. A failure is logged and the notice tried again next round.
    /// </summary>
    private async Task<bool> TrySendAsync(string to, string subject, string body, CancellationToken ct)
    {
        var smtp = Settings.Smtp;
        try
        {
            using var message = new MimeKit.MimeMessage();
            message.From.Add(MimeKit.MailboxAddress.Parse(smtp.From!));
            message.To.Add(MimeKit.MailboxAddress.Parse(to));
            message.Subject = subject;
            message.Body = new MimeKit.TextPart(MimeKit.Text.TextFormat.Plain) { Text = body, ContentTransferEncoding = MimeKit.ContentEncoding.Base64 };
            using var client = new MailKit.Net.Smtp.SmtpClient { Timeout = 30_000 };
            if (smtp.TrustedCertificateThumbprint is { Length: > 0 } pinned)
                client.ServerCertificateValidationCallback = (_, certificate, _, errors) => errors == System.Net.Security.SslPolicyErrors.None
                    || (certificate is not null && string.Equals(certificate.GetCertHashString(), pinned.Replace(" ", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase));
            await client.ConnectAsync(smtp.Host!, smtp.Port, smtp.SocketOptions, ct);
            if (!string.IsNullOrEmpty(smtp.UserName)) await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", ct);
            await client.SendAsync(message, ct);
            await client.DisconnectAsync(quit: true, ct);
            return true;
        }
        catch (Exception e) when (e is MailKit.ProtocolException or MailKit.CommandException or MailKit.Security.AuthenticationException
            or MailKit.Security.SslHandshakeException or MimeKit.ParseException or IOException or System.Net.Sockets.SocketException
            or InvalidOperationException or FormatException or TimeoutException)
        {
            log.LogWarning("E-mail to {Recipient} failed; it will be tried again: {Reason}", to, e.Message);
            return false;
        }
    }
}
