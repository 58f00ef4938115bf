using KeyProjects.Domain.Calendar;
using KeyProjects.Domain.Problems;

namespace KeyProjects.Domain.Tests.Problems;

public sealed class EscalationLadderTests
{
    static readonly WorkingCalendar Cal = WorkingCalendar.Default;
    static readonly EscalationLadder Ladder = EscalationLadder.Default;

    static DateOnly D(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Default_IsLuohesFiveLevels_ThreeWorkingDaysEach()
    {
        Ladder.Top.ShouldBe(5);
        Ladder.Levels.Select(l => l.WorkingDays).ShouldAllBe(d => d == 3);
        Ladder.Levels.Select(l => l.Scope).ShouldBe([LadderScope.County, LadderScope.County, LadderScope.City, LadderScope.City, LadderScope.City]);
    }

    [Fact]
    public void Due_WhenOpenAndPastTheDeadline_MovesUpOneLevelWithAFreshDeadline()
    {
        // Raised Mon 2026-11-23: due Thu 11-26; on Fri 11-27 it is overdue → level 2, due three working days after Friday.
        var deadline = Ladder.DeadlineAt(1, D("2026-11-23"), Cal);
        deadline.ShouldBe(D("2026-11-26"));

        var step = Ladder.Due(ProblemStatus.InProgress, 1, deadline, D("2026-11-27"), Cal);

        step.ShouldBe(new EscalationStep(1, 2, D("2026-12-02"), D("2026-11-27")));
    }

    [Theory]
    [InlineData(ProblemStatus.Pending, 1, "2026-11-26", "2026-11-26", false)]  // on the deadline day: not yet overdue
    [InlineData(ProblemStatus.Pending, 1, "2026-11-26", "2026-11-27", true)]
    [InlineData(ProblemStatus.Returned, 2, "2026-11-26", "2026-11-27", true)]
    [InlineData(ProblemStatus.Answered, 1, "2026-11-26", "2026-12-30", false)] // the department did its part
    [InlineData(ProblemStatus.Closed, 1, "2026-11-26", "2026-12-30", false)]
    [InlineData(ProblemStatus.InProgress, 5, "2026-11-26", "2026-12-30", false)] // at the top: stays, overdue
    public void Due_EscalatesOnlyOpenOverdueProblemsBelowTheTop(ProblemStatus status, int level, string deadline, string today, bool escalates)
    {
        (Ladder.Due(status, level, D(deadline), D(today), Cal) is not null).ShouldBe(escalates);
    }

    [Fact]
    public void Due_RunTwiceTheSameDay_EscalatesOnce()
    {
        var today = D("2026-11-27");
        var first = Ladder.Due(ProblemStatus.InProgress, 1, D("2026-11-26"), today, Cal)!;

        Ladder.Due(ProblemStatus.InProgress, first.ToLevel, first.NewDeadline, today, Cal).ShouldBeNull();
    }

    [Fact]
    public void DueSteps_WhenTheSweepRunsLate_ReplaysEachStepFromTheDayAfterEachDeadline()
    {
        // Due 11-26; the sweep first runs on Thu 12-10: level 2 on 11-27 (due 12-02), level 3 on 12-03 (due 12-08),
        // level 4 on 12-09 (due 12-14), which has not passed.
        var steps = Ladder.DueSteps(ProblemStatus.Pending, 1, D("2026-11-26"), D("2026-12-10"), Cal);

        steps.ShouldBe([
            new EscalationStep(1, 2, D("2026-12-02"), D("2026-11-27")),
            new EscalationStep(2, 3, D("2026-12-08"), D("2026-12-03")),
            new EscalationStep(3, 4, D("2026-12-14"), D("2026-12-09")),
        ]);
        // Whether the sweep ran daily or only now, the end state is the same.
        var daily = (Level: 1, Deadline: D("2026-11-26"));
        for (var day = D("2026-11-23"); day <= D("2026-12-10"); day = day.AddDays(1))
            foreach (var s in Ladder.DueSteps(ProblemStatus.Pending, daily.Level, daily.Deadline, day, Cal))
                daily = (s.ToLevel, s.NewDeadline);
        daily.ShouldBe((4, D("2026-12-14")));
    }

    [Fact]
    public void DueSteps_StopAtTheTop()
    {
        Ladder.DueSteps(ProblemStatus.InProgress, 1, D("2026-01-05"), D("2026-11-27"), Cal).Select(s => s.ToLevel).ShouldBe([2, 3, 4, 5]);
    }

    [Fact]
    public void Due_WithAZeroDayLevel_IsDueTheSameWorkingDay()
    {
        var ladder = new EscalationLadder([
            new LadderLevel(1, "现场", 0, LadderScope.County, []),
            new LadderLevel(2, null, 3, LadderScope.City, []),
        ]);

        ladder.DeadlineAt(1, D("2026-11-23"), Cal).ShouldBe(D("2026-11-23"));
        ladder.Due(ProblemStatus.Pending, 1, D("2026-11-23"), D("2026-11-24"), Cal)!.ToLevel.ShouldBe(2);
    }

    [Theory]
    [InlineData(1, 3, true)]
    [InlineData(2, 5, true)]
    [InlineData(3, 3, false)]
    [InlineData(3, 2, false)]
    [InlineData(4, 6, false)]
    public void To_AllowsOnlyAHigherLevelOnTheLadder(int from, int to, bool ok)
    {
        var result = Ladder.To(from, to, D("2026-11-23"), Cal);

        result.Succeeded.ShouldBe(ok);
        if (!ok) result.Errors.Single().MessageKey.ShouldBe("Problem.Error.LevelRange");
    }

    [Fact]
    public void Constructor_RefusesGapsAndNegativeDays()
    {
        Should.Throw<ArgumentException>(() => new EscalationLadder([new LadderLevel(2, null, 3, LadderScope.City, [])]));
        Should.Throw<ArgumentException>(() => new EscalationLadder([new LadderLevel(1, null, -1, LadderScope.City, [])]));
        Should.Throw<ArgumentException>(() => new EscalationLadder([]));
    }
}
