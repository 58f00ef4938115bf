using KeyProjects.Domain.Common;
using KeyProjects.Domain.Tests.Projects;

namespace KeyProjects.Domain.Tests.Common;

public sealed class RoundingTests
{
    /// <summary>Ratios published in the seed articles (FACTS.md §1, §2, §3), recomputed from the printed inputs.</summary>
    [Theory]
    // 1.1 南乐: 54.56 / 120.03 = 45.455 % → "45.5%" (truncation would give 45.4)
    [InlineData("54.56", "120.03", 1, "45.5")]
    [InlineData("54.56", "120.03", 2, "45.46")]
    // 2.3 荥阳 竣工投产率: 16 / 24 = 66.667 % → "66.7%" (truncation would give 66.6)
    [InlineData("16", "24", 1, "66.7")]
    [InlineData("16", "24", 2, "66.67")]
    // 1.2 濮阳县: 128.4 / 343.4 = 37.391 % (the article prints 37.41, which the printed inputs do not give)
    [InlineData("128.4", "343.4", 2, "37.39")]
    // 2.5 驻马店: 93 / 135 = 68.89 % → 69 at whole percent (the article's 68 is truncation)
    [InlineData("93", "135", 0, "69")]
    // 2.1 荥阳 开复工率 90.9 % fits 60/66, not k/67
    [InlineData("60", "66", 1, "90.9")]
    [InlineData("61", "67", 1, "91.0")]
    // 3.1 荥阳 专项债 overall use: 46 / 62.2 = 73.95 %
    [InlineData("46", "62.2", 2, "73.95")]
    // 8.1 南乐 问题解决率 245 / 245
    [InlineData("245", "245", 1, "100")]
    // 9.1 序时进度 at end-May: months 5/12 and days 151/365
    [InlineData("5", "12", 1, "41.7")]
    [InlineData("151", "365", 1, "41.4")]
    public void HalfUp_OfPublishedRatio_GivesPrintedPercentage(string part, string whole, int decimals, string expected)
    {
        var percent = ProjectDrafts.Wan(part) / ProjectDrafts.Wan(whole) * 100m;

        Rounding.HalfUp(percent, decimals).ShouldBe(ProjectDrafts.Wan(expected));
    }

    [Theory]
    [InlineData("0.125", 2, "0.13")]
    [InlineData("-0.125", 2, "-0.13")]
    [InlineData("0.135", 2, "0.14")]
    [InlineData("45.45", 1, "45.5")]
    [InlineData("66.65", 1, "66.7")]
    [InlineData("2.5", 0, "3")]
    [InlineData("-2.5", 0, "-3")]
    [InlineData("0.5", 0, "1")]
    [InlineData("1.005", 2, "1.01")]
    public void HalfUp_AtMidpoint_RoundsAwayFromZero(string value, int decimals, string expected)
    {
        Rounding.HalfUp(ProjectDrafts.Wan(value), decimals).ShouldBe(ProjectDrafts.Wan(expected));
    }

    [Theory]
    [InlineData("0.1249999", 2, "0.12")]
    [InlineData("0.1250001", 2, "0.13")]
    [InlineData("-0.1249999", 2, "-0.12")]
    [InlineData("45.449", 1, "45.4")]
    [InlineData("0", 2, "0")]
    [InlineData("37.4", 2, "37.40")]
    public void HalfUp_AwayFromMidpoint_RoundsToNearest(string value, int decimals, string expected)
    {
        Rounding.HalfUp(ProjectDrafts.Wan(value), decimals).ShouldBe(ProjectDrafts.Wan(expected));
    }
}
