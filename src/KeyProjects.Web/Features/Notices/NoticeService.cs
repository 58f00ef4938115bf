using System.Globalization;
using System.Text.Json;
using KeyProjects.Domain.Access;
using KeyProjects.Domain.Common;
using KeyProjects.Domain.Notices;
using KeyProjects.Web.Data;
using KeyProjects.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KeyProjects.Web.Features.Notices;

/// <summary>A notice as the inbox shows it, worded in the reader's language.</summary>
public sealed record NoticeView(long Id, NoticeKind Kind, string Title, string Body, string Link, DateTime CreatedAtUtc, DateTime? ReadAtUtc)
{
    public bool IsRead => ReadAtUtc is not null;
}

/// <summary>A user's e-mail settings and mobile number (for SMS) as the inbox page edits them.</summary>
public sealed record NoticeSettings(string? Email, EmailMode Mode, TimeOnly DigestAt, bool SmtpEnabled, string? Phone = null);

/// <summary>
/// The in-app inbox and what other features call to notify people. <see cref="NotifyAsync"/> is idempotent per
/// (recipient, dedupe key) and safe when several servers run the same sweep at once; it joins the caller's unit of work.
/// </summary>
public sealed class NoticeService(AppDbContext db, TimeProvider clock, UiText text, IOptions<NoticeOptions> options)
{
    public const int InboxSize = 200;

    /// <summary>
    /// Creates one notice per recipient unless that recipient already has one with <paramref name="dedupeKey"/> (e.g.
    /// "problem:42:overdue:2026-11-22"). Inside the caller's transaction if there is one (it is then committed or rolled
    /// back with the caller's change), else in its own. Returns how many notices were new.
    /// </summary>
    public async Task<int> NotifyAsync(IEnumerable<string> userIds, NoticeKind kind, string dedupeKey, string link, IReadOnlyList<string> args,
        CancellationToken ct = default)
    {
        var (recipients, json) = Prepare(userIds, dedupeKey, link, args);
        if (recipients.Count == 0) return 0;
        var now = clock.GetUtcNow().UtcDateTime;
        var k = (int)kind;
        var created = 0;
        await using var tx = await db.UnitOfWorkAsync(ct);
        // ON CONFLICT DO NOTHING rather than catching the unique violation: on PostgreSQL a failed statement would abort
        // the caller's whole transaction. Both providers speak this (SQLite ≥ 3.24).
        foreach (var user in recipients)
            created += await db.Database.ExecuteSqlAsync(
                $"""INSERT INTO "Notices" ("RecipientId", "Kind", "Args", "Link", "DedupeKey", "CreatedAtUtc") VALUES ({user}, {k}, {json}, {link}, {dedupeKey}, {now}) ON CONFLICT ("RecipientId", "DedupeKey") DO NOTHING""",
                ct);
        await tx.CommitAsync(ct);
        return created;
    }

    /// <summary>
    /// Notices about something created in the caller's transaction (a new problem): no notice can have its key yet, so they
    /// are added to the context and written by the caller's next SaveChanges, in the same batch as its other rows, instead
    /// of a statement each with ON CONFLICT (docs/PERFORMANCE.md, issue 4).
    /// </summary>
    public void AddNew(IEnumerable<string> userIds, NoticeKind kind, string dedupeKey, string link, IReadOnlyList<string> args)
    {
        var (recipients, json) = Prepare(userIds, dedupeKey, link, args);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var user in recipients)
            db.Add(new Notice { RecipientId = user, Kind = kind, Args = json, Link = link, DedupeKey = dedupeKey, CreatedAtUtc = now });
    }

    /// <summary>The checks every writer of notices makes, and the distinct recipients with the arguments as JSON.</summary>
    internal static (List<string> Recipients, string Json) Prepare(IEnumerable<string> userIds, string dedupeKey, string link, IReadOnlyList<string> args)
    {
        if (string.IsNullOrWhiteSpace(dedupeKey) || dedupeKey.Length > NoticeRules.MaxDedupeKeyLength)
            throw new ArgumentException($"A dedupe key of 1 to {NoticeRules.MaxDedupeKeyLength} characters is required.", nameof(dedupeKey));
        if (!NoticeRules.IsLocalLink(link)) throw new ArgumentException("A notice links to a path of this site.", nameof(link));
        return (userIds.Where(u => !string.IsNullOrEmpty(u)).Distinct(StringComparer.Ordinal).ToList(), JsonSerializer.Serialize(args));
    }

    /// <summary>A batch for many notices at once (<see cref="NoticeBatch"/>), written by its SaveAsync.</summary>
    public NoticeBatch Batch() => new(db, clock);

    /// <summary>Active users with a role at an organisation, or anywhere in its subtree: the usual recipients.</summary>
    public async Task<IReadOnlyList<string>> UsersAsync(Role role, int orgId, bool subtree = false, CancellationToken ct = default)
    {
        if (!subtree) return await db.Users.AsNoTracking().Where(u => u.IsActive && u.Role == role && u.OrgId == orgId).OrderBy(u => u.Id).Select(u => u.Id).ToListAsync(ct);
        var path = await db.Organisations.Where(o => o.Id == orgId).Select(o => o.Path).SingleOrDefaultAsync(ct);
        return path is null ? [] : await UsersUnderAsync(role, path, ct);
    }

    /// <summary>Active users with a role anywhere in the subtree at <paramref name="path"/>.</summary>
    private async Task<IReadOnlyList<string>> UsersUnderAsync(Role role, string path, CancellationToken ct) =>
        await db.Users.AsNoTracking().Where(u => u.IsActive && u.Role == role).Where(new Subtree(path).Holding<Users.AppUser>(u => u.Org!.Path)).OrderBy(u => u.Id).Select(u => u.Id).ToListAsync(ct);

    /// <summary>
    /// Active users with a role at any of the given organisations (a subtree the caller has from the registry's
    /// snapshot): the users' organisation index, where a path prefix would have SQLite read every user.
    /// </summary>
    public async Task<IReadOnlyList<string>> UsersAtAsync(Role role, IReadOnlyCollection<int> orgIds, CancellationToken ct = default) =>
        await db.Users.AsNoTracking().Where(u => u.IsActive && u.Role == role && orgIds.Contains(u.OrgId)).OrderBy(u => u.Id).Select(u => u.Id).ToListAsync(ct);

    /// <summary>The badge: one indexed count.</summary>
    public Task<int> UnreadCountAsync(string userId, CancellationToken ct = default) =>
        db.Notices.CountAsync(n => n.RecipientId == userId && n.ReadAtUtc == null, ct);

    /// <summary>The caller's notices, unread first, newest first within each; the latest <see cref="InboxSize"/>.</summary>
    public async Task<IReadOnlyList<NoticeView>> InboxAsync(Actor actor, bool unreadOnly = false, CancellationToken ct = default)
    {
        var q = db.Notices.AsNoTracking().Where(n => n.RecipientId == actor.UserId);
        if (unreadOnly) q = q.Where(n => n.ReadAtUtc == null);
        var rows = await q.OrderBy(n => n.ReadAtUtc == null ? 0 : 1).ThenByDescending(n => n.Id).Take(InboxSize).ToListAsync(ct);
        return rows.Select(View).ToList();
    }

    public NoticeView View(Notice n)
    {
        var args = Arguments(n);
        return new NoticeView(n.Id, n.Kind, text.Format(TitleKey(n.Kind), args), text.Format(BodyKey(n.Kind), args), n.Link, n.CreatedAtUtc, n.ReadAtUtc);
    }

    public static string TitleKey(NoticeKind kind) => $"Notice.{kind}.Title";

    public static string BodyKey(NoticeKind kind) => $"Notice.{kind}.Body";

    private static object?[] Arguments(Notice n)
    {
        try { return [.. JsonSerializer.Deserialize<string[]>(n.Args) ?? []]; }
        catch (JsonException) { return []; }
    }

    /// <summary>Marks one of the caller's notices read (again is fine); someone else's does not exist for them.</summary>
    public async Task<Result<NoticeView>> MarkReadAsync(Actor actor, long id, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Notices.Where(n => n.Id == id && n.RecipientId == actor.UserId && n.ReadAtUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAtUtc, now), ct);
        var notice = await db.Notices.AsNoTracking().SingleOrDefaultAsync(n => n.Id == id && n.RecipientId == actor.UserId, ct);
        return notice is null ? Result<NoticeView>.Fail(new NotFound("Notice", id.ToString(CultureInfo.InvariantCulture))) : View(notice);
    }

    public Task<int> MarkAllReadAsync(Actor actor, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.Notices.Where(n => n.RecipientId == actor.UserId && n.ReadAtUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAtUtc, now), ct);
    }

    public async Task<NoticeSettings> SettingsAsync(Actor actor, CancellationToken ct = default)
    {
        var user = await db.Users.AsNoTracking().Where(u => u.Id == actor.UserId).Select(u => new { u.Email, u.PhoneNumber }).SingleOrDefaultAsync(ct);
        var pref = await db.NoticePreferences.AsNoTracking().SingleOrDefaultAsync(p => p.UserId == actor.UserId, ct);
        return new NoticeSettings(user?.Email, pref?.Email ?? options.Value.DefaultEmail, pref?.DigestAt ?? NoticeRules.DefaultDigestTime, options.Value.Smtp.Enabled,
            user?.PhoneNumber);
    }

    /// <summary>
    /// The caller's e-mail address and choice, and their mobile number for SMS (<paramref name="phone"/> null: left as it
    /// is; empty: removed). An address is needed for any e-mail.
    /// </summary>
    public async Task<Result<NoticeSettings>> SaveSettingsAsync(Actor actor, string? email, EmailMode mode, TimeOnly digestAt, string? phone = null,
        CancellationToken ct = default)
    {
        var address = string.IsNullOrWhiteSpace(email) ? null : email.Trim();
        if (address is not null && (address.Length > 256 || !System.Net.Mail.MailAddress.TryCreate(address, out _)))
            return Result<NoticeSettings>.Fail(new FieldInvalid("Email", "Error.Notice.EmailInvalid"));
        var mobile = string.IsNullOrWhiteSpace(phone) ? null : NoticeRules.MobileNumber(phone);
        if (!string.IsNullOrWhiteSpace(phone) && mobile is null) return Result<NoticeSettings>.Fail(new FieldInvalid("Phone", "Error.Notice.PhoneInvalid"));
        if (!Enum.IsDefined(mode)) return Result<NoticeSettings>.Fail(new FieldInvalid("Mode", "Error.ValueUnknown"));
        if (mode != EmailMode.None && address is null) return Result<NoticeSettings>.Fail(new FieldInvalid("Email", "Error.Notice.EmailRequired"));
        var user = await db.Users.SingleAsync(u => u.Id == actor.UserId, ct);
        var pref = await db.NoticePreferences.SingleOrDefaultAsync(p => p.UserId == actor.UserId, ct);
        if (pref is null) db.Add(pref = new NoticePreference { UserId = actor.UserId });
        pref.Email = mode;
        pref.DigestAt = digestAt;
        var before = user.Email;
        var emailChanged = !string.Equals(before, address, StringComparison.Ordinal);
        if (emailChanged)
        {
            user.Email = address;
            user.NormalizedEmail = address?.ToUpperInvariant();
            user.EmailConfirmed = false;
        }
        var phoneBefore = user.PhoneNumber;
        var phoneChanged = phone is not null && !string.Equals(phoneBefore, mobile, StringComparison.Ordinal);
        if (phoneChanged)
        {
            user.PhoneNumber = mobile;
            user.PhoneNumberConfirmed = false;
        }
        await using var tx = await db.UnitOfWorkAsync(ct);
        if (emailChanged || phoneChanged)
        {
            var (was, now) = (new Dictionary<string, string?>(), new Dictionary<string, string?>());
            if (emailChanged) (was["Email"], now["Email"]) = (before, address);
            if (phoneChanged) (was["PhoneNumber"], now["PhoneNumber"]) = (phoneBefore, mobile);
            Audit.AuditLog.Add(db, clock, actor, Users.UserService.AuditType, actor.UserName, actor.OrgPath, Audit.AuditAction.Updated, Audit.AuditLog.Diff(was, now));
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new NoticeSettings(address, mode, digestAt, options.Value.Smtp.Enabled, user.PhoneNumber);
    }
}
