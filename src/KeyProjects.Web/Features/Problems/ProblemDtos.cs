using KeyProjects.Domain.Access;
using KeyProjects.Domain.Problems;

namespace KeyProjects.Web.Features.Problems;

/// <summary>POST /api/v1/problems and the raise form. Category and source by name (e.g. "Land", "ProjectUnit").</summary>
public sealed record RaiseProblemRequest
{
    public string? ProjectCode { get; init; }
    public string? Title { get; init; }
    public string? Description { get; init; }
    public string? Category { get; init; }
    public string? Source { get; init; }
    public int? DepartmentOrgId { get; init; }
    public IReadOnlyList<int>? CooperatingOrgIds { get; init; }
    /// <summary>For history loaded from an old ledger: when it was raised (not in the future). Staff and administrators only.</summary>
    public DateTimeOffset? RaisedAt { get; init; }
}

/// <summary>The body of the action endpoints; each uses the fields it needs.</summary>
public sealed record ProblemActionRequest
{
    /// <summary>The version the caller saw (or the If-Match header).</summary>
    public int? Version { get; init; }
    public string? Text { get; init; }
    public int? DepartmentOrgId { get; init; }
    public IReadOnlyList<int>? CooperatingOrgIds { get; init; }
    public int? Level { get; init; }
    public long? MeetingId { get; init; }
    public int? Satisfaction { get; init; }
    /// <summary>verify: false rejects the answer (back to 办理中) with <see cref="Text"/> as the reason.</summary>
    public bool? Accept { get; init; }
}

/// <summary>A problem's line in a list: DueOn is 办理时限 (overdue past it), Deadline 本级时限 (escalates past it).</summary>
public sealed record ProblemRow(
    long Id,
    string ProjectCode,
    string ProjectName,
    int OrgId,
    string OrgName,
    string Title,
    ProblemCategory Category,
    ProblemSource Source,
    ProblemStatus Status,
    int Level,
    string? LevelName,
    DateOnly RaisedOn,
    DateOnly DueOn,
    DateOnly Deadline,
    bool Overdue,
    int? DepartmentOrgId,
    string? DepartmentName,
    long? MeetingId,
    int Version,
    bool ProjectVisible = true);

/// <summary>One step of the history, as shown.</summary>
public sealed record ProblemStepView(ProblemAction Action, ProblemStatus FromStatus, ProblemStatus ToStatus, int FromLevel, int ToLevel,
    DateOnly Deadline, string? DepartmentName, long? MeetingId, string? Note, string ActorName, DateTime AtUtc);

public sealed record ProblemDetail(
    ProblemRow Row,
    string? Description,
    string RaisedByName,
    DateTime RaisedAtUtc,
    IReadOnlyList<(int Id, string Name)> Cooperating,
    string? Answer,
    string? AnsweredByName,
    DateTime? AnsweredAtUtc,
    DateOnly? ClosedOn,
    string? VerifiedByName,
    int? Satisfaction,
    int LadderTop,
    IReadOnlyList<ProblemStepView> Steps,
    ProblemRights Rights,
    IReadOnlyList<Photos.PhotoInfo> Attachments);

/// <summary>The list's filters (all optional).</summary>
public sealed record ProblemQuery
{
    public int? Org { get; init; }
    public ProblemStatus? Status { get; init; }
    /// <summary>Open ones (待受理, 办理中, 退回) only.</summary>
    public bool Open { get; init; }
    public bool Overdue { get; init; }
    public int? Level { get; init; }
    public ProblemCategory? Category { get; init; }
    public int? Department { get; init; }
    public string? Project { get; init; }
    public long? Meeting { get; init; }
    /// <summary>Raised from / to (China dates), for drilling down from the statistics.</summary>
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    /// <summary>Closed ones among those raised (with From/To: 解决 of the period).</summary>
    public bool Solved { get; init; }
    public int Skip { get; init; }
    public int Take { get; init; } = ProblemService.DefaultPageSize;
}

public sealed record ProblemPage(IReadOnlyList<ProblemRow> Rows, int Total, int OverdueTotal, DateOnly Today, ProblemQuery Query);

/// <summary>Statistics for a subtree and period, with the names of the departments.</summary>
public sealed record ProblemStatsView(int OrgId, string OrgName, DateOnly From, DateOnly To, DateOnly AsOf, ProblemStatistics Stats,
    IReadOnlyDictionary<int, string> DepartmentNames, Domain.Problems.EscalationLadder Ladder);

/// <summary>What one run of the escalation sweep did.</summary>
public sealed record SweepResult(bool Ran, int Examined, int Escalated, int Steps, DateOnly Today, double Milliseconds);
