using KeyProjects.Domain.Common;
using KeyProjects.Domain.Milestones;
using KeyProjects.Domain.Tests.Common;

namespace KeyProjects.Domain.Tests.Milestones;

public sealed class MonthlyPlanRulesTests
{
    private static decimal[] Twelve(decimal each) => Enumerable.Repeat(each, 12).ToArray();

    private static IReadOnlyList<DomainError> Check(decimal[] amounts, decimal? plan) => MonthlyPlanRules.Validate(amounts, plan).ToList();

    [Theory]
    [InlineData(1000, 12000, true)]
    [InlineData(1000, 12000.01, false)]
    [InlineData(1000, 11999.99, false)]
    [InlineData(0, 0, true)]
    public void Validate_TheMonths_AddUpToTheAnnualPlan(decimal each, decimal plan, bool ok)
    {
        var errors = Check(Twelve(each), plan);
        if (ok) errors.ShouldBeEmpty();
        else
        {
            var e = errors.ShouldBeSingleFieldError("Total", "Error.MonthlyPlan.SumMismatch");
            e.Args.ShouldBe([each * 12, plan, each * 12 - plan]);
        }
    }

    [Fact]
    public void Validate_WithoutAnAnnualPlan_AcceptsAnySplit() => Check(Twelve(7.5m), null).ShouldBeEmpty();

    [Theory]
    [InlineData(-0.01, "Error.AmountNegative")]
    [InlineData(100000000.01, "Error.AmountTooLarge")]
    [InlineData(1.00001, "Error.AmountTooPrecise")]
    public void Validate_ABadCell_IsReportedAtItsMonth_AndTheSumIsNotChecked(decimal value, string key)
    {
        var amounts = Twelve(0);
        amounts[2] = value;
        Check(amounts, 500m).ShouldBeSingleFieldError("Months[3]", key);
    }

    [Fact]
    public void Validate_NotTwelveMonths_IsRefused() =>
        Check([1m, 2m], null).Single().MessageKey.ShouldBe("Error.MonthlyPlan.TwelveMonths");

    [Theory]
    [InlineData(12000, 1000, 1000)]
    [InlineData(1000, 83.33, 83.37)]
    [InlineData(0.05, 0, 0.05)]
    [InlineData(0, 0, 0)]
    public void SpreadEvenly_EqualParts_DecemberTakesTheRest(decimal plan, decimal month, decimal december)
    {
        var s = MonthlyPlanRules.SpreadEvenly(plan);
        s.Sum().ShouldBe(plan);
        s.Take(11).ShouldAllBe(m => m == month);
        s[11].ShouldBe(december);
    }

    [Fact]
    public void CopyShape_KeepsLastYearsProportions_AndAddsUpExactly()
    {
        decimal[] last = [0, 0, 100, 100, 200, 200, 200, 100, 50, 50, 0, 0]; // 1000
        var s = MonthlyPlanRules.CopyShape(last, 2000m);
        s.ShouldBe([0, 0, 200, 200, 400, 400, 400, 200, 100, 100, 0, 0]);

        var odd = MonthlyPlanRules.CopyShape(last, 1000.01m);
        odd.Sum().ShouldBe(1000.01m);
        odd[0].ShouldBe(0m);
    }

    [Fact]
    public void CopyShape_WithNothingLastYear_SpreadsEvenly() =>
        MonthlyPlanRules.CopyShape(Twelve(0), 1200m).ShouldBe(Twelve(100m));

    [Fact]
    public void Cumulative_AndPercent_AsTheBulletinsRound()
    {
        decimal[] amounts = [100, 0, 200, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        var cum = MonthlyPlanRules.Cumulative(amounts);
        cum[0].ShouldBe(100m);
        cum[2].ShouldBe(300m);
        MonthlyPlanRules.PercentOfPlan(cum[0], 300m).ShouldBe(33.3m);
        MonthlyPlanRules.PercentOfPlan(cum[2], 300m).ShouldBe(100m);
        MonthlyPlanRules.PercentOfPlan(200m, 300m).ShouldBe(66.7m);
        MonthlyPlanRules.PercentOfPlan(1m, null).ShouldBeNull();
        MonthlyPlanRules.PercentOfPlan(1m, 0m).ShouldBeNull();
    }
}
