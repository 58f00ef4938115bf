using KeyProjects.Domain.Meetings;
using KeyProjects.Domain.Problems;

namespace KeyProjects.Web.Features.Meetings;

/// <summary>A project line of an agenda, with the figures it was chosen by (percent and percentage points, as printed).</summary>
public sealed record AgendaProjectLine(int Id, string Code, string Name, string OrgName, decimal? PointsAhead, decimal? CompletionRate, decimal? TimeProgress)
{
    public string Key => "project:" + Code;
}

/// <summary>A problem line of an agenda.</summary>
public sealed record AgendaProblemLine(long Id, string Title, string ProjectCode, string ProjectName, int Level, ProblemStatus Status,
    DateOnly Deadline, string? DepartmentName, bool Overdue)
{
    public string Key => "problem:" + Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// A meeting's agenda: the four sections and what they were worked out from (the date, the reporting period of the
/// figures, the margin). <see cref="Frozen"/> once the meeting is held: it is then read back exactly as it was.
/// </summary>
public sealed record MeetingAgenda(
    DateOnly AsOf,
    string? Period,
    decimal MarginPoints,
    bool Frozen,
    IReadOnlyList<AgendaProjectLine> Behind,
    IReadOnlyList<AgendaProblemLine> Overdue,
    IReadOnlyList<AgendaProblemLine> Escalated,
    IReadOnlyList<AgendaProjectLine> DeepDive)
{
    public IEnumerable<(AgendaSection Section, int Count)> Counts =>
    [
        (AgendaSection.BehindSchedule, Behind.Count), (AgendaSection.OverdueProblems, Overdue.Count),
        (AgendaSection.EscalatedProblems, Escalated.Count), (AgendaSection.DeepDive, DeepDive.Count),
    ];
}
