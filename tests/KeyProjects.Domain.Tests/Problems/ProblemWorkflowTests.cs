using KeyProjects.Domain.Calendar;
using KeyProjects.Domain.Problems;

namespace KeyProjects.Domain.Tests.Problems;

public sealed class ProblemWorkflowTests
{
    [Theory]
    [InlineData(ProblemStatus.Pending, ProblemAction.Accepted, ProblemStatus.InProgress)]
    [InlineData(ProblemStatus.Pending, ProblemAction.Answered, ProblemStatus.Answered)] // solved on the spot
    [InlineData(ProblemStatus.InProgress, ProblemAction.Answered, ProblemStatus.Answered)]
    [InlineData(ProblemStatus.InProgress, ProblemAction.SentBack, ProblemStatus.Returned)]
    [InlineData(ProblemStatus.Returned, ProblemAction.Assigned, ProblemStatus.Pending)]
    [InlineData(ProblemStatus.Answered, ProblemAction.Verified, ProblemStatus.Closed)]
    [InlineData(ProblemStatus.Answered, ProblemAction.Rejected, ProblemStatus.InProgress)]
    [InlineData(ProblemStatus.Closed, ProblemAction.Reopened, ProblemStatus.InProgress)]
    [InlineData(ProblemStatus.InProgress, ProblemAction.Escalated, ProblemStatus.InProgress)]
    public void Next_AllowsTheClosedLoop(ProblemStatus from, ProblemAction action, ProblemStatus to)
    {
        ProblemWorkflow.Next(from, action).Value.ShouldBe(to);
    }

    [Theory]
    [InlineData(ProblemStatus.Pending, ProblemAction.Verified)]    // verifying an unanswered problem
    [InlineData(ProblemStatus.InProgress, ProblemAction.Verified)]
    [InlineData(ProblemStatus.Closed, ProblemAction.Answered)]
    [InlineData(ProblemStatus.Closed, ProblemAction.Escalated)]
    [InlineData(ProblemStatus.Answered, ProblemAction.Escalated)]
    [InlineData(ProblemStatus.InProgress, ProblemAction.Reopened)]
    [InlineData(ProblemStatus.Returned, ProblemAction.Answered)]
    public void Next_RefusesStepsOutOfOrder(ProblemStatus from, ProblemAction action)
    {
        var result = ProblemWorkflow.Next(from, action);

        result.Succeeded.ShouldBeFalse();
        result.Errors.Single().MessageKey.ShouldBe("Problem.Error.Transition");
    }

    [Fact]
    public void CheckText_RefusesATitleOver150Characters_AndAnEmptyOne()
    {
        ProblemWorkflow.CheckText(new string('问', 150), null).ShouldBeEmpty();
        var tooLong = ProblemWorkflow.CheckText(new string('问', 151), null).Single();
        tooLong.MessageKey.ShouldBe("Problem.Error.TitleTooLong");
        tooLong.Field.ShouldBe("Title");
        ProblemWorkflow.CheckText("  ", null).Single().MessageKey.ShouldBe("Problem.Error.TitleRequired");
        ProblemWorkflow.CheckText("用地指标", new string('x', 4001)).Single().Field.ShouldBe("Description");
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData(1, true)]
    [InlineData(5, true)]
    [InlineData(0, false)]
    [InlineData(6, false)]
    public void CheckSatisfaction_AllowsOneToFive(int? value, bool ok)
    {
        (ProblemWorkflow.CheckSatisfaction(value) is null).ShouldBe(ok);
    }

    [Fact]
    public void CheckReason_RequiresText()
    {
        ProblemWorkflow.CheckReason(" ")!.MessageKey.ShouldBe("Problem.Error.ReasonRequired");
        ProblemWorkflow.CheckReason("未落实").ShouldBeNull();
    }
}

public sealed class ProblemStatisticsTests
{
    static DateOnly D(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    static ProblemFact Closed(string raised, string closed, ProblemCategory c = ProblemCategory.Land, int? dept = 7, int level = 1, int? sat = null) =>
        new(c, dept, level, ProblemStatus.Closed, D(raised), D(raised).AddDays(3), D(closed), sat);

    static ProblemFact Open(string raised, string deadline, ProblemStatus s = ProblemStatus.InProgress, ProblemCategory c = ProblemCategory.Funding, int? dept = 8, int level = 2) =>
        new(c, dept, level, s, D(raised), D(deadline), null, null);

    [Fact]
    public void Nanle_245Of245Solved_Is100Percent()
    {
        var all = Enumerable.Range(0, 245).Select(_ => Closed("2023-03-01", "2023-03-03")).ToList();

        var s = ProblemStatistics.Of(all, D("2023-01-01"), D("2023-12-31"), D("2023-12-31"), WorkingCalendar.Default);

        s.Total.Raised.ShouldBe(245);
        s.Total.Solved.ShouldBe(245);
        s.Total.SolvedRate!.Value.Printed.ShouldBe(100.0m);
        s.Total.AverageWorkingDays.ShouldBe(2m); // Wed 03-01 → Fri 03-03
    }

    [Fact]
    public void Of_CountsRaisedInThePeriod_SolvedByItsEnd_OverdueOnTheAsOfDay_AndGroups()
    {
        var problems = new List<ProblemFact>
        {
            Closed("2026-11-02", "2026-11-05", sat: 5),                  // 3 working days
            Closed("2026-11-09", "2026-11-10", ProblemCategory.Approvals, 9, 3, sat: 2), // 1
            Closed("2026-11-16", "2026-12-01"),                          // solved after the period's end
            Open("2026-11-18", "2026-11-23"),                            // overdue on 11-25
            Open("2026-11-19", "2026-11-26"),                            // not yet
            Open("2026-11-20", "2026-11-20", ProblemStatus.Answered),    // answered: not overdue
            Open("2026-10-30", "2026-11-04"),                            // raised before the period
        };

        var s = ProblemStatistics.Of(problems, D("2026-11-01"), D("2026-11-30"), D("2026-11-25"), WorkingCalendar.Default);

        s.Total.Raised.ShouldBe(6);
        s.Total.Solved.ShouldBe(2);
        s.Total.Open.ShouldBe(3);
        s.Total.Overdue.ShouldBe(1);
        s.Total.SolvedRate!.Value.Printed.ShouldBe(33.3m);
        s.Total.AverageWorkingDays.ShouldBe(2.0m);
        s.Total.SatisfiedRate!.Value.Printed.ShouldBe(50.0m);
        s.ByCategory[ProblemCategory.Approvals].Solved.ShouldBe(1);
        s.ByCategory[ProblemCategory.Funding].Raised.ShouldBe(3);
        s.ByDepartment[9].Raised.ShouldBe(1);
        s.ByLevel[2].Overdue.ShouldBe(1);
    }

    [Fact]
    public void Of_WithNothingRaised_HasNoRates()
    {
        var s = ProblemStatistics.Of([], D("2026-11-01"), D("2026-11-30"), D("2026-11-30"), WorkingCalendar.Default);

        s.Total.Raised.ShouldBe(0);
        s.Total.SolvedRate.ShouldBeNull();
        s.Total.AverageWorkingDays.ShouldBeNull();
    }
}
