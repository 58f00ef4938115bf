using KeyProjects.Domain.Problems;

namespace KeyProjects.Domain.Meetings;

/// <summary>A project as the agenda weighs it: how far ahead (+) or behind (−) 序时进度 it is, in percentage points.</summary>
public sealed record AgendaProject(int Id, string Code, string Name, decimal? PointsAhead, decimal? CompletionRate, decimal? TimeProgress);

/// <summary>A problem as the agenda weighs it.</summary>
public sealed record AgendaProblem(long Id, string Title, int ProjectId, int Level, ProblemStatus Status, DateOnly Deadline, long? MeetingId);

/// <summary>
/// How a dispatch meeting's agenda is chosen (pure rules; the service gathers the rows of the organisation's subtree):
/// projects behind 序时进度 by at least the series' margin, overdue problems, problems at the series' level or 交办 to the
/// meeting by name, and one or two of the slowest projects for a deep dive, in rotation.
/// </summary>
public static class AgendaRules
{
    /// <summary>Projects at least <paramref name="marginPoints"/> behind, furthest behind first (ties by code).</summary>
    public static IReadOnlyList<AgendaProject> Behind(IEnumerable<AgendaProject> projects, decimal marginPoints) =>
        projects.Where(p => p.PointsAhead is { } a && a < 0 && -a >= marginPoints)
            .OrderBy(p => p.PointsAhead).ThenBy(p => p.Code, StringComparer.Ordinal).ToList();

    /// <summary>Open problems whose deadline passed before <paramref name="today"/>, oldest deadline first.</summary>
    public static IReadOnlyList<AgendaProblem> Overdue(IEnumerable<AgendaProblem> problems, DateOnly today) =>
        problems.Where(p => ProblemWorkflow.IsOverdue(p.Status, p.Deadline, today))
            .OrderBy(p => p.Deadline).ThenBy(p => p.Id).ToList();

    /// <summary>Open problems at this meeting's level of the ladder, or 交办 to this very meeting.</summary>
    public static IReadOnlyList<AgendaProblem> ForThisLevel(IEnumerable<AgendaProblem> problems, int level, long? meetingId) =>
        problems.Where(p => ProblemWorkflow.IsOpen(p.Status) && (p.Level == level || (meetingId is not null && p.MeetingId == meetingId)))
            .OrderBy(p => p.Deadline).ThenBy(p => p.Id).ToList();

    /// <summary>
    /// The <paramref name="count"/> slowest of the behind projects for a deep dive, skipping those deep-dived in the series'
    /// last meetings (<paramref name="recentlyDeepDived"/>). When every behind project was deep-dived recently, the slowest are
    /// taken again rather than leaving the meeting without one.
    /// </summary>
    public static IReadOnlyList<AgendaProject> DeepDive(IReadOnlyList<AgendaProject> behind, int count, IReadOnlySet<int> recentlyDeepDived)
    {
        if (count <= 0) return [];
        var fresh = behind.Where(p => !recentlyDeepDived.Contains(p.Id)).Take(count).ToList();
        if (fresh.Count < count)
            fresh.AddRange(behind.Where(p => recentlyDeepDived.Contains(p.Id)).Take(count - fresh.Count));
        return fresh;
    }
}
