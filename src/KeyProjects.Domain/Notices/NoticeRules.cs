namespace KeyProjects.Domain.Notices;

/// <summary>
/// Which notices go out by e-mail and when a daily digest is due. E-mail is only for what is due, overdue or escalated
/// (the issue: "sent only when something is due or overdue"); assignments and answers stay in the inbox.
/// </summary>
public static class NoticeRules
{
    public static readonly TimeOnly DefaultDigestTime = new(8, 0);

    public const int MaxDedupeKeyLength = 200;

    public const int MaxLinkLength = 500;

    public static bool IsEmailed(NoticeKind kind) => kind is NoticeKind.ProblemDueSoon or NoticeKind.ProblemOverdue or NoticeKind.ProblemEscalated
        or NoticeKind.TaskDueSoon or NoticeKind.TaskOverdue or NoticeKind.VisitShortfall;

    /// <summary>
    /// Which notices go to the organisations' WeCom/DingTalk groups and by SMS: only items due or overdue (issue 13, point 9).
    /// An escalation is already told to the next level's people by name, and a group robot is rate limited.
    /// </summary>
    public static bool IsPushed(NoticeKind kind) => kind is NoticeKind.ProblemDueSoon or NoticeKind.ProblemOverdue
        or NoticeKind.TaskDueSoon or NoticeKind.TaskOverdue or NoticeKind.VisitShortfall;

    /// <summary>
    /// Whether today's digest is due at <paramref name="nowChina"/>: the user's time has come today and no digest went
    /// out today. A server that was down at 08:00 sends it when it comes back, the same day.
    /// </summary>
    public static bool DigestDue(DateTime nowChina, TimeOnly digestAt, DateOnly? lastDigestOn) =>
        TimeOnly.FromDateTime(nowChina) >= digestAt && (lastDigestOn is null || lastDigestOn < DateOnly.FromDateTime(nowChina));

    /// <summary>
    /// A mainland mobile number for SMS (11 digits from 13 to 19, "+86"/"86" before it allowed), as the gateway gets it:
    /// the 11 digits; null when it is none. Spaces and hyphens people type are ignored.
    /// </summary>
    public static string? MobileNumber(string? input)
    {
        var digits = (input ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (digits.StartsWith('+')) digits = digits[1..];
        if (digits.Length == 13 && digits.StartsWith("86", StringComparison.Ordinal)) digits = digits[2..];
        return digits.Length == 11 && digits[0] == '1' && digits[1] is >= '3' and <= '9' && digits.All(char.IsAsciiDigit) ? digits : null;
    }

    /// <summary>A link inside the app: a local path, never another site.</summary>
    public static bool IsLocalLink(string? link) =>
        !string.IsNullOrEmpty(link) && link.Length <= MaxLinkLength && link.StartsWith('/') && !link.StartsWith("//", StringComparison.Ordinal)
        && !link.StartsWith("/\\", StringComparison.Ordinal);
}
