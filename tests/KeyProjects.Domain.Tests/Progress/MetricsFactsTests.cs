using KeyProjects.Domain.Progress;
using KeyProjects.Domain.Projects;

namespace KeyProjects.Domain.Tests.Progress;

/// <summary>Every consistent figure of ../shared/mission/FACTS.md that a metric can reproduce, as a table.</summary>
public class MetricsFactsTests
{
    private const decimal Yi = 10_000m;

    private static readonly ProjectFacts Continuing = new(ConstructionKind.Continuing, ProjectStage.UnderConstruction, 0, null, null, null, null);

    /// <summary>One project standing for a whole list, carrying the list's printed amounts (亿元).</summary>
    private static ProgressTotals Totals(decimal planYi, decimal ytdYi, Period p, decimal? beforeYi = null, decimal totalYi = 0, decimal sinceStartYi = 0, decimal fundsYi = 0)
    {
        var report = new ReportedFigures(ytdYi * Yi, sinceStartYi * Yi, fundsYi * Yi, StartStatus.Started, null);
        var s = ProjectStanding.Of(Continuing with { TotalInvestment = totalYi * Yi }, planYi * Yi, report, p, null, beforeYi * Yi);
        var t = new ProgressTotals();
        t.Add(s);
        return t;
    }

    private static ProgressMetrics Metrics(ProgressTotals t, Period p, TimeConvention c = TimeConvention.Months, MetricPrecision? precision = null) =>
        ProgressMetrics.Compute(t, p, c, precision ?? MetricPrecision.Default);

    public static TheoryData<string, decimal, decimal, int, decimal> CompletionRates => new()
    {
        // FACTS 1.1 南乐县 41 projects: 54.56亿 of 120.03亿 → "45.5%" (truncation would print 45.4).
        { "1.1 南乐县", 54.56m, 120.03m, 1, 45.5m },
        { "1.1 南乐县 at 2 dp", 54.56m, 120.03m, 2, 45.46m },
        // FACTS 1.2 濮阳县: 128.4 / 343.4 is 37.39; the printed 37.41 is reached only at the edge of the inputs' rounding.
        { "1.2 濮阳县 printed inputs", 128.4m, 343.4m, 2, 37.39m },
        { "1.2 濮阳县 at the rounding edge", 128.45m, 343.35m, 2, 37.41m },
        // FACTS 1.7 / 1.8 驻马店, whole percent: 246亿 of ≈482.4亿 → 51%, 893亿 of ≈1594.6亿 → 56%.
        { "1.7 驻马店 省重点工业", 246m, 482.4m, 0, 51m },
        { "1.8 驻马店 市重点工业", 893m, 1594.6m, 0, 56m },
        // FACTS 1.10 华龙区 year end: 59.2亿 of ≈43.2亿 → 137%.
        { "1.10 华龙区", 59.2m, 43.2m, 0, 137m },
    };

    [Theory]
    [MemberData(nameof(CompletionRates))]
    public void CompletionRate_IsRoundedHalfUpToThePrintedPrecision(string fact, decimal ytdYi, decimal planYi, int decimals, decimal printed)
    {
        var p = new Period(2023, 3);
        var m = Metrics(Totals(planYi, ytdYi, p), p, precision: MetricPrecision.Default.With(Metric.CompletionRate, decimals));
        m.CompletionRate!.Value.Printed.ShouldBe(printed, fact);
    }

    public static TheoryData<string, decimal, TimeConvention, decimal, decimal, decimal> PointsAhead => new()
    {
        // FACTS 1.4 荥阳 "982": 60.3% (unrounded ≥ 60.317), "超序时进度18.7个百分点": fits months/12 only.
        { "1.4 荥阳 982 months", 60.32m, TimeConvention.Months, 41.7m, 18.7m, 0m },
        { "1.4 荥阳 982 days (printed 60.3)", 60.3m, TimeConvention.Days, 41.4m, 18.9m, 0m },
        // FACTS 1.3 荥阳 key projects: 49.1%, printed +7.6; months gives 7.4, days 7.7: neither, within 0.2 pt (§9.1).
        { "1.3 荥阳 key months", 49.1m, TimeConvention.Months, 41.7m, 7.6m, 0.2m },
        { "1.3 荥阳 key days", 49.1m, TimeConvention.Days, 41.4m, 7.7m, 0m },
        // FACTS 1.6 漯河 1至5月: points not printed, recomputed 22.7 / 25.2 by months, 23.0 / 25.5 by days.
        { "1.6 漯河 省重点 months", 64.4m, TimeConvention.Months, 41.7m, 22.7m, 0m },
        { "1.6 漯河 市重点 months", 66.9m, TimeConvention.Months, 41.7m, 25.2m, 0m },
        { "1.6 漯河 省重点 days", 64.4m, TimeConvention.Days, 41.4m, 23.0m, 0m },
        { "1.6 漯河 市重点 days", 66.9m, TimeConvention.Days, 41.4m, 25.5m, 0m },
    };

    [Theory]
    [MemberData(nameof(PointsAhead))]
    public void PointsAhead_AreTakenFromTheExactFigures(string fact, decimal completionPercent, TimeConvention convention, decimal time, decimal points, decimal tolerance)
    {
        var may2022 = new Period(2022, 5);
        var m = Metrics(Totals(100m, completionPercent, may2022), may2022, convention);
        m.TimeProgress!.Value.Printed.ShouldBe(time, fact);
        Math.Abs(m.PointsAhead!.Value.Printed - points).ShouldBeLessThanOrEqualTo(tolerance, fact);
        m.IsBehind.ShouldBeFalse();
    }

    [Fact]
    public void DaysConvention_CountsDaysToTheEndOfTheMonth_151Of365ForMay2022()
    {
        var t = new ProgressTotals();
        ProgressMetrics.TimeProgressOf(t, new Period(2022, 5), TimeConvention.Days, 3)!.Value.Exact.ShouldBe(151m * 100 / 365);
        ProgressMetrics.TimeProgressOf(t, new Period(2024, 2), TimeConvention.Days, 3)!.Value.Exact.ShouldBe(60m * 100 / 366);
        ProgressMetrics.TimeProgressOf(t, new Period(2022, 5), TimeConvention.Months, 3)!.Value.Printed.ShouldBe(41.667m);
    }

    [Fact]
    public void Huanglong_AtYearEnd_Is37PointsAheadOfTheFullYear()
    {
        var dec = new Period(2022, 12);
        var m = Metrics(Totals(43.2m, 59.2m, dec), dec, precision: MetricPrecision.Default.With(Metric.PointsAhead, 0));
        m.TimeProgress!.Value.Exact.ShouldBe(100m);
        m.PointsAhead!.Value.Printed.ShouldBe(37m);
    }

    [Fact]
    public void Luohe_ReachesHalfInMay_OneMonthEarly_ButTimeIsNotHalf()
    {
        var may = new Period(2022, 5);
        var m = Metrics(Totals(100m, 64.4m, may), may);
        m.TaskHalf.ShouldBeTrue();
        m.TimeHalf.ShouldBeFalse();
        m.DoubleHalf.ShouldBeFalse();
        ProgressMetrics.MonthsEarlyForHalf([8m, 20m, 31m, 45m, 64.4m]).ShouldBe(1);
        ProgressMetrics.MonthsEarlyForHalf([8m, 20m, 31m, 45m, 49.9m, 50m]).ShouldBe(0);
        ProgressMetrics.MonthsEarlyForHalf([8m, 20m, 31m, 45m, 49.9m, 49.99m, 60m]).ShouldBeNull();
        // At the end of June both halves hold: 双过半.
        var june = Metrics(Totals(100m, 64.4m, new Period(2022, 6)), new Period(2022, 6));
        june.DoubleHalf.ShouldBeTrue();
    }

    [Fact]
    public void Zhumadian_EndOfApril_TimeIsNotHalf_AndPointsAboveTheProvinceAverage()
    {
        var april = new Period(2021, 4);
        var zero = MetricPrecision.Default.With(Metric.CompletionRate, 0);
        var city = Metrics(Totals(482.4m, 246m, april), april, precision: zero);
        var province = Metrics(Totals(1000m, 440m, april), april, precision: zero);
        city.TimeProgress!.Value.Printed.ShouldBe(33.3m);
        Metrics(Totals(482.4m, 246m, april), april, TimeConvention.Days).TimeProgress!.Value.Printed.ShouldBe(32.9m);
        city.TimeHalf.ShouldBeFalse();
        city.TaskHalf.ShouldBeTrue();
        city.PointsAbove(province, 0)!.Value.Printed.ShouldBe(7m);
        Metrics(Totals(1594.6m, 893m, april), april).PointsAbove(province, 0)!.Value.Printed.ShouldBe(12m);
    }

    public static TheoryData<string, int, int, decimal> StartRates => new()
    {
        // FACTS 2.1 荥阳 90.9% is 60 of 66 due, not of the 67 projects; 2.2 "982" 68 of 68.
        { "2.1 荥阳 key", 60, 66, 90.9m },
        { "2.1 not of 67 (61)", 61, 67, 91.0m },
        { "2.1 not of 67 (60)", 60, 67, 89.6m },
        { "2.2 荥阳 982", 68, 68, 100m },
    };

    [Theory]
    [MemberData(nameof(StartRates))]
    public void StartRate_IsStartedAmongThoseDue(string fact, int started, int due, decimal printed)
    {
        var p = new Period(2022, 5);
        var t = new ProgressTotals();
        var newProject = new ProjectFacts(ConstructionKind.New, ProjectStage.Procedures, 1000m, new DateOnly(2022, 3, 1), new DateOnly(2024, 12, 31), null, null);
        for (var i = 0; i < due; i++)
        {
            var status = i < started ? StartStatus.Started : StartStatus.NotStarted;
            t.Add(ProjectStanding.Of(newProject, 100m, new ReportedFigures(0, 0, 0, status, null), p, null, null));
        }
        // A new project not due until later and not started is not in the rate at all.
        t.Add(ProjectStanding.Of(newProject with { PlannedStart = new DateOnly(2022, 9, 1) }, 100m, new ReportedFigures(0, 0, 0, StartStatus.NotStarted, null), p, null, null));
        t.DueToStart.ShouldBe(due);
        Metrics(t, p).StartRate!.Value.Printed.ShouldBe(printed, fact);
    }

    public static TheoryData<string, int, int, decimal> CompletionCounts => new()
    {
        // FACTS 2.3 荥阳 中央预算内 竣工投产率 16/24 = 66.7 (half-up; truncation 66.6); 2.5 驻马店 93/135 = 68.9 (printed 68: §9.3).
        { "2.3 荥阳 中央预算内", 16, 24, 66.7m },
        { "2.5 驻马店 落地率 recomputed", 93, 135, 68.9m },
    };

    [Theory]
    [MemberData(nameof(CompletionCounts))]
    public void CompletionRateOfProjects_CountsCompletedAmongAll(string fact, int completed, int all, decimal printed)
    {
        var p = new Period(2022, 5);
        var t = new ProgressTotals();
        for (var i = 0; i < all; i++)
        {
            var facts = new ProjectFacts(ConstructionKind.Continuing, ProjectStage.UnderConstruction, 1000m, null, null, new DateOnly(2021, 1, 1),
                i < completed ? new DateOnly(2022, 4, 30) : null);
            t.Add(ProjectStanding.Of(facts, 100m, null, p, null, null));
        }
        Metrics(t, p).CompletionRateOfProjects!.Value.Printed.ShouldBe(printed, fact);
    }

    [Fact]
    public void Growth_OnTheSamePeriod_Zhumadian_48_7_And46_1PointsAboveTheProvince()
    {
        // FACTS 4.2: 145.3亿 against ≈97.7亿 the year before → +48.7%; the province 2.6% → 46.1 points above.
        var april = new Period(2021, 4);
        var m = Metrics(Totals(500m, 145.3m, april, beforeYi: 97.7m), april);
        m.Growth!.Value.Printed.ShouldBe(48.7m);
        Rounding(m.Growth.Value.Printed - 2.6m).ShouldBe(46.1m);
        // FACTS 4.1 荥阳 22.8% against 全国 6.8, 河南 12, 郑州 6.3 → 16, 10.8, 16.5 points.
        Rounding(22.8m - 6.8m).ShouldBe(16.0m);
        Rounding(22.8m - 12m).ShouldBe(10.8m);
        Rounding(22.8m - 6.3m).ShouldBe(16.5m);
    }

    private static decimal Rounding(decimal d) => KeyProjects.Domain.Common.Rounding.HalfUp(d, 1);

    [Fact]
    public void FundsRate_SinceStartRate_AndStatisticalFiguresKeptApart()
    {
        var p = new Period(2023, 6);
        var report = new ReportedFigures(50 * Yi, 300 * Yi, 40 * Yi, StartStatus.Started, 12 * Yi);
        var t = new ProgressTotals();
        t.Add(ProjectStanding.Of(Continuing with { TotalInvestment = 800 * Yi }, 120 * Yi, report, p, null, null));
        var m = Metrics(t, p);
        m.FundsRate!.Value.Printed.ShouldBe(33.3m);
        m.SinceStartRate!.Value.Printed.ShouldBe(37.5m);
        m.StatisticalYtd.ShouldBe(12 * Yi);
        m.YtdCompleted.ShouldBe(50 * Yi);
    }

    [Fact]
    public void NothingToDivideBy_GivesNoRate()
    {
        var m = Metrics(new ProgressTotals(), new Period(2023, 6));
        m.CompletionRate.ShouldBeNull();
        m.StartRate.ShouldBeNull();
        m.PointsAhead.ShouldBeNull();
        m.Growth.ShouldBeNull();
        m.TimeProgress!.Value.Printed.ShouldBe(50m);
    }
}
