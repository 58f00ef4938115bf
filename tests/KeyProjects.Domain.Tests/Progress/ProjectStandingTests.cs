using KeyProjects.Domain.Progress;
using KeyProjects.Domain.Projects;

namespace KeyProjects.Domain.Tests.Progress;

public class ProjectStandingTests
{
    private static readonly Period May = new(2023, 5);

    private static ProjectFacts New(DateOnly? plannedStart = null, DateOnly? actualStart = null, DateOnly? plannedCompletion = null, DateOnly? actualCompletion = null,
        ProjectStage stage = ProjectStage.Procedures) =>
        new(ConstructionKind.New, stage, 1000m, plannedStart, plannedCompletion, actualStart, actualCompletion);

    private static ReportedFigures Report(StartStatus status) => new(10m, 10m, 5m, status, null);

    public static TheoryData<string, ProjectFacts, StartStatus?, bool, bool> StartCases => new()
    {
        { "continuing, reported started", New() with { Kind = ConstructionKind.Continuing }, StartStatus.Started, true, true },
        { "continuing, stopped", New() with { Kind = ConstructionKind.Continuing }, StartStatus.Stopped, true, false },
        { "continuing, resumed", New() with { Kind = ConstructionKind.Continuing }, StartStatus.Resumed, true, true },
        { "new, due, not started", New(new DateOnly(2023, 4, 1)), StartStatus.NotStarted, true, false },
        { "new, due on the last day", New(new DateOnly(2023, 5, 31)), null, true, false },
        { "new, not yet due", New(new DateOnly(2023, 6, 1)), null, false, false },
        { "new, not due but started early", New(new DateOnly(2023, 9, 1)), StartStatus.Started, true, true },
        { "new, no report, actual start in the registry", New(new DateOnly(2023, 3, 1), new DateOnly(2023, 3, 20)), null, true, true },
        { "new, actual start after the period", New(new DateOnly(2023, 3, 1), new DateOnly(2023, 6, 2)), null, true, false },
        { "completed counts as started", New(new DateOnly(2022, 3, 1), actualCompletion: new DateOnly(2023, 4, 1)), StartStatus.NotStarted, true, true },
    };

    [Theory]
    [MemberData(nameof(StartCases))]
    public void DueToStart_AndStarted(string name, ProjectFacts facts, StartStatus? status, bool due, bool started)
    {
        var s = ProjectStanding.Of(facts, 100m, status is { } st ? Report(st) : null, May, null, null);
        s.DueToStart.ShouldBe(due, name);
        s.Started.ShouldBe(started, name);
    }

    public static TheoryData<string, DateOnly?, DateOnly?, bool, bool, bool> CompletionCases => new()
    {
        { "due in April, done in March", new DateOnly(2023, 4, 30), new DateOnly(2023, 3, 31), true, true, true },
        { "due in April, done in May (late)", new DateOnly(2023, 4, 30), new DateOnly(2023, 5, 20), true, false, true },
        { "due in April, not done", new DateOnly(2023, 4, 30), null, true, false, false },
        { "due in June: not yet due", new DateOnly(2023, 6, 30), null, false, false, false },
        { "due last year: not this year's", new DateOnly(2022, 12, 31), new DateOnly(2022, 12, 1), false, false, true },
        { "done after the period: not yet", new DateOnly(2023, 12, 31), new DateOnly(2023, 6, 5), false, false, false },
    };

    [Theory]
    [MemberData(nameof(CompletionCases))]
    public void DueToComplete_OnTime_Completed(string name, DateOnly? planned, DateOnly? actual, bool due, bool onTime, bool completed)
    {
        var facts = New(new DateOnly(2021, 1, 1), new DateOnly(2021, 2, 1), planned, actual, ProjectStage.UnderConstruction);
        var s = ProjectStanding.Of(facts, 100m, Report(StartStatus.Started), May, null, null);
        s.DueToComplete.ShouldBe(due, name);
        s.CompletedOnTime.ShouldBe(onTime, name);
        s.Completed.ShouldBe(completed, name);
    }

    [Fact]
    public void PlanConvention_UsesTheMonthlyPlan_OrTheAnnualPlanSpreadEvenly()
    {
        var facts = New() with { Kind = ConstructionKind.Continuing };
        var withPlan = ProjectStanding.Of(facts, 120m, Report(StartStatus.Started), May, planToDate: 30m, null);
        var withoutPlan = ProjectStanding.Of(facts, 120m, Report(StartStatus.Started), May, planToDate: null, null);
        withPlan.PlanToDate.ShouldBe(30m);
        withoutPlan.PlanToDate.ShouldBe(50m);
        var t = new ProgressTotals();
        t.Add(withPlan);
        t.Add(withoutPlan);
        // (30 + 50) / 240 = 33.3%; completion 20 / 240 = 8.3% → 25.0 points behind, shown in red.
        var m = ProgressMetrics.Compute(t, May, TimeConvention.Plan, MetricPrecision.Default);
        m.TimeProgress!.Value.Printed.ShouldBe(33.3m);
        m.PointsAhead!.Value.Printed.ShouldBe(-25.0m);
        m.IsBehind.ShouldBeTrue();
    }

    [Fact]
    public void Totals_AddUpExactly_AndMergeLikeAddingEachProject()
    {
        var a = ProjectStanding.Of(New() with { Kind = ConstructionKind.Continuing }, 0.0001m, new ReportedFigures(1234.5678m, 2000m, 1m, StartStatus.Started, null), May, null, 1000m);
        var b = ProjectStanding.Of(New(new DateOnly(2023, 1, 1)), 99999.9999m, null, May, null, null);
        var one = new ProgressTotals();
        one.Add(a);
        one.Add(b);
        var left = new ProgressTotals();
        left.Add(a);
        var right = new ProgressTotals();
        right.Add(b);
        left.Add(right);
        left.ShouldBe(one);
        ProgressTotals.ToWan(one.AnnualPlan).ShouldBe(100000m);
        ProgressTotals.ToWan(one.YtdCompleted).ShouldBe(1234.5678m);
        one.Reported.ShouldBe(1);
        one.WithYearBefore.ShouldBe(1);
        one.DueToStart.ShouldBe(2);
        one.Started.ShouldBe(1);
    }
}

public class ProjectSelectionTests
{
    [Theory]
    [InlineData("", ProjectLevel.Provincial, "", true)]
    [InlineData("Provincial", ProjectLevel.Provincial | ProjectLevel.City, "", true)]
    [InlineData("Provincial", ProjectLevel.City, "", false)]
    [InlineData("Provincial,City", ProjectLevel.City, "", true)]
    [InlineData("Provincial,SpecialBond", ProjectLevel.Provincial, "SpecialBond,ThreeBatches", true)]
    [InlineData("Provincial,SpecialBond", ProjectLevel.Provincial, "ThreeBatches", false)]
    [InlineData("SpecialBond,CentralBudget", ProjectLevel.None, "SpecialBond", false)]
    [InlineData("shortfall982", ProjectLevel.County, "Shortfall982", true)]
    public void Matches_AnyLevel_AndEveryList(string text, ProjectLevel levels, string lists, bool expected)
    {
        ProjectSelection.TryParse(text, out var s).ShouldBeTrue();
        var onLists = lists.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<ProjectList>).ToList();
        s.Matches(levels, onLists).ShouldBe(expected);
    }

    [Theory]
    [InlineData("Nonsense")]
    [InlineData("1")]
    [InlineData("None")]
    public void UnknownNames_AreRefused(string text) => ProjectSelection.TryParse(text, out _).ShouldBeFalse();
}
