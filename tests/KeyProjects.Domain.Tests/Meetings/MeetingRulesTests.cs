using KeyProjects.Domain.Common;
using KeyProjects.Domain.Meetings;
using KeyProjects.Domain.Problems;

namespace KeyProjects.Domain.Tests.Meetings;

public sealed class MeetingRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 22); // a Sunday

    [Theory]
    [InlineData("2026-11-22", 7, "2026-11-22")] // Sunday, series on Sunday: today
    [InlineData("2026-11-22", 1, "2026-11-23")] // Sunday → Monday
    [InlineData("2026-11-23", 1, "2026-11-23")] // Monday is the weekday: today, not next week
    [InlineData("2026-11-23", 2, "2026-11-24")] // Monday → Tuesday
    [InlineData("2026-11-24", 1, "2026-11-30")] // Tuesday → next Monday
    [InlineData("2026-12-31", 5, "2027-01-01")] // across the year
    [InlineData("2026-11-28", 7, "2026-11-29")] // Saturday → Sunday
    public void NextDate_IsTodayOnTheWeekday_OtherwiseTheNextSuchDay(string today, int weekday, string expected) =>
        MeetingRules.NextDate(weekday, DateOnly.Parse(today)).ShouldBe(DateOnly.Parse(expected));

    [Theory]
    [InlineData(0)]
    [InlineData(8)]
    public void NextDate_RefusesAWeekdayOutside1To7(int weekday) =>
        Should.Throw<ArgumentOutOfRangeException>(() => MeetingRules.NextDate(weekday, Today));

    [Theory]
    [InlineData("县区周例会", 2, 2, 5, 1, null)]
    [InlineData("", 2, 2, 5, 1, "Name")]
    [InlineData("县区周例会", 0, 2, 5, 1, "Level")]
    [InlineData("县区周例会", 6, 2, 5, 1, "Level")]
    [InlineData("县区周例会", 2, 0, 5, 1, "Weekday")]
    [InlineData("县区周例会", 2, 8, 5, 1, "Weekday")]
    [InlineData("县区周例会", 2, 2, -1, 1, "MarginPoints")]
    [InlineData("县区周例会", 2, 2, 0, 2, null)]
    [InlineData("县区周例会", 2, 2, 5, 3, "DeepDiveCount")]
    [InlineData("县区周例会", 2, 2, 5, 0, "DeepDiveCount")]
    public void ValidateSeries_NamesTheFieldThatBreaksARule(string name, int level, int weekday, int margin, int deep, string? field)
    {
        var errors = MeetingRules.ValidateSeries(new SeriesDraft { Name = name, Level = level, Weekday = weekday, MarginPoints = margin, DeepDiveCount = deep }, 5);
        if (field is null) errors.ShouldBeEmpty();
        else errors.Select(e => e.Field).ShouldBe([field]);
    }

    [Theory]
    [InlineData(150, "2026-11-22", null, null)]
    [InlineData(151, "2026-11-22", null, "Title")]
    [InlineData(10, "2026-11-21", null, "Deadline")] // yesterday
    [InlineData(10, null, 3, null)]
    [InlineData(10, null, 0, "WorkingDays")]
    [InlineData(10, null, 61, "WorkingDays")]
    [InlineData(10, "2026-11-30", 3, "Deadline")] // both
    [InlineData(10, null, null, "Deadline")] // neither
    public void ValidateTask_TitleUpTo150_DeadlineADateFromTodayOrWorkingDays(int titleLength, string? deadline, int? workingDays, string? field)
    {
        var draft = new TaskDraft { Title = new string('办', titleLength), OwnerOrgId = 7, Deadline = deadline is null ? null : DateOnly.Parse(deadline), WorkingDays = workingDays };
        var errors = MeetingRules.ValidateTask(draft, Today);
        if (field is null) errors.ShouldBeEmpty();
        else errors.Select(e => e.Field).ShouldBe([field]);
    }

    [Theory]
    [InlineData(MeetingTaskStatus.InProgress, MeetingTaskAction.ReportDone, MeetingTaskStatus.Reported)]
    [InlineData(MeetingTaskStatus.Reported, MeetingTaskAction.Verify, MeetingTaskStatus.Closed)]
    [InlineData(MeetingTaskStatus.Reported, MeetingTaskAction.Reject, MeetingTaskStatus.InProgress)]
    [InlineData(MeetingTaskStatus.Closed, MeetingTaskAction.Reopen, MeetingTaskStatus.InProgress)]
    [InlineData(MeetingTaskStatus.InProgress, MeetingTaskAction.Verify, null)]
    [InlineData(MeetingTaskStatus.Closed, MeetingTaskAction.ReportDone, null)]
    [InlineData(MeetingTaskStatus.InProgress, MeetingTaskAction.Reopen, null)]
    public void TaskWorkflow(MeetingTaskStatus from, MeetingTaskAction action, MeetingTaskStatus? to)
    {
        var next = MeetingRules.Next(from, action);
        if (to is null) next.Errors.Single().ShouldBeOfType<RuleBroken>();
        else next.Value.ShouldBe(to.Value);
    }

    [Theory]
    [InlineData(MeetingTaskStatus.InProgress, "2026-11-21", true, false)]
    [InlineData(MeetingTaskStatus.InProgress, "2026-11-22", false, true)] // due today: not yet overdue
    [InlineData(MeetingTaskStatus.InProgress, "2026-11-24", false, true)]
    [InlineData(MeetingTaskStatus.InProgress, "2026-11-25", false, false)]
    [InlineData(MeetingTaskStatus.Reported, "2026-11-01", false, false)] // reported: the clock stops
    [InlineData(MeetingTaskStatus.Closed, "2026-11-01", false, false)]
    public void OverdueAndDueSoon(MeetingTaskStatus status, string deadline, bool overdue, bool dueSoon)
    {
        MeetingRules.IsOverdue(status, DateOnly.Parse(deadline), Today).ShouldBe(overdue);
        MeetingRules.IsDueSoon(status, DateOnly.Parse(deadline), Today).ShouldBe(dueSoon);
    }
}

public sealed class AgendaRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 22);

    private static AgendaProject P(int id, decimal? points) => new(id, $"C{id:00}", $"项目{id}", points, null, null);

    private static AgendaProblem Pr(long id, ProblemStatus status, string deadline, int level = 1, long? meeting = null) =>
        new(id, $"问题{id}", 1, level, status, DateOnly.Parse(deadline), meeting);

    [Theory]
    [InlineData(5, new[] { 3, 2 })]          // -12.5 and -5 (exactly the margin) are in; -4.9, 0, +3 and no figure are out
    [InlineData(0, new[] { 3, 2, 4 })]      // margin 0: anything behind
    [InlineData(20, new int[0])]
    public void Behind_TakesProjectsAtLeastTheMarginBehind_FurthestFirst(decimal margin, int[] expected)
    {
        var projects = new[] { P(1, 3m), P(2, -5m), P(3, -12.5m), P(4, -4.9m), P(5, 0m), P(6, null) };
        AgendaRules.Behind(projects, margin).Select(p => p.Id).ShouldBe(expected);
    }

    [Fact]
    public void Behind_BreaksTiesByCode()
    {
        AgendaRules.Behind([P(9, -8m), P(2, -8m)], 5).Select(p => p.Id).ShouldBe([2, 9]);
    }

    [Fact]
    public void Overdue_IsOpenAndPastTheDeadline_OldestFirst()
    {
        var problems = new[]
        {
            Pr(1, ProblemStatus.InProgress, "2026-11-21"),
            Pr(2, ProblemStatus.Pending, "2026-11-10"),
            Pr(3, ProblemStatus.InProgress, "2026-11-22"),  // due today: not overdue
            Pr(4, ProblemStatus.Answered, "2026-11-01"),    // answered: not the department's any more
            Pr(5, ProblemStatus.Closed, "2026-11-01"),
            Pr(6, ProblemStatus.Returned, "2026-11-20"),
        };
        AgendaRules.Overdue(problems, Today).Select(p => p.Id).ShouldBe([2L, 6L, 1L]);
    }

    [Fact]
    public void ForThisLevel_TakesOpenProblemsAtTheLevel_OrReferredToTheMeeting()
    {
        var problems = new[]
        {
            Pr(1, ProblemStatus.InProgress, "2026-11-30", level: 2),
            Pr(2, ProblemStatus.InProgress, "2026-11-30", level: 1),
            Pr(3, ProblemStatus.InProgress, "2026-11-29", level: 1, meeting: 77),
            Pr(4, ProblemStatus.Closed, "2026-11-29", level: 2),
            Pr(5, ProblemStatus.Pending, "2026-11-30", level: 3),
        };
        AgendaRules.ForThisLevel(problems, 2, 77).Select(p => p.Id).ShouldBe([3L, 1L]);
        AgendaRules.ForThisLevel(problems, 2, null).Select(p => p.Id).ShouldBe([1L]);
    }

    [Theory]
    [InlineData(1, new int[0], new[] { 3 })]
    [InlineData(2, new int[0], new[] { 3, 2 })]
    [InlineData(1, new[] { 3 }, new[] { 2 })]          // last week's deep dive rotates out
    [InlineData(2, new[] { 3, 2 }, new[] { 4, 3 })]    // only one fresh: the slowest recent one fills the place
    [InlineData(1, new[] { 3, 2, 4 }, new[] { 3 })]    // every one recent: still a deep dive, the slowest
    public void DeepDive_TakesTheSlowest_SkippingRecentOnes(int count, int[] recent, int[] expected)
    {
        var behind = AgendaRules.Behind([P(2, -10m), P(3, -20m), P(4, -6m)], 5);
        AgendaRules.DeepDive(behind, count, recent.ToHashSet()).Select(p => p.Id).ShouldBe(expected);
    }

    [Fact]
    public void DeepDive_OfNoBehindProjects_IsEmpty() =>
        AgendaRules.DeepDive([], 2, new HashSet<int>()).ShouldBeEmpty();
}
