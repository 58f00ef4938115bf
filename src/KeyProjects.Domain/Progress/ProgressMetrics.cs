using KeyProjects.Domain.Common;

namespace KeyProjects.Domain.Progress;

/// <summary>A rate in percent: the exact value and the value as printed (half-up to the metric's decimals).</summary>
public readonly record struct Rate(decimal Exact, decimal Printed, int Decimals)
{
    public static Rate? Of(long numerator, long denominator, int decimals) =>
        denominator <= 0 ? null : From(numerator * 100m / denominator, decimals);

    public static Rate From(decimal exact, int decimals) => new(exact, Rounding.HalfUp(exact, decimals), decimals);

    /// <summary>A share of two amounts in 万元 (one project's year-to-date of its plan), exact to the yuan.</summary>
    public static Rate? OfAmounts(decimal part, decimal whole, int decimals) =>
        Of(ProgressTotals.ToUnits(part), ProgressTotals.ToUnits(whole), decimals);
}

/// <summary>
/// Every metric the bulletins print, for one set of projects (a unit's subtree, a list, or both) at the end of a period.
/// Rates are null where there is nothing to divide by.
/// </summary>
public sealed record ProgressMetrics
{
    public required Period Period { get; init; }
    public required TimeConvention Convention { get; init; }
    public required ProgressTotals Totals { get; init; }

    /// <summary>投资完成率: 年初至报告期累计完成投资 ÷ 年度计划投资.</summary>
    public Rate? CompletionRate { get; init; }
    /// <summary>开工至报告期累计完成投资 ÷ 总投资.</summary>
    public Rate? SinceStartRate { get; init; }
    /// <summary>序时进度 by the chosen convention.</summary>
    public Rate? TimeProgress { get; init; }
    /// <summary>超(+)/慢(−)序时进度, percentage points, from the exact figures.</summary>
    public Rate? PointsAhead { get; init; }
    /// <summary>时间过半: time progress at least 50%.</summary>
    public bool TimeHalf { get; init; }
    /// <summary>任务过半: completion at least 50%.</summary>
    public bool TaskHalf { get; init; }
    /// <summary>双过半: both.</summary>
    public bool DoubleHalf => TimeHalf && TaskHalf;
    /// <summary>开复工率: started among those due to have started.</summary>
    public Rate? StartRate { get; init; }
    /// <summary>资金到位率: money in place this year ÷ annual plan.</summary>
    public Rate? FundsRate { get; init; }
    /// <summary>按期竣工率: completed by the planned date among those due to complete by the period's end.</summary>
    public Rate? OnTimeCompletionRate { get; init; }
    /// <summary>竣工投产率: completed (竣工/投产) among all the projects.</summary>
    public Rate? CompletionRateOfProjects { get; init; }
    /// <summary>同比增长: year-to-date against the same months of the year before, over the projects with both.</summary>
    public Rate? Growth { get; init; }
    /// <summary>统计口径 year-to-date, apart from the ledger (the projects that report one).</summary>
    public decimal? StatisticalYtd { get; init; }

    public decimal AnnualPlan => ProgressTotals.ToWan(Totals.AnnualPlan);
    public decimal TotalInvestment => ProgressTotals.ToWan(Totals.TotalInvestment);
    public decimal YtdCompleted => ProgressTotals.ToWan(Totals.YtdCompleted);
    public decimal SinceStartCompleted => ProgressTotals.ToWan(Totals.SinceStartCompleted);
    public decimal FundsYtd => ProgressTotals.ToWan(Totals.FundsYtd);

    /// <summary>Behind time progress (the figure a bulletin prints in red).</summary>
    public bool IsBehind => PointsAhead is { Exact: < 0 };

    public static ProgressMetrics Compute(in ProgressTotals t, Period period, TimeConvention convention, MetricPrecision precision)
    {
        var completion = Rate.Of(t.YtdCompleted, t.AnnualPlan, precision.Of(Metric.CompletionRate));
        var time = TimeProgressOf(t, period, convention, precision.Of(Metric.TimeProgress));
        return new ProgressMetrics
        {
            Period = period,
            Convention = convention,
            Totals = t,
            CompletionRate = completion,
            SinceStartRate = Rate.Of(t.SinceStartCompleted, t.TotalInvestment, precision.Of(Metric.SinceStartRate)),
            TimeProgress = time,
            PointsAhead = completion is { } c && time is { } tp ? Rate.From(c.Exact - tp.Exact, precision.Of(Metric.PointsAhead)) : null,
            TimeHalf = time is { Exact: >= 50m },
            TaskHalf = completion is { Exact: >= 50m },
            StartRate = Rate.Of(t.Started, t.DueToStart, precision.Of(Metric.StartRate)),
            FundsRate = Rate.Of(t.FundsYtd, t.AnnualPlan, precision.Of(Metric.FundsRate)),
            OnTimeCompletionRate = Rate.Of(t.CompletedOnTime, t.DueToComplete, precision.Of(Metric.OnTimeCompletionRate)),
            CompletionRateOfProjects = Rate.Of(t.Completed, t.Projects, precision.Of(Metric.CompletionRateOfProjects)),
            Growth = t.YtdYearBefore > 0
                ? Rate.From((t.YtdComparable - t.YtdYearBefore) * 100m / t.YtdYearBefore, precision.Of(Metric.Growth))
                : null,
            StatisticalYtd = t.WithStatistical > 0 ? ProgressTotals.ToWan(t.StatisticalYtd) : null,
        };
    }

    /// <summary>
    /// 序时进度 at the end of a period. Months: elapsed months ÷ 12 (5月 → 41.667%). Days: the period's last day of the year ÷
    /// days in the year (31 May 2022 → 151/365). Plan: the projects' monthly plans cumulated to the period ÷ their annual
    /// plans (a project without a monthly plan counts its annual plan spread evenly).
    /// </summary>
    public static Rate? TimeProgressOf(in ProgressTotals t, Period period, TimeConvention convention, int decimals) => convention switch
    {
        TimeConvention.Months => Rate.From(period.Month * 100m / 12m, decimals),
        TimeConvention.Days => Rate.From(period.LastDay.DayOfYear * 100m / (DateTime.IsLeapYear(period.Year) ? 366 : 365), decimals),
        TimeConvention.Plan => Rate.Of(t.PlanToDate, t.AnnualPlan, decimals),
        _ => throw new ArgumentOutOfRangeException(nameof(convention)),
    };

    /// <summary>Points above (+) or below (−) another set's completion rate: "高于全省平均进度7个百分点".</summary>
    public Rate? PointsAbove(ProgressMetrics other, int decimals) =>
        CompletionRate is { } a && other.CompletionRate is { } b ? Rate.From(a.Exact - b.Exact, decimals) : null;

    /// <summary>
    /// "提前N个月实现双过半": given the completion by month (index 0 = January) of the year, how many months before the end
    /// of June completion first reached half; null when it has not (yet) by June.
    /// </summary>
    public static int? MonthsEarlyForHalf(IReadOnlyList<decimal?> completionByMonth)
    {
        for (var i = 0; i < Math.Min(6, completionByMonth.Count); i++)
            if (completionByMonth[i] is >= 50m) return 5 - i;
        return null;
    }
}
