using KeyProjects.Domain.Calendar;
using KeyProjects.Domain.Progress;

namespace KeyProjects.Domain.Problems;

/// <summary>What the statistics need to know of one problem.</summary>
public readonly record struct ProblemFact(
    ProblemCategory Category,
    int? DepartmentOrgId,
    int Level,
    ProblemStatus Status,
    DateOnly RaisedOn,
    DateOnly DueOn,
    DateOnly? ClosedOn,
    int? Satisfaction);

/// <summary>Counts for one group (or the whole selection).</summary>
public sealed record ProblemCounts
{
    /// <summary>收集 / 交办: raised in the period.</summary>
    public int Raised { get; init; }
    /// <summary>解决 / 化解 / 办结销号: of those, closed by the end of the period (or the as-of day, if earlier).</summary>
    public int Solved { get; init; }
    /// <summary>Of those raised, still open (not answered) and past their 办理时限 on the as-of day.</summary>
    public int Overdue { get; init; }
    /// <summary>Of those raised, not closed yet.</summary>
    public int Open { get; init; }
    /// <summary>解决率 (= 化解率, 办结率) = solved ÷ raised.</summary>
    public Rate? SolvedRate { get; init; }
    /// <summary>Average working days from raising to 销号, over the solved ones.</summary>
    public decimal? AverageWorkingDays { get; init; }
    /// <summary>满意率: share of satisfaction ratings of 4 or 5 among those given.</summary>
    public Rate? SatisfiedRate { get; init; }
}

/// <summary>Statistics for any subtree and period (pure: the host selects the problems of the subtree).</summary>
public sealed record ProblemStatistics(
    ProblemCounts Total,
    IReadOnlyDictionary<ProblemCategory, ProblemCounts> ByCategory,
    IReadOnlyDictionary<int, ProblemCounts> ByDepartment,
    IReadOnlyDictionary<int, ProblemCounts> ByLevel)
{
    public const int RateDecimals = 1;
    public const int DaysDecimals = 1;

    /// <summary>A department id standing for "not assigned yet" in <see cref="ByDepartment"/>.</summary>
    public const int Unassigned = 0;

    public static ProblemStatistics Of(IReadOnlyCollection<ProblemFact> problems, DateOnly from, DateOnly to, DateOnly asOf, WorkingCalendar calendar)
    {
        var end = to < asOf ? to : asOf;
        var inPeriod = problems.Where(p => p.RaisedOn >= from && p.RaisedOn <= end).ToList();
        return new ProblemStatistics(
            Count(inPeriod, end, asOf, calendar),
            inPeriod.GroupBy(p => p.Category).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => Count(g.ToList(), end, asOf, calendar)),
            inPeriod.GroupBy(p => p.DepartmentOrgId ?? Unassigned).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => Count(g.ToList(), end, asOf, calendar)),
            inPeriod.GroupBy(p => p.Level).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => Count(g.ToList(), end, asOf, calendar)));
    }

    static ProblemCounts Count(List<ProblemFact> raised, DateOnly end, DateOnly asOf, WorkingCalendar calendar)
    {
        var solved = raised.Where(p => p.Status == ProblemStatus.Closed && p.ClosedOn is { } c && c <= end).ToList();
        var rated = raised.Where(p => p.Satisfaction is not null).ToList();
        return new ProblemCounts
        {
            Raised = raised.Count,
            Solved = solved.Count,
            Open = raised.Count(p => p.Status != ProblemStatus.Closed),
            Overdue = raised.Count(p => ProblemWorkflow.IsOverdue(p.Status, p.DueOn, asOf)),
            SolvedRate = Rate.Of(solved.Count, raised.Count, RateDecimals),
            AverageWorkingDays = solved.Count == 0
                ? null
                : Common.Rounding.HalfUp((decimal)solved.Sum(p => calendar.WorkingDaysBetween(p.RaisedOn, p.ClosedOn!.Value)) / solved.Count, DaysDecimals),
            SatisfiedRate = Rate.Of(rated.Count(p => p.Satisfaction >= 4), rated.Count, RateDecimals),
        };
    }
}
