using KeyProjects.Domain.Progress;
using KeyProjects.Domain.Projects;

namespace KeyProjects.Dataset;

/// <summary>A month's figures as reported, amounts in cents of 万元 (0.01 万元), so running totals add up exactly.</summary>
public readonly record struct MonthFigures(
    long Month,
    long Ytd,
    long SinceStart,
    long FundsA,
    long FundsB,
    long FundsYtd,
    long FundsCumA,
    long FundsCumB,
    StartStatus Status,
    int? Workers)
{
    public static decimal Wan(long cents) => cents / 100m;
}

/// <summary>
/// One month of a project's history: the figures that stand (the report row and its latest revision) and, for about
/// 2 % of months, the figures first approved (revision 1) before a correction known <see cref="CorrectionDays"/> days
/// after the deadline.
/// </summary>
public readonly record struct HistoryMonth(Period Period, MonthFigures Final, MonthFigures? Original, int CorrectionDays);

/// <summary>
/// Five years of monthly reports (2020-01 … 2024-12) for every project of <see cref="ProvinceProjects"/>: 20,000 × 60 =
/// 1.2 million. Before a project's actual start (or when it never started) a month reports nothing done, 未开工; from the
/// start month on, each year's work is spread over its active months (near the year's plan when the project has one),
/// up to the actual completion; the year-to-date figure restarts in January, the since-start figure only grows and
/// never passes the total investment. Funds in place follow the work (two sources). Deterministic for a seed.
/// </summary>
public static class ProvinceReports
{
    public static readonly Period First = new(2020, 1);
    public static readonly Period Last = new(2024, 12);
    public const int Months = 60;
    /// <summary>Chance that a month with work done is corrected later: about 2 % of all months (most months before a start report nothing).</summary>
    public const double CorrectionShare = 0.078;

    /// <summary>The history of each project, in the order of <see cref="ProvinceProjects.Generate"/>.</summary>
    public static IEnumerable<(GeneratedProject Project, HistoryMonth[] History)> Generate(int count = ProvinceProjects.DefaultCount, int seed = ProvinceProjects.DefaultSeed)
    {
        var random = new Random(seed + 1);
        foreach (var p in ProvinceProjects.Generate(count, seed))
            yield return (p, HistoryOf(random, p.Draft));
    }

    /// <summary>Where a project stands after 2024-12 (since-start, 万元 cents) and its total investment (cents).</summary>
    public static (long SinceStart, long Total) EndOf(HistoryMonth[] history, ProjectDraft d) =>
        (history[^1].Final.SinceStart, (long)(d.TotalInvestment * 100));

    private static HistoryMonth[] HistoryOf(Random r, ProjectDraft d)
    {
        var total = (long)decimal.Floor(d.TotalInvestment * 100);
        var start = d.ActualStart is { } s ? Period.Of(s) : (Period?)null;
        var end = d.ActualCompletion is { } c ? Period.Of(c) : Last;
        var government = d.InvestmentKind == InvestmentKind.Government;
        var amounts = new long[Months];

        if (start is { } st && st <= Last)
        {
            var from = Math.Max(st.Index, First.Index);
            var to = Math.Min(end.Index, Last.Index);
            // No project of the data set starts before 2021 (planned starts are 2021-01 … 2024-12), so 2020 is all 未开工.
            var remaining = total;
            for (var year = First.Year; year <= Last.Year; year++)
            {
                var yFrom = Math.Max(from, new Period(year, 1).Index);
                var yTo = Math.Min(to, new Period(year, 12).Index);
                if (yFrom > yTo) continue;
                var active = yTo - yFrom + 1;
                var plan = d.YearPlans.FirstOrDefault(p => p.Year == year);
                var target = plan is not null
                    ? (long)((double)(plan.PlannedInvestment * 100) * (0.6 + r.NextDouble() * 0.6))
                    : (long)(total * (0.15 + r.NextDouble() * 0.2) * active / 12.0);
                if (year == Last.Year && d.ActualCompletion is not null) target = Math.Max(target, remaining * 9 / 10);
                target = Math.Min(target, remaining);
                var weights = new double[active];
                var sum = 0.0;
                for (var i = 0; i < active; i++)
                {
                    var month = (yFrom + i) % 12 + 1;
                    weights[i] = (month is 1 or 2 ? 0.4 : 1.0) * (0.5 + r.NextDouble());
                    sum += weights[i];
                }
                long given = 0;
                for (var i = 0; i < active; i++)
                {
                    var a = i == active - 1 ? target - given : (long)(target * weights[i] / sum);
                    amounts[yFrom + i - First.Index] = a;
                    given += a;
                }
                remaining -= target;
            }
        }

        var history = new HistoryMonth[Months];
        long ytd = 0, since = 0, fundsYtd = 0, cumA = 0, cumB = 0;
        for (var i = 0; i < Months; i++)
        {
            var period = new Period(First.Year + i / 12, i % 12 + 1);
            if (period.Month == 1) { ytd = 0; fundsYtd = 0; }
            var before = (ytd, since, fundsYtd, cumA, cumB);
            var a = amounts[i];
            var started = start is { } st2 && period >= st2;
            var funds = (long)(a * (0.7 + r.NextDouble() * 0.3));
            var fa = (long)(funds * (government ? 0.55 : 0.35));
            var fb = funds - fa;
            ytd += a; since += a; fundsYtd += funds; cumA += fa; cumB += fb;
            var status = !started ? StartStatus.NotStarted : StartStatus.Started;
            int? workers = started && period <= end ? 20 + r.Next(400) : null;
            var final = new MonthFigures(a, ytd, since, fa, fb, fundsYtd, cumA, cumB, status, workers);

            MonthFigures? original = null;
            var days = 0;
            if (a > 0 && r.NextDouble() < CorrectionShare)
            {
                // First approved lower (an under-count found later); the figures after it build on the corrected month.
                var first = a * (70 + r.Next(26)) / 100;
                original = final with { Month = first, Ytd = before.ytd + first, SinceStart = before.since + first };
                days = 14 + r.Next(29);
            }
            history[i] = new HistoryMonth(period, final, original, days);
        }
        return history;
    }
}
