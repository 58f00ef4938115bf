namespace KeyProjects.Domain.Progress;

/// <summary>
/// The sums behind every metric for a set of projects. Amounts are held as whole yuan (万元 × 10,000) in longs, so that
/// adding up a province of projects for every unit of the tree is cheap and exact.
/// </summary>
public struct ProgressTotals
{
    private const decimal Scale = 10_000m;

    public int Projects;
    public int Reported;
    public long AnnualPlan;
    public long TotalInvestment;
    public long YtdCompleted;
    public long SinceStartCompleted;
    public long FundsYtd;
    public long PlanToDate;
    public int DueToStart;
    public int Started;
    public int DueToComplete;
    public int CompletedOnTime;
    public int Completed;
    /// <summary>Year-to-date of the projects that also have a figure for the same month a year before, and that figure.</summary>
    public long YtdComparable;
    public long YtdYearBefore;
    public int WithYearBefore;
    public long StatisticalYtd;
    public int WithStatistical;

    public static long ToUnits(decimal wan) => (long)decimal.Round(wan * Scale, 0, MidpointRounding.AwayFromZero);
    public static decimal ToWan(long units) => units / Scale;

    public void Add(in ProjectStanding s)
    {
        Projects++;
        if (s.HasReport) Reported++;
        AnnualPlan += ToUnits(s.AnnualPlan);
        TotalInvestment += ToUnits(s.TotalInvestment);
        var ytd = ToUnits(s.YtdCompleted);
        YtdCompleted += ytd;
        SinceStartCompleted += ToUnits(s.SinceStartCompleted);
        FundsYtd += ToUnits(s.FundsYtd);
        PlanToDate += ToUnits(s.PlanToDate);
        if (s.DueToStart) DueToStart++;
        if (s.Started) Started++;
        if (s.DueToComplete) DueToComplete++;
        if (s.CompletedOnTime) CompletedOnTime++;
        if (s.Completed) Completed++;
        if (s.YtdYearBefore is { } before)
        {
            WithYearBefore++;
            YtdYearBefore += ToUnits(before);
            YtdComparable += ytd;
        }
        if (s.StatisticalYtd is { } stat)
        {
            WithStatistical++;
            StatisticalYtd += ToUnits(stat);
        }
    }

    public void Add(in ProgressTotals o)
    {
        Projects += o.Projects;
        Reported += o.Reported;
        AnnualPlan += o.AnnualPlan;
        TotalInvestment += o.TotalInvestment;
        YtdCompleted += o.YtdCompleted;
        SinceStartCompleted += o.SinceStartCompleted;
        FundsYtd += o.FundsYtd;
        PlanToDate += o.PlanToDate;
        DueToStart += o.DueToStart;
        Started += o.Started;
        DueToComplete += o.DueToComplete;
        CompletedOnTime += o.CompletedOnTime;
        Completed += o.Completed;
        YtdComparable += o.YtdComparable;
        YtdYearBefore += o.YtdYearBefore;
        WithYearBefore += o.WithYearBefore;
        StatisticalYtd += o.StatisticalYtd;
        WithStatistical += o.WithStatistical;
    }
}
