using System.Globalization;
using KeyProjects.Domain.Meetings;
using KeyProjects.Web.Features.Audit;

namespace KeyProjects.Web.Features.Meetings;

/// <summary>
/// 交办事项: a decision of a meeting given to a department or unit (and a person there) with a deadline, followed like a
/// problem: the owner reports it done, the meeting's organisation verifies and closes it (销号), or reopens it.
/// </summary>
public sealed class MeetingTask : IAudited
{
    public long Id { get; set; }
    public long MeetingId { get; set; }
    /// <summary>The meeting's organisation: whose staff verify, and the subtree the task is counted in.</summary>
    public int OrgId { get; set; }
    public required string Title { get; set; }
    public int OwnerOrgId { get; set; }
    public string? OwnerName { get; set; }
    public DateOnly Deadline { get; set; }
    public int? ProjectId { get; set; }
    public MeetingTaskStatus Status { get; set; } = MeetingTaskStatus.InProgress;
    public string? Report { get; set; }
    public string? ReportedByName { get; set; }
    public DateTime? ReportedAtUtc { get; set; }
    public string? VerifiedByName { get; set; }
    public DateOnly? ClosedOn { get; set; }
    public required string CreatedByName { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
    public int Version { get; set; } = 1;

    public bool IsOverdue(DateOnly today) => MeetingRules.IsOverdue(Status, Deadline, today);

    public SortedDictionary<string, string?> AuditSnapshot() => new(StringComparer.Ordinal)
    {
        [nameof(Title)] = Title,
        [nameof(OwnerOrgId)] = OwnerOrgId.ToString(CultureInfo.InvariantCulture),
        [nameof(OwnerName)] = OwnerName,
        [nameof(Deadline)] = Deadline.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        [nameof(ProjectId)] = ProjectId?.ToString(CultureInfo.InvariantCulture),
        [nameof(Status)] = Status.ToString(),
        [nameof(Report)] = Report,
        [nameof(VerifiedByName)] = VerifiedByName,
        [nameof(ClosedOn)] = ClosedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };
}
