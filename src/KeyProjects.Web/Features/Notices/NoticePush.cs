using KeyProjects.Domain.Notices;

namespace KeyProjects.Web.Features.Notices;

/// <summary>
/// One due or overdue item waiting to go to one push target: an organisation's WeCom or DingTalk group robot
/// (<see cref="NoticeOptions.Webhooks"/>), or a user's phone by SMS. Filled from the notices (a notice is still made once,
/// by <see cref="NoticeService"/>; <see cref="NoticePusher"/> fans it out), and unique per (target, dedupe key): the
/// several recipients of one overdue problem make one message to the county's group. The target names its
/// configuration, never its address or secret, which stay in the configuration.
/// </summary>
public sealed class NoticePush
{
    public long Id { get; set; }
    /// <summary>"wecom:12:3f9a…" (kind, organisation, hash of the URL) or "sms:{user id}".</summary>
    public required string Target { get; set; }
    public required string DedupeKey { get; set; }
    public NoticeKind Kind { get; set; }
    public required string Args { get; set; }
    public required string Link { get; set; }
    /// <summary>When the notice was made.</summary>
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? SentAtUtc { get; set; }
    /// <summary>As <see cref="Notice.EmailClaim"/>: the server sending holds the row, so no two servers send it.</summary>
    public string? Claim { get; set; }
    public DateTime? ClaimedAtUtc { get; set; }
    /// <summary>Failed sends so far; the next try waits longer each time (at most an hour).</summary>
    public int Attempts { get; set; }
    public DateTime? NextTryAtUtc { get; set; }
}
