using KeyProjects.Domain.Problems;
using KeyProjects.Web.Features.Audit;

namespace KeyProjects.Web.Features.Problems;

/// <summary>
/// A problem in the ledger (问题台账): raised on a project, owned by a responsible department, on a rung of the escalation
/// ladder with a deadline in working days, until it is answered, verified and closed (办结销号). Every step is a
/// <see cref="ProblemStep"/>; every change is audited.
/// </summary>
public sealed class Problem : IAudited
{
    public long Id { get; set; }
    public int ProjectId { get; set; }
    /// <summary>The project's organisation when the problem was raised: the subtree it is counted in.</summary>
    public int OrgId { get; set; }
    public required string Title { get; set; }
    public string? Description { get; set; }
    public ProblemCategory Category { get; set; }
    public ProblemSource Source { get; set; }
    public required string RaisedById { get; set; }
    public required string RaisedByName { get; set; }
    public DateTime RaisedAtUtc { get; set; }
    /// <summary>The China date it was raised: working days count from here.</summary>
    public DateOnly RaisedOn { get; set; }
    /// <summary>责任部门: an organisation (市直/县直部门) whose Department users answer it.</summary>
    public int? DepartmentOrgId { get; set; }
    /// <summary>配合部门, comma-separated organisation ids.</summary>
    public string? CooperatingOrgIds { get; set; }
    /// <summary>The ladder's rung, 1 at the bottom.</summary>
    public int Level { get; set; } = 1;
    /// <summary>本级时限: when the problem climbs to the next level if still open (the sweep's clock).</summary>
    public DateOnly Deadline { get; set; }
    /// <summary>
    /// 办理时限: the time it was given when raised (or reopened). Open past this day it is 逾期, whatever level it has
    /// climbed to since.
    /// </summary>
    public DateOnly DueOn { get; set; }
    public ProblemStatus Status { get; set; } = ProblemStatus.Pending;
    /// <summary>The meeting it was 交办 to (escalated to by name), if any.</summary>
    public long? MeetingId { get; set; }
    public string? Answer { get; set; }
    public string? AnsweredByName { get; set; }
    public DateTime? AnsweredAtUtc { get; set; }
    public DateOnly? ClosedOn { get; set; }
    public string? VerifiedByName { get; set; }
    /// <summary>满意度 1–5, given at verification.</summary>
    public int? Satisfaction { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
    public int Version { get; set; } = 1;
    public List<ProblemStep> Steps { get; set; } = [];

    public IReadOnlyList<int> Cooperating => string.IsNullOrEmpty(CooperatingOrgIds)
        ? []
        : CooperatingOrgIds.Split(',').Select(s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToList();
}

/// <summary>One step of a problem's history: who did what, when, from which status and level to which.</summary>
public sealed class ProblemStep
{
    public long Id { get; set; }
    public long ProblemId { get; set; }
    public ProblemAction Action { get; set; }
    public ProblemStatus FromStatus { get; set; }
    public ProblemStatus ToStatus { get; set; }
    public int FromLevel { get; set; }
    public int ToLevel { get; set; }
    /// <summary>本级时限: when the problem climbs to the next level if still open (the sweep's clock).</summary>
    public DateOnly Deadline { get; set; }
    /// <summary>
    /// 办理时限: the time it was given when raised (or reopened). Open past this day it is 逾期, whatever level it has
    /// climbed to since.
    /// </summary>
    public DateOnly DueOn { get; set; }
    public int? DepartmentOrgId { get; set; }
    public long? MeetingId { get; set; }
    public string? Note { get; set; }
    public required string ActorId { get; set; }
    public required string ActorName { get; set; }
    public DateTime AtUtc { get; set; }
}
