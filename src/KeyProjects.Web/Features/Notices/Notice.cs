using KeyProjects.Domain.Notices;

namespace KeyProjects.Web.Features.Notices;

/// <summary>
/// A message in a user's inbox (and maybe their e-mail). Stored as kind + arguments, worded when read, in the reader's
/// language. Not an audited business record: it is written because of one (a problem assigned, a visit missed), and the
/// cause is audited there. (RecipientId, DedupeKey) is unique, so a sweep that runs again, or on two servers at once,
/// never makes the same notice twice (docs/decisions/010-notices.md).
/// </summary>
public sealed class Notice
{
    public long Id { get; set; }
    public required string RecipientId { get; set; }
    public NoticeKind Kind { get; set; }
    /// <summary>The arguments of the kind's texts, a JSON array of strings.</summary>
    public required string Args { get; set; }
    /// <summary>Where the notice leads, a path inside the app ("/problems/42").</summary>
    public required string Link { get; set; }
    public required string DedupeKey { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? ReadAtUtc { get; set; }
    public DateTime? EmailedAtUtc { get; set; }
    /// <summary>The server sending the e-mail claims the row first, so two servers never send it twice.</summary>
    public string? EmailClaim { get; set; }
    public DateTime? EmailClaimedAtUtc { get; set; }
    /// <summary>When <see cref="NoticePusher"/> queued it for the groups and phones it goes to (or found none).</summary>
    public DateTime? PushedAtUtc { get; set; }
}

/// <summary>A user's e-mail choice. No row: the installation's default (<c>Notices:DefaultEmail</c>, daily digest at 08:00).</summary>
public sealed class NoticePreference
{
    public required string UserId { get; set; }
    public EmailMode Email { get; set; }
    /// <summary>Beijing time of the daily digest.</summary>
    public TimeOnly DigestAt { get; set; }
    /// <summary>The China date of the last digest sent: claiming the day is how one server, and only one, sends it.</summary>
    public DateOnly? LastDigestOn { get; set; }
}
