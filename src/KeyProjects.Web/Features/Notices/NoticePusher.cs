using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using KeyProjects.Domain.Access;
using KeyProjects.Domain.Notices;
using KeyProjects.Web.Data;
using KeyProjects.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KeyProjects.Web.Features.Notices;

/// <summary>
/// Pushes what is due or overdue (<see cref="NoticeRules.IsPushed"/>) beyond the inbox and e-mail: to the WeCom and
/// DingTalk group robots of the organisations concerned, and by SMS through the gateway. The notices are the same ones
/// <see cref="NoticeService"/> made; each round first queues the new ones as <see cref="NoticePush"/> rows (one per item
/// and target), then sends what each target is due: at once, or once a day as a list. Safe on several servers (rows are
/// claimed before they are sent, as the mailer's); a failed send is logged without the address or secret and tried again
/// later, waiting longer each time, and nothing else waits for it. Messages are worded in Chinese.
/// </summary>
public sealed class NoticePusher(AppDbContext db, TimeProvider clock, UiText text, IOptions<NoticeOptions> options, IHttpClientFactory http,
    ILogger<NoticePusher> log)
{
    /// <summary>The named HttpClient, registered without its request logging (the robots' addresses carry their keys).</summary>
    public const string HttpClientName = "notice-push";

    /// <summary>WeCom's limit for a markdown message (DingTalk's is larger), in UTF-8 bytes.</summary>
    public const int RobotMaxBytes = 4096;

    public const int SmsMaxChars = 300;

    private const string SmsPrefix = "sms:";
    private const int QueueBatch = 5000;
    private static readonly TimeSpan MaxRetryWait = TimeSpan.FromHours(1);

    private NoticeOptions Settings => options.Value;

    /// <summary>A message to one target: what the robot shows as its title (DingTalk), the text, and the rows it carries.</summary>
    private sealed record Message(string Title, string Text, List<long> Ids);

    /// <summary>Where a target's messages go, how they are worded, and how many one round may send.</summary>
    private sealed record Channel(string Target, string Name, bool Digest, TimeOnly DigestAt, int MaxMessages,
        Func<IReadOnlyList<NoticeView>, int, int, (string Title, string Text)> Render, Func<string, int> Size, int MaxSize,
        Func<string, string, CancellationToken, Task<string?>> Send);

    /// <summary>One round: queue new notices, then send what is due; returns the number of messages sent.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct = default)
    {
        if (!Settings.PushEnabled) return 0;
        await QueueAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var targets = await db.NoticePushes.AsNoTracking().Where(p => p.SentAtUtc == null && (p.NextTryAtUtc == null || p.NextTryAtUtc <= now))
            .Select(p => p.Target).Distinct().ToListAsync(ct);
        var hooks = Settings.Webhooks.Where(w => w.Usable).GroupBy(w => w.Target).ToDictionary(g => g.Key, g => g.First());
        var sent = 0;
        foreach (var target in targets.Order(StringComparer.Ordinal))
        {
            if (hooks.TryGetValue(target, out var hook)) sent += await DeliverAsync(Robot(hook), now, ct);
            else if (target.StartsWith(SmsPrefix, StringComparison.Ordinal) && Settings.Sms.Enabled && await SmsAsync(target, ct) is { } sms)
                sent += await DeliverAsync(sms, now, ct);
            // A target no longer configured keeps its rows: configured again, it gets them.
        }
        return sent;
    }

    /// <summary>
    /// Turns the notices not yet looked at into rows per target: the groups of the recipient's organisation and of those
    /// above it, and the recipient's phone. Recipients of one item share its dedupe key, so the group gets it once.
    /// </summary>
    private async Task QueueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var oldest = now.AddHours(-Math.Max(1, Settings.MaxEmailAgeHours));
        var kinds = Enum.GetValues<NoticeKind>().Where(NoticeRules.IsPushed).ToList();
        var rows = await db.Notices.AsNoTracking().Where(n => n.PushedAtUtc == null && n.CreatedAtUtc >= oldest && kinds.Contains(n.Kind))
            .OrderBy(n => n.Id).Take(QueueBatch)
            .Select(n => new { n.Id, n.RecipientId, n.Kind, n.Args, n.Link, n.DedupeKey, n.CreatedAtUtc }).ToListAsync(ct);
        if (rows.Count == 0) return;
        var recipients = rows.Select(r => r.RecipientId).Distinct().ToList();
        var users = await db.Users.AsNoTracking().Where(u => recipients.Contains(u.Id))
            .Select(u => new { u.Id, u.IsActive, u.PhoneNumber, u.Org!.Path }).ToDictionaryAsync(u => u.Id, ct);
        var hooks = Settings.Webhooks.Where(w => w.Usable).ToList();
        var orgIds = hooks.Select(h => h.OrgId).Distinct().ToList();
        var paths = await db.Organisations.AsNoTracking().Where(o => orgIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Path, ct);
        var groups = hooks.Where(h => paths.ContainsKey(h.OrgId)).DistinctBy(h => h.Target).Select(h => (h.Target, Tree: new Subtree(paths[h.OrgId]))).ToList();
        await using var tx = await db.UnitOfWorkAsync(ct);
        foreach (var n in rows)
        {
            if (!users.TryGetValue(n.RecipientId, out var user)) continue;
            var to = groups.Where(g => g.Tree.Holds(user.Path)).Select(g => g.Target).ToList();
            if (Settings.Sms.Enabled && user.IsActive && !string.IsNullOrWhiteSpace(user.PhoneNumber)) to.Add(SmsPrefix + user.Id);
            var kind = (int)n.Kind;
            foreach (var target in to)
                await db.Database.ExecuteSqlAsync(
                    $"""INSERT INTO "NoticePushes" ("Target", "DedupeKey", "Kind", "Args", "Link", "CreatedAtUtc", "Attempts") VALUES ({target}, {n.DedupeKey}, {kind}, {n.Args}, {n.Link}, {n.CreatedAtUtc}, 0) ON CONFLICT ("Target", "DedupeKey") DO NOTHING""",
                    ct);
        }
        var ids = rows.Select(r => r.Id).ToList();
        await db.Notices.Where(n => ids.Contains(n.Id)).ExecuteUpdateAsync(s => s.SetProperty(n => n.PushedAtUtc, now), ct);
        await tx.CommitAsync(ct);
    }

    private async Task<int> DeliverAsync(Channel channel, DateTime now, CancellationToken ct)
    {
        if (channel.Digest && !await DigestDueAsync(channel, now, ct)) return 0;
        var claimed = await ClaimAsync(channel.Target, now, channel.Digest ? 2000 : 200, ct);
        if (claimed.Count == 0) return 0;
        var views = claimed.Select(View).ToList();
        var (messages, later) = Pack(channel, claimed, views);
        var sent = 0;
        foreach (var m in messages)
        {
            string? failure;
            try { failure = await channel.Send(m.Title, m.Text, ct); }
            catch (Exception e) when (e is HttpRequestException or JsonException or InvalidOperationException or NotSupportedException
                                          or TaskCanceledException && !ct.IsCancellationRequested)
            {
                failure = e is TaskCanceledException ? "timed out" : e.Message;
            }
            if (failure is null)
            {
                await db.NoticePushes.Where(p => m.Ids.Contains(p.Id)).ExecuteUpdateAsync(s => s.SetProperty(p => p.SentAtUtc, now), ct);
                sent++;
                continue;
            }
            var attempts = claimed.Where(p => m.Ids.Contains(p.Id)).Max(p => p.Attempts) + 1;
            var wait = TimeSpan.FromMinutes(Math.Min(MaxRetryWait.TotalMinutes, Math.Pow(2, Math.Min(attempts - 1, 10))));
            log.LogWarning("Push of {Count} item(s) to {Target} failed (attempt {Attempt}); it will be tried again after {Retry:yyyy-MM-dd HH:mm} UTC: {Reason}",
                m.Ids.Count, channel.Name, attempts, now + wait, failure);
            await db.NoticePushes.Where(p => m.Ids.Contains(p.Id) && p.SentAtUtc == null).ExecuteUpdateAsync(s => s
                .SetProperty(p => p.Claim, (string?)null).SetProperty(p => p.ClaimedAtUtc, (DateTime?)null)
                .SetProperty(p => p.Attempts, attempts).SetProperty(p => p.NextTryAtUtc, now + wait), ct);
        }
        if (later.Count > 0)
            await db.NoticePushes.Where(p => later.Contains(p.Id) && p.SentAtUtc == null)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.Claim, (string?)null).SetProperty(p => p.ClaimedAtUtc, (DateTime?)null), ct);
        return sent;
    }

    /// <summary>
    /// A daily target is due from its time until today's list went out; again while some of it failed and waits to be
    /// tried again. What comes later in the day waits for tomorrow's list.
    /// </summary>
    private async Task<bool> DigestDueAsync(Channel channel, DateTime now, CancellationToken ct)
    {
        var nowChina = TimeZoneInfo.ConvertTimeFromUtc(now, Display.ChinaTime);
        if (TimeOnly.FromDateTime(nowChina) < channel.DigestAt) return false;
        var since = TimeZoneInfo.ConvertTimeToUtc(DateOnly.FromDateTime(nowChina).ToDateTime(channel.DigestAt), Display.ChinaTime);
        var target = channel.Target;
        return !await db.NoticePushes.AnyAsync(p => p.Target == target && p.SentAtUtc >= since, ct)
               || await db.NoticePushes.AnyAsync(p => p.Target == target && p.SentAtUtc == null && p.Attempts > 0, ct);
    }

    /// <summary>Takes up to <paramref name="limit"/> of the target's rows that are due and that no other server holds.</summary>
    private async Task<List<NoticePush>> ClaimAsync(string target, DateTime now, int limit, CancellationToken ct)
    {
        var stale = now - NoticeMailer.ClaimTimeout;
        var candidates = await db.NoticePushes.AsNoTracking()
            .Where(p => p.Target == target && p.SentAtUtc == null && (p.NextTryAtUtc == null || p.NextTryAtUtc <= now) && (p.Claim == null || p.ClaimedAtUtc < stale))
            .OrderBy(p => p.Id).Take(limit).Select(p => p.Id).ToListAsync(ct);
        if (candidates.Count == 0) return [];
        var token = Guid.NewGuid().ToString("N");
        await db.NoticePushes.Where(p => candidates.Contains(p.Id) && p.SentAtUtc == null && (p.Claim == null || p.ClaimedAtUtc < stale))
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Claim, token).SetProperty(p => p.ClaimedAtUtc, now), ct);
        return await db.NoticePushes.AsNoTracking().Where(p => p.Claim == token && p.SentAtUtc == null).OrderBy(p => p.Id).ToListAsync(ct);
    }

    /// <summary>
    /// One message per item while they are few; else lists as long as the target takes, at most its number of messages a
    /// round. The rest waits for the next round, or, in a daily list, is counted in its last line (the inbox has them all).
    /// </summary>
    private static (List<Message> Messages, List<long> Later) Pack(Channel channel, List<NoticePush> rows, List<NoticeView> views)
    {
        var messages = new List<Message>();
        if (!channel.Digest && rows.Count <= channel.MaxMessages)
        {
            for (var i = 0; i < rows.Count; i++)
            {
                var (title, body) = channel.Render([views[i]], 0, 1);
                messages.Add(new Message(title, Fit(body, channel), [rows[i].Id]));
            }
            return (messages, []);
        }
        var next = 0;
        while (next < rows.Count && messages.Count < channel.MaxMessages)
        {
            var last = messages.Count == channel.MaxMessages - 1;
            var take = 1;
            // The longest run of items that fits, with room for the "N more" line on a daily list's last message.
            while (next + take < rows.Count)
            {
                var more = channel.Digest && last ? rows.Count - next - take - 1 : 0;
                if (channel.Size(channel.Render(views.GetRange(next, take + 1), more, rows.Count).Text) > channel.MaxSize) break;
                take++;
            }
            var rest = channel.Digest && last ? rows.Count - next - take : 0;
            var (title, body) = channel.Render(views.GetRange(next, take), rest, rows.Count);
            messages.Add(new Message(title, Fit(body, channel), rows.Skip(next).Take(take + rest).Select(r => r.Id).ToList()));
            next += take + rest;
        }
        return (messages, rows.Skip(next).Select(r => r.Id).ToList());
    }

    /// <summary>A single item longer than the target takes (a very long title) is cut.</summary>
    private static string Fit(string body, Channel channel)
    {
        if (channel.Size(body) <= channel.MaxSize) return body;
        var cut = body;
        while (cut.Length > 0 && channel.Size(cut + "…") > channel.MaxSize) cut = cut[..(cut.Length * 9 / 10)];
        return cut + "…";
    }

    private NoticeView View(NoticePush p) => Zh(() => new NoticeService(db, clock, text, options).View(new Notice
    {
        RecipientId = "", Kind = p.Kind, Args = p.Args, Link = p.Link, DedupeKey = p.DedupeKey, CreatedAtUtc = p.CreatedAtUtc,
    }));

    private string Url(NoticeView n) => (Settings.BaseUrl?.TrimEnd('/') ?? "") + n.Link;

    private Channel Robot(NoticeOptions.WebhookOptions hook) => new(hook.Target,
        $"{hook.Kind} group of organisation {hook.OrgId.ToString(CultureInfo.InvariantCulture)}", hook.Digest, DigestTime(hook.DigestAt),
        Math.Max(1, Settings.PushMessagesPerRound), RobotText, s => Encoding.UTF8.GetByteCount(s), RobotMaxBytes,
        (title, body, ct) => PostRobotAsync(hook, title, body, ct));

    /// <summary>One item as itself; a list under a title with the number of items of the round, all its messages.</summary>
    private (string Title, string Text) RobotText(IReadOnlyList<NoticeView> items, int more, int total) => Zh(() =>
    {
        var open = text.Get("Notice.Push.Open");
        if (items.Count == 1 && more == 0)
            return (items[0].Title, $"### {items[0].Title}\n{items[0].Body}\n[{open}]({Url(items[0])})");
        var title = text.Format("Notice.Push.DigestTitle", total);
        var b = new StringBuilder().Append("### ").Append(title).Append('\n');
        foreach (var n in items) b.Append("\n**").Append(n.Title).Append("**\n").Append(n.Body).Append(" [").Append(open).Append("](").Append(Url(n)).Append(")\n");
        if (more > 0) b.Append('\n').Append(text.Format("Notice.Push.More", more));
        return (title, b.ToString());
    });

    private async Task<string?> PostRobotAsync(NoticeOptions.WebhookOptions hook, string title, string body, CancellationToken ct)
    {
        var url = hook.Url!;
        object message;
        if (hook.Kind == NoticeOptions.RobotKind.DingTalk)
        {
            if (!string.IsNullOrEmpty(hook.Secret))
                url += (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + DingTalkSignature(hook.Secret, clock.GetUtcNow().ToUnixTimeMilliseconds());
            message = new { msgtype = "markdown", markdown = new { title, text = body } };
        }
        else message = new { msgtype = "markdown", markdown = new { content = body } };
        using var response = await http.CreateClient(HttpClientName).PostAsJsonAsync(url, message, ct);
        if (!response.IsSuccessStatusCode) return $"HTTP {(int)response.StatusCode}";
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        if (answer.ValueKind == JsonValueKind.Object && answer.TryGetProperty("errcode", out var code) && code.ValueKind == JsonValueKind.Number && code.GetInt32() == 0)
            return null;
        return $"answer {answer.GetRawText()}";
    }

    /// <summary>
    /// DingTalk's 加签: timestamp (ms) and base64(HMAC-SHA256(secret, timestamp + "\n" + secret)), URL-encoded; the robot
    /// refuses a timestamp more than an hour off.
    /// </summary>
    public static string DingTalkSignature(string secret, long timestampMs)
    {
        var timestamp = timestampMs.ToString(CultureInfo.InvariantCulture);
        var sign = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(timestamp + "\n" + secret)));
        return $"timestamp={timestamp}&sign={Uri.EscapeDataString(sign)}";
    }

    /// <summary>The SMS channel of a user who still has a number and an active account; else their rows are dropped, saying so.</summary>
    private async Task<Channel?> SmsAsync(string target, CancellationToken ct)
    {
        var userId = target[SmsPrefix.Length..];
        var phone = await db.Users.AsNoTracking().Where(u => u.Id == userId && u.IsActive).Select(u => u.PhoneNumber).SingleOrDefaultAsync(ct);
        if (string.IsNullOrWhiteSpace(phone))
        {
            var dropped = await db.NoticePushes.Where(p => p.Target == target && p.SentAtUtc == null).ExecuteDeleteAsync(ct);
            log.LogInformation("{Count} SMS to user {UserId} dropped: the account has no mobile number or is inactive now.", dropped, userId);
            return null;
        }
        var sms = Settings.Sms;
        return new Channel(target, $"SMS to user {userId}", sms.Digest, DigestTime(sms.DigestAt), sms.Digest ? 1 : Math.Max(1, Settings.PushMessagesPerRound),
            SmsText, s => s.Length, SmsMaxChars, (_, body, c) => PostSmsAsync(phone.Trim(), body, c));
    }

    private (string Title, string Text) SmsText(IReadOnlyList<NoticeView> items, int more, int total) => Zh(() =>
    {
        if (items.Count == 1 && more == 0) return (items[0].Title, $"{items[0].Title}。{items[0].Body}");
        var title = text.Format("Notice.Push.DigestTitle", total);
        var body = title + "：" + string.Join("；", items.Select(n => n.Title)) + "。";
        return (title, more > 0 ? body + text.Format("Notice.Push.More", more) : body);
    });

    private async Task<string?> PostSmsAsync(string phone, string body, CancellationToken ct)
    {
        var sms = Settings.Sms;
        var json = sms.ContentType.Contains("json", StringComparison.OrdinalIgnoreCase);
        var form = sms.ContentType.Contains("x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);
        string Escape(string s) => json ? JsonEncodedText.Encode(s).ToString() : form ? Uri.EscapeDataString(s) : s;
        var content = sms.Body.Replace("{phone}", Escape(phone), StringComparison.Ordinal).Replace("{text}", Escape(body), StringComparison.Ordinal);
        using var request = new HttpRequestMessage(HttpMethod.Post, sms.Url) { Content = new StringContent(content, Encoding.UTF8, sms.ContentType) };
        foreach (var (name, value) in sms.Headers) request.Headers.TryAddWithoutValidation(name, value);
        using var response = await http.CreateClient(HttpClientName).SendAsync(request, ct);
        return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}";
    }

    private static TimeOnly DigestTime(string? at) =>
        TimeOnly.TryParseExact(at?.Trim(), ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : NoticeRules.DefaultDigestTime;

    private static T Zh<T>(Func<T> work)
    {
        var (culture, ui) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = UiText.Chinese;
        try { return work(); }
        finally { (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, ui); }
    }
}
