using KeyProjects.Domain.Common;

namespace KeyProjects.Domain.Milestones;

/// <summary>
/// 按月排进度: a year's planned investment split by month, each month its own amount (not cumulative), 万元.
/// The months add up to the project's annual plan.
/// </summary>
public static class MonthlyPlanRules
{
    public const int Months = 12;

    /// <summary>
    /// Each amount is a non-negative 万元 figure; the twelve add up to <paramref name="annualPlan"/> when the project has
    /// one for the year (without one, there is nothing to add up to, and any split is accepted).
    /// </summary>
    public static IEnumerable<DomainError> Validate(IReadOnlyList<decimal> amounts, decimal? annualPlan)
    {
        if (amounts.Count != Months)
        {
            yield return new RuleBroken("Error.MonthlyPlan.TwelveMonths", Months);
            yield break;
        }
        var bad = false;
        for (var i = 0; i < Months; i++)
        {
            var field = FieldOf(i + 1);
            var a = amounts[i];
            DomainError? e = a < 0 ? new FieldInvalid(field, "Error.AmountNegative")
                : a > Money.MaxWan ? new FieldInvalid(field, "Error.AmountTooLarge")
                : !Money.HasAtMostMaxDecimals(a) ? new FieldInvalid(field, "Error.AmountTooPrecise", Money.MaxDecimals)
                : null;
            if (e is null) continue;
            bad = true;
            yield return e;
        }
        if (bad || annualPlan is not { } plan) yield break;
        var sum = amounts.Sum();
        if (sum != plan)
            yield return new FieldInvalid("Total", "Error.MonthlyPlan.SumMismatch", sum, plan, sum - plan);
    }

    /// <summary>The form and API name of a month's cell: Months[1] … Months[12].</summary>
    public static string FieldOf(int month) => $"Months[{month}]";

    /// <summary>平均分配: the annual plan in twelve equal parts to the cent of a 万元; December takes what rounding leaves.</summary>
    public static decimal[] SpreadEvenly(decimal annualPlan)
    {
        var part = Math.Floor(annualPlan / Months * 100m) / 100m;
        var result = Enumerable.Repeat(part, Months).ToArray();
        result[Months - 1] = annualPlan - part * (Months - 1);
        return result;
    }

    /// <summary>
    /// 按上年比例: this year's plan in the shape of last year's split, to the cent of a 万元; the largest month takes
    /// what rounding leaves. With no split last year (or one that adds up to nothing), an even spread.
    /// </summary>
    public static decimal[] CopyShape(IReadOnlyList<decimal> lastYear, decimal annualPlan)
    {
        var total = lastYear.Count == Months ? lastYear.Sum() : 0m;
        if (total <= 0) return SpreadEvenly(annualPlan);
        var result = lastYear.Select(m => Math.Floor(annualPlan * m / total * 100m) / 100m).ToArray();
        var largest = Array.IndexOf(result, result.Max());
        result[largest] += annualPlan - result.Sum();
        return result;
    }

    /// <summary>Running totals, month by month.</summary>
    public static decimal[] Cumulative(IReadOnlyList<decimal> amounts)
    {
        var result = new decimal[amounts.Count];
        var sum = 0m;
        for (var i = 0; i < amounts.Count; i++) result[i] = sum += amounts[i];
        return result;
    }

    /// <summary>A running total as a percentage of the annual plan, one decimal, half-up as the bulletins print; none without a plan.</summary>
    public static decimal? PercentOfPlan(decimal cumulative, decimal? annualPlan) =>
        annualPlan is { } p && p > 0 ? Rounding.HalfUp(cumulative / p * 100m, 1) : null;
}
